import { css } from 'lit';

export const dashboardStyles = css`
  :host {
    max-inline-size: var(--cp-dashboard-max-width, 80rem);
    margin-inline: auto;
    padding: 1rem;
  }
  h1 {
    font-size: 1.6rem;
    margin-block-start: 0;
  }
  h2 {
    font-size: 1.3rem;
  }
  h3 {
    font-size: 1.1rem;
  }
  h2:focus,
  h1:focus {
    outline: none;
  }
  h2:focus-visible {
    outline: 3px solid var(--_focus);
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.5rem 1rem 1rem;
    margin-block: 1rem;
    min-inline-size: 0;
  }
  legend {
    font-weight: 600;
    padding-inline: 0.25rem;
  }
  .options {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1.5rem;
  }
  .options label,
  .field {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    min-block-size: 2.75rem;
  }
  .field {
    flex-direction: column;
    align-items: stretch;
    gap: 0.25rem;
  }
  .fields {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
    gap: 0.75rem 1rem;
  }
  input,
  select {
    font: inherit;
    color: inherit;
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.45rem 0.6rem;
    min-block-size: 2.75rem;
  }
  input[type='radio'] {
    min-block-size: auto;
    inline-size: 1.25rem;
    block-size: 1.25rem;
    accent-color: var(--_accent);
  }
  .drop {
    border: 2px dashed var(--_border);
    border-radius: var(--_radius);
    padding: 1rem;
    margin-block: 0.75rem;
  }
  .drop.over {
    border-color: var(--_accent);
    background: var(--_soft);
  }
  .views {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-block: 1rem;
    padding: 0;
    list-style: none;
  }
  .views button[aria-current='page'] {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .notice {
    border-inline-start: 4px solid var(--_accent);
    background: var(--_soft);
    padding: 0.5rem 1rem;
    margin-block: 0.75rem;
  }
  .notice.error {
    border-inline-start-color: var(--_danger);
  }
  .notice p {
    margin-block: 0.25rem;
  }
  .cards {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr));
    gap: 1rem;
  }
  .card {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.75rem 1rem;
  }
  .card h3 {
    margin-block-start: 0;
  }
  dl.figures {
    display: grid;
    grid-template-columns: auto auto;
    gap: 0.25rem 1rem;
    margin: 0;
  }
  dl.figures dt {
    color: var(--_muted);
  }
  dl.figures dd {
    margin: 0;
    font-weight: 600;
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .filters {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem 1rem;
    align-items: end;
  }
  .chart {
    margin: 1rem 0;
  }
  .chart figcaption {
    font-weight: 600;
    margin-block-end: 0.5rem;
  }
  .bars {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.35rem;
  }
  .bars li {
    display: grid;
    grid-template-columns: minmax(8rem, 2fr) 3fr minmax(6rem, auto);
    gap: 0.5rem;
    align-items: center;
  }
  .bar-track {
    display: block;
    block-size: 1rem;
    background: var(--_soft);
    border: 1px solid var(--_border);
    border-radius: 0.25rem;
    overflow: hidden;
  }
  .bar {
    display: block;
    block-size: 100%;
    inline-size: 0;
    background: var(--_accent);
  }
  .marked .bar {
    /* Marked bars are striped as well as coloured; the mark is also written out. */
    background: repeating-linear-gradient(
      45deg,
      var(--_danger),
      var(--_danger) 0.35rem,
      var(--_bg) 0.35rem,
      var(--_bg) 0.5rem
    );
  }
  .mark {
    color: var(--_danger);
  }
  .bar-value {
    font-variant-numeric: tabular-nums;
    text-align: end;
  }
  details {
    margin-block: 0.5rem;
  }
  summary {
    cursor: pointer;
    min-block-size: 2.75rem;
    display: flex;
    align-items: center;
  }
  .verdict {
    font-weight: 700;
  }
  @media (prefers-reduced-motion: no-preference) {
    .bar {
      transition: inline-size 200ms ease-out;
    }
  }
`;
