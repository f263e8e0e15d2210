import { css } from 'lit';

export const scenarioStyles = css`
  .mode,
  .kicker {
    color: var(--_muted);
    margin: 0;
    font-size: 0.9em;
  }
  figure {
    margin: 1rem 0;
  }
  figure img {
    display: block;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: #ffffff;
  }
  figcaption {
    color: var(--_muted);
  }
  .choices {
    margin-block: 1.5rem 1rem;
  }
  .choices ul {
    list-style: none;
    padding: 0;
    margin: 0;
    display: grid;
    gap: 0.75rem;
  }
  button.choice {
    display: block;
    inline-size: 100%;
    text-align: start;
    font-weight: 500;
    color: var(--_fg);
    border-color: var(--_border);
    padding-block: 0.75rem;
  }
  button.choice:hover {
    border-color: var(--_accent);
    background: var(--_soft);
  }
  .chosen {
    margin-block: 1.5rem 0;
  }
  .consequence,
  .coaching,
  .critical,
  .best-practice {
    border-inline-start: 0.3rem solid var(--_accent);
    background: var(--_soft);
    border-radius: var(--_radius);
    padding: 0.25rem 1rem;
    margin-block: 1rem;
  }
  .coaching,
  .best-practice {
    border-inline-start-color: var(--_success);
  }
  .critical {
    border-inline-start-color: var(--_danger);
  }
  .consequence h3,
  .coaching h3,
  .critical h3,
  .best-practice h3 {
    margin-block-start: 0.75rem;
  }
  .outcome {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    margin-block: 0 1rem;
    padding: 0.25rem 0.75rem;
    border: 2px solid currentColor;
    border-radius: var(--_radius);
    font-weight: 700;
  }
  .outcome.good {
    color: var(--_success);
  }
  .outcome.mixed {
    color: var(--_warning);
  }
  .outcome.harmful {
    color: var(--_danger);
  }
  .outcome .mark {
    font-size: 1.1em;
  }
  .result dl {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem 2rem;
    margin-block: 1rem;
  }
  .result dt {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .result dd {
    margin: 0;
    font-weight: 600;
  }
  .recap ol {
    padding-inline-start: 1.5rem;
  }
  .recap li {
    margin-block-end: 1rem;
  }
  .recap li p {
    margin-block: 0.25rem;
  }
  .recap-consequence {
    color: var(--_muted);
  }
  .recap-consequence p {
    margin-block: 0.25rem;
  }
  .critical-mark {
    color: var(--_danger);
    white-space: nowrap;
  }
`;
