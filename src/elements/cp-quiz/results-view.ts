/** After an attempt: the results (`scored`) and the read-only review of every item (`reviewing`). */
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { renderMarkdown } from '../../content/markdown.ts';
import type { Item, Quiz } from '../../content/schema.ts';
import type { AttemptRecord } from '../../engine/quiz.machine.ts';
import { grade, type Policy } from '../../engine/policy.ts';
import { keyFor } from '../../engine/scoring.ts';
import type { ItemScore, Response, Score } from '../../engine/types.ts';
import { describeResponse, verdict } from './items/answer.ts';
import { renderItemInput } from './items/index.ts';
import { promptBelowHeading, promptInHeading } from './prompt.ts';

/** One item of the attempt as it was answered. */
export interface AttemptEntry {
  readonly item: Item;
  readonly response: Response | undefined;
  readonly score: ItemScore;
  readonly order: readonly string[] | undefined;
}

export interface ResultsViewModel {
  readonly quiz: Quiz;
  readonly policy: Policy;
  readonly base: string | undefined;
  readonly entries: readonly AttemptEntry[];
  readonly history: readonly AttemptRecord[];
  readonly canRetry: boolean;
  readonly onReview: () => void;
  readonly onRetry: () => void;
  readonly onDone: () => void;
}

export interface ReviewViewModel {
  readonly base: string | undefined;
  readonly entries: readonly AttemptEntry[];
  readonly onBack: () => void;
}

const percent = (score: Score): number => Math.round(score.scaled * 100);
const points = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

/** What the live region says when the results appear. */
export function scoreAnnouncement(record: AttemptRecord, passMark: number): string {
  const outcome = record.passed
    ? msg('Passed.')
    : msg(str`Not passed: the pass mark is ${passMark} %.`);
  const timeout = record.reason === 'timeout' ? `${msg('Time ran out.')} ` : '';
  return `${timeout}${msg(str`Your score: ${percent(record.score)} %.`)} ${outcome}`;
}

function gradingRule(policy: Policy): string {
  switch (policy.grading) {
    case 'best':
      return msg('Your best attempt counts.');
    case 'last':
      return msg('Your last attempt counts.');
    case 'first':
      return msg('Your first attempt counts.');
  }
}

function renderAnswers({ entries, base }: ResultsViewModel): TemplateResult {
  return html`<ol class="answers">
    ${entries.map(
      ({ item, response, score, order }, index) =>
        html`<li>
          <details part="answer">
            <summary>
              <strong>${msg(str`Question ${index + 1}: ${verdict(item, score, response)}`)}</strong>
              ${promptInHeading(item.prompt, base)}
            </summary>
            ${promptBelowHeading(item.prompt, base, 4)}
            ${renderExplanation(item, response, order, base, true)}
          </details>
        </li>`,
    )}
  </ol>`;
}

/** The learner's answer (when asked), the key and the rationale. */
function renderExplanation(
  item: Item,
  response: Response | undefined,
  order: readonly string[] | undefined,
  base: string | undefined,
  withAnswer: boolean,
): TemplateResult {
  return html`<dl class="explanation">
    ${
      withAnswer
        ? html`<div>
            <dt>${msg('Your answer')}</dt>
            <dd>${describeResponse(item, response, order, base)}</dd>
          </div>`
        : nothing
    }
    <div>
      <dt>${msg('Correct answer')}</dt>
      <dd>${describeResponse(item, keyFor(item), order, base)}</dd>
    </div>
    <div>
      <dt>${msg('Why')}</dt>
      <dd>${renderMarkdown(item.rationale, { base, headingLevel: 4 })}</dd>
    </div>
  </dl>`;
}

export function renderResults(model: ResultsViewModel): TemplateResult {
  const { policy, history } = model;
  const record = history.at(-1);
  if (!record) return html``;
  const counted = history.length > 1 ? grade(history, policy.grading) : undefined;
  return html`<section class="results" part="results" aria-labelledby="results-heading">
    <h2 id="results-heading" tabindex="-1">${msg(str`Results: ${model.quiz.title}`)}</h2>
    ${
      record.reason === 'timeout'
        ? html`<p class="note">
            ${msg('Time ran out. Questions you had not answered score zero.')}
          </p>`
        : nothing
    }
    <p class="score" part="score">
      ${msg('Your score:')} <strong>${percent(record.score)} %</strong>
      <span class="muted">
        ${msg(str`(${points.format(record.score.raw)} of ${points.format(record.score.max)} points)`)}
      </span>
    </p>
    <p class="outcome ${record.passed ? 'passed' : 'failed'}" part="outcome">
      <span aria-hidden="true">${record.passed ? '✓' : '✗'}</span>
      ${record.passed ? msg('Passed.') : msg('Not passed.')}
      ${msg(str`The pass mark is ${policy.passMark} %.`)}
    </p>
    <p>
      ${
        policy.attempts === 0
          ? msg(str`Attempt ${record.attempt} (no limit on attempts).`)
          : msg(str`Attempt ${record.attempt} of ${policy.attempts}.`)
      }
      ${gradingRule(policy)}
      ${
        counted
          ? msg(
              str`The score that counts: ${percent(counted.score)} % (attempt ${counted.attempt}).`,
            )
          : nothing
      }
    </p>
    <h3>${msg('Your answers')}</h3>
    ${renderAnswers(model)}
    ${
      model.canRetry
        ? html`<p class="note">
            ${
              model.quiz.draw
                ? msg('Trying again draws a new set of questions.')
                : msg('Trying again asks every question afresh.')
            }
          </p>`
        : nothing
    }
    <div class="actions">
      <button @click=${model.onReview}>${msg('Review answers')}</button>
      ${model.canRetry ? html`<button @click=${model.onRetry}>${msg('Try again')}</button>` : nothing}
      <button class="primary" @click=${model.onDone}>${msg('Back to the module')}</button>
    </div>
  </section>`;
}

export function renderReview({ entries, base, onBack }: ReviewViewModel): TemplateResult {
  return html`<section class="review" part="review" aria-labelledby="review-heading">
    <h2 id="review-heading" tabindex="-1">${msg('Review your answers')}</h2>
    <ol class="review-list">
      ${entries.map(
        ({ item, response, score, order }, index) =>
          html`<li>
            <article aria-labelledby="review-${index}">
              <h3 id="review-${index}">
                <span class="count">
                  ${msg(str`Question ${index + 1}: ${verdict(item, score, response)}`)}
                </span>
                ${promptInHeading(item.prompt, base)}
              </h3>
              ${promptBelowHeading(item.prompt, base, 4)}
              ${renderItemInput({
                item,
                idPrefix: `review-${index}`,
                order,
                value: response,
                disabled: true,
                base,
                onChange: () => undefined,
              })}
              ${renderExplanation(item, response, order, base, response === undefined)}
            </article>
          </li>`,
      )}
    </ol>
    <div class="actions">
      <button class="primary" @click=${onBack}>${msg('Back to results')}</button>
    </div>
  </section>`;
}
