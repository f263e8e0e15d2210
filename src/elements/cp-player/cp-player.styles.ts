import { css } from 'lit';

export const playerStyles = css`
  :host {
    max-inline-size: var(--cp-player-max-width, 48rem);
    margin-inline: auto;
    padding: var(--cp-player-padding, 1rem);
  }
  .header {
    border-block-end: 1px solid var(--_border);
    margin-block-end: 1rem;
  }
  .module-title {
    margin-block: 0.25rem 0.75rem;
    font-size: 1.6rem;
  }
  .progress {
    display: grid;
    gap: 0.25rem;
    margin-block: 0.5rem 1rem;
  }
  .progress-bar {
    block-size: 0.6rem;
    background: var(--_soft);
    border: 1px solid var(--_border);
    border-radius: 999px;
    overflow: hidden;
  }
  .progress-bar > span {
    display: block;
    block-size: 100%;
    background: var(--_accent);
  }
  @media (prefers-reduced-motion: no-preference) {
    .progress-bar > span {
      transition: inline-size 200ms ease-out;
    }
  }
  .activities {
    list-style: none;
    padding: 0;
    display: grid;
    gap: 0.75rem;
  }
  .activity {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem 1rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.75rem 1rem;
  }
  .activity h3 {
    margin: 0;
    font-size: 1.1rem;
  }
  .activity p {
    margin: 0;
  }
  .note {
    border-inline-start: 0.3rem solid var(--_warning);
    background: var(--_soft);
    border-radius: var(--_radius);
    padding: 0.5rem 1rem;
  }
  .problems {
    border-inline-start: 0.3rem solid var(--_danger);
    padding-inline-start: 1rem;
  }
  .problems code {
    white-space: pre-wrap;
  }
  .result {
    font-size: 1.25rem;
    font-weight: 600;
  }
  .passed {
    color: var(--_success);
  }
  .failed {
    color: var(--_danger);
  }
`;
