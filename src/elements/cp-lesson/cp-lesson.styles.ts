import { css } from 'lit';

export const lessonStyles = css`
  .page-count {
    color: var(--_muted);
    margin: 0;
  }
  .callout,
  .indicator,
  .key-points {
    border-inline-start: 0.3rem solid var(--_accent);
    background: var(--_soft);
    border-radius: var(--_radius);
    padding: 0.25rem 1rem;
    margin-block: 1rem;
  }
  .callout.warning,
  .callout.important {
    border-inline-start-color: var(--_warning);
  }
  .indicator-category {
    color: var(--_muted);
    font-size: 0.9em;
    margin-block-end: 0;
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  .caution {
    font-style: italic;
  }
  figure {
    margin: 1rem 0;
  }
  figcaption {
    color: var(--_muted);
  }
`;
