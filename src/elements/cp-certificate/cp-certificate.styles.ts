import { css } from 'lit';

export const certificateStyles = css`
  :host {
    --_certificate-font: var(--cp-certificate-font, Georgia, 'Times New Roman', serif);
  }
  .certificate {
    max-inline-size: 48rem;
    margin-inline: auto;
    padding-block: clamp(1.25rem, 5vw, 3rem);
    padding-inline: clamp(1rem, 5vw, 3rem);
    border: 0.375rem double var(--_accent);
    border-radius: var(--_radius);
    text-align: center;
  }
  .certificate p {
    margin-block: 0.5rem;
  }
  .certificate .completed {
    margin-block: 0.75rem;
  }
  .certificate p:last-child {
    margin-block-end: 0;
  }
  h2 {
    margin-block: 0 1.5rem;
    color: var(--_accent);
    font-size: clamp(1.25rem, 4vw, 1.75rem);
    letter-spacing: 0.02em;
  }
  .learner,
  .module-title {
    font-family: var(--_certificate-font);
    font-weight: 700;
  }
  .learner {
    font-size: clamp(1.5rem, 6vw, 2.25rem);
    line-height: 1.2;
  }
  .module-title {
    font-size: clamp(1.125rem, 4vw, 1.5rem);
    line-height: 1.3;
  }
  .version {
    display: block;
    color: var(--_muted);
  }
  .details {
    margin-block-start: 1.5rem;
    padding-block-start: 1rem;
    border-block-start: 1px solid var(--_border);
  }
  .label {
    display: block;
    color: var(--_muted);
  }
  code {
    font-family: ui-monospace, 'Cascadia Mono', 'DejaVu Sans Mono', monospace;
    font-size: 1.25rem;
    font-weight: 600;
    letter-spacing: 0.08em;
  }
  .actions {
    justify-content: center;
  }
  @media print {
    :host {
      color: #000;
      background: #fff;
    }
    .certificate {
      max-inline-size: none;
      border: 2px solid #000;
      border-radius: 0;
      break-inside: avoid;
    }
    h2,
    .version,
    .label {
      color: #000;
    }
    .details {
      border-block-start-color: #000;
    }
    .actions {
      display: none;
    }
  }
`;
