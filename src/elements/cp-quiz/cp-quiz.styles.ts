import { css } from 'lit';

export const quizStyles = css`
  /* Native controls (checkboxes, selects) follow the shared dark palette. */
  @media (prefers-color-scheme: dark) {
    :host {
      color-scheme: dark;
    }
  }
  #item-heading,
  .review-list h3 {
    font-size: 1.2rem;
  }
  h2 .count,
  h3 .count {
    display: block;
    color: var(--_muted);
    font-size: 0.8em;
    font-weight: 600;
  }
  h2 .prompt {
    display: block;
    margin-block-start: 0.15rem;
  }
  h2:focus {
    outline: none;
  }
  h2:focus-visible {
    outline: 3px solid var(--_focus);
  }
  .progress-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem 1rem;
  }
  progress {
    flex: 1 1 10rem;
    accent-color: var(--_accent);
    block-size: 0.75rem;
  }
  .time-left {
    margin: 0;
    font-variant-numeric: tabular-nums;
    font-weight: 600;
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.5rem 1rem 1rem;
    margin: 1rem 0;
    min-inline-size: 0;
  }
  legend {
    font-weight: 600;
    padding-inline: 0.25rem;
  }
  .choice {
    display: flex;
    align-items: flex-start;
    gap: 0.6rem;
    padding-block: 0.35rem;
  }
  .choice input {
    flex: none;
    inline-size: 1.25rem;
    block-size: 1.25rem;
    margin: 0.15rem 0 0;
    accent-color: var(--_accent);
  }
  .choice-text {
    flex: 1;
    min-inline-size: 0;
  }
  .choice label {
    cursor: pointer;
  }
  .your-choice {
    display: inline-block;
    font-size: 0.85em;
    font-weight: 700;
    border: 1px solid currentColor;
    border-radius: 1rem;
    padding: 0 0.5rem;
    margin-inline-start: 0.25rem;
  }
  input:disabled + label {
    cursor: default;
  }
  .scene {
    border-inline-start: 0.3rem solid var(--_accent);
    background: var(--_soft);
    border-radius: var(--_radius);
    padding: 0.25rem 1rem;
    margin-block: 1rem;
  }
  .pair {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 0.25rem;
    margin-block: 0.75rem;
  }
  .pair label,
  .short-text label {
    font-weight: 600;
  }
  select,
  input[type='text'] {
    font: inherit;
    color: var(--_fg);
    background: var(--_bg);
    border: 2px solid var(--_border);
    border-radius: var(--_radius);
    min-block-size: 2.75rem;
    padding: 0.4rem 0.6rem;
    max-inline-size: 100%;
  }
  select {
    /* A long option must not widen the select, nor (WebKit) spill past it and scroll the page. */
    display: block;
    inline-size: 100%;
    min-inline-size: 0;
    contain: paint;
    text-overflow: ellipsis;
  }
  input[type='text'] {
    inline-size: min(100%, 30rem);
  }
  select:disabled,
  input[type='text']:disabled {
    opacity: 0.8;
  }
  .short-text {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    margin-block: 1rem;
  }
  .steps {
    margin: 0;
    padding-inline-start: 1.75rem;
  }
  .step {
    padding-block: 0.5rem;
    border-block-end: 1px solid var(--_border);
  }
  .step:last-child {
    border-block-end: none;
  }
  .step-text {
    display: block;
    margin-block-end: 0.4rem;
  }
  .step-moves {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .step-moves button {
    padding-block: 0.25rem;
  }
  .note {
    margin-block: 0.5rem;
  }
  .actions .note {
    flex-basis: 100%;
    margin: 0;
  }
  .feedback {
    border: 2px solid var(--_border);
    border-inline-start-width: 0.5rem;
    border-radius: var(--_radius);
    padding: 0.25rem 1rem;
    margin-block: 1rem;
    background: var(--_soft);
  }
  .feedback:focus {
    outline: none;
  }
  .feedback:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .feedback.correct {
    border-color: var(--_success);
  }
  .feedback.partial {
    border-color: var(--_warning);
  }
  .feedback.wrong {
    border-color: var(--_danger);
  }
  .verdict {
    margin-block-start: 0.5rem;
  }
  .feedback h4 {
    margin-block: 0.75rem 0.25rem;
  }
  .option-feedback {
    margin-block: 0.5rem;
  }
  .rationale > :first-child,
  .key > :first-child {
    margin-block-start: 0;
  }
  .answer-list {
    margin-block: 0.25rem;
    padding-inline-start: 1.5rem;
  }
  .score {
    font-size: 1.25rem;
    margin-block: 0.5rem;
  }
  .outcome {
    font-weight: 700;
    margin-block: 0.5rem;
  }
  .outcome.passed {
    color: var(--_success);
  }
  .outcome.failed {
    color: var(--_danger);
  }
  .answers,
  .review-list {
    padding-inline-start: 0;
    list-style: none;
  }
  .answers li {
    margin-block: 0.5rem;
  }
  details {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.5rem 1rem;
  }
  summary {
    cursor: pointer;
    min-block-size: 1.75rem;
  }
  summary .prompt {
    display: block;
    margin-block-start: 0.25rem;
  }
  .explanation {
    margin: 0.75rem 0 0;
  }
  .explanation dt {
    font-weight: 700;
    margin-block-start: 0.5rem;
  }
  .explanation dd {
    margin-inline-start: 0;
  }
  .explanation dd > p:first-child {
    margin-block-start: 0;
  }
  .review-list > li {
    border-block-end: 1px solid var(--_border);
    padding-block-end: 1rem;
  }
  .review-list h3 .prompt {
    display: block;
  }
  .expect {
    padding-inline-start: 1.25rem;
  }
`;
