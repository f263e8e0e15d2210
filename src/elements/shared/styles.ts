/**
 * Styles every Checkpoint element adopts. Theme with the custom properties below (set them on the
 * element or any ancestor); the host page never needs a stylesheet.
 */
import { css } from 'lit';

export const baseStyles = css`
  :host {
    --cp-font: var(--cp-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_fg: var(--cp-color-text, #1b1f24);
    --_bg: var(--cp-color-surface, #ffffff);
    --_muted: var(--cp-color-muted, #57606a);
    --_accent: var(--cp-color-accent, #0b5cad);
    --_on-accent: var(--cp-color-on-accent, #ffffff);
    --_border: var(--cp-color-border, #8c959f);
    --_success: var(--cp-color-success, #1a7f37);
    --_danger: var(--cp-color-danger, #b3261e);
    --_warning: var(--cp-color-warning, #8a5a00);
    --_soft: var(--cp-color-soft, #f3f5f8);
    --_radius: var(--cp-radius, 0.5rem);
    --_focus: var(--cp-color-focus, #1f6feb);
    display: block;
    color: var(--_fg);
    background: var(--_bg);
    font-family: var(--cp-font);
    font-size: var(--cp-font-size, 1rem);
    line-height: 1.5;
    overflow-wrap: anywhere;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_fg: var(--cp-color-text, #e6edf3);
      --_bg: var(--cp-color-surface, #0d1117);
      --_muted: var(--cp-color-muted, #9da7b3);
      --_accent: var(--cp-color-accent, #7cb8ff);
      --_on-accent: var(--cp-color-on-accent, #0d1117);
      --_border: var(--cp-color-border, #6e7681);
      --_success: var(--cp-color-success, #56d364);
      --_danger: var(--cp-color-danger, #ff7b72);
      --_warning: var(--cp-color-warning, #e3b341);
      --_soft: var(--cp-color-soft, #161b22);
      --_focus: var(--cp-color-focus, #58a6ff);
    }
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  h1,
  h2,
  h3,
  h4 {
    line-height: 1.25;
    margin-block: 1rem 0.5rem;
  }
  a {
    color: var(--_accent);
  }
  button {
    font: inherit;
    cursor: pointer;
    min-block-size: 2.75rem;
    padding: 0.5rem 1rem;
    border-radius: var(--_radius);
    border: 2px solid var(--_accent);
    background: var(--_bg);
    color: var(--_accent);
    font-weight: 600;
  }
  button.primary {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    margin-block: 1rem;
  }
  .muted {
    color: var(--_muted);
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  img {
    max-inline-size: 100%;
    block-size: auto;
  }
  @media (prefers-reduced-motion: no-preference) {
    .appear {
      animation: cp-appear 150ms ease-out;
    }
  }
  @keyframes cp-appear {
    from {
      opacity: 0;
    }
  }
`;
