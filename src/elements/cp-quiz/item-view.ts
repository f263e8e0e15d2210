/** One item being answered, or its feedback: the `attempting` states of the quiz machine. */
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { renderMarkdown } from '../../content/markdown.ts';
import type { Item } from '../../content/schema.ts';
import { keyFor } from '../../engine/scoring.ts';
import type { ItemScore, Response } from '../../engine/types.ts';
import { describeResponse, optionFeedback, verdict } from './items/answer.ts';
import { isAnswered, renderItemInput, type ChangeNote } from './items/index.ts';
import { promptBelowHeading, promptInHeading } from './prompt.ts';

export interface ItemViewModel {
  readonly item: Item;
  readonly index: number;
  readonly total: number;
  readonly order: readonly string[] | undefined;
  /** The draft while answering, the recorded response in feedback. */
  readonly response: Response | undefined;
  /** Present in feedback only. */
  readonly score: ItemScore | undefined;
  readonly base: string | undefined;
  /** "Time left: …", or undefined without a time limit. */
  readonly timeLeft: string | undefined;
  readonly deferred: boolean;
  readonly canRetryItem: boolean;
  readonly onChange: (response: Response, note?: ChangeNote) => void;
  readonly onSubmit: (event: Event) => void;
  readonly onFinish: () => void;
  readonly onNext: () => void;
  readonly onRetryItem: () => void;
}

/** The words the live region speaks when feedback appears. */
export function feedbackAnnouncement(item: Item, score: ItemScore, response: Response): string {
  const said = optionFeedback(item, response, undefined).map((entry) => entry.text);
  return [`${verdict(item, score, response)}.`, ...said].join(' ');
}

function renderFeedback(model: ItemViewModel, score: ItemScore): TemplateResult {
  const { item, response, order, base } = model;
  const tone = score.correct ? 'correct' : score.scaled > 0 ? 'partial' : 'wrong';
  const icon = score.correct ? '✓' : score.scaled > 0 ? '◐' : '✗';
  const last = model.index === model.total - 1;
  const said = optionFeedback(item, response, order, base);
  return html`<section
    id="feedback"
    class="feedback ${tone}"
    part="feedback"
    tabindex="-1"
    aria-labelledby="feedback-title"
  >
    <h3 id="feedback-title" class="verdict">
      <span aria-hidden="true">${icon}</span> ${verdict(item, score, response)}
    </h3>
    ${said.map(
      (entry) =>
        html`<p class="option-feedback"><strong>${entry.label}:</strong> ${entry.text}</p>`,
    )}
    ${
      score.correct
        ? nothing
        : html`<h4>${msg('The correct answer')}</h4>
            <div class="key">${describeResponse(item, keyFor(item), order, base)}</div>`
    }
    <h4>${msg('Why')}</h4>
    <div class="rationale">${renderMarkdown(item.rationale, { base, headingLevel: 5 })}</div>
    <div class="actions">
      <button class="primary" @click=${model.onNext}>
        ${last ? msg('See results') : msg('Next question')}
      </button>
      ${
        model.canRetryItem
          ? html`<button @click=${model.onRetryItem}>${msg('Try again')}</button>`
          : nothing
      }
    </div>
  </section>`;
}

export function renderItemView(model: ItemViewModel): TemplateResult {
  const { item, index, total, base, score } = model;
  const answering = score === undefined;
  return html`<article class="item" part="item" aria-labelledby="item-heading">
    <div class="progress-row">
      <progress
        part="progress"
        max=${total}
        .value=${index + 1}
        aria-label=${msg('Progress through the quiz')}
      ></progress>
      ${model.timeLeft ? html`<p class="time-left" role="timer">${model.timeLeft}</p>` : nothing}
    </div>
    <h2 id="item-heading" tabindex="-1">
      <span class="count">${msg(str`Question ${index + 1} of ${total}`)}</span>
      ${promptInHeading(item.prompt, base)}
    </h2>
    ${promptBelowHeading(item.prompt, base, 3)}
    <form class="answer" @submit=${model.onSubmit}>
      ${renderItemInput({
        item,
        idPrefix: 'answer',
        order: model.order,
        value: model.response,
        disabled: !answering,
        base,
        onChange: model.onChange,
      })}
      ${
        answering
          ? html`<div class="actions">
              <button type="submit" class="primary" ?disabled=${!isAnswered(model.response)}>
                ${msg('Submit answer')}
              </button>
              ${
                model.deferred
                  ? html`<button
                        type="button"
                        aria-describedby="hand-in-note"
                        @click=${model.onFinish}
                      >
                        ${msg('Hand in now')}
                      </button>
                      <p id="hand-in-note" class="muted note">
                        ${msg('Handing in ends the attempt: questions not answered score zero.')}
                      </p>`
                  : nothing
              }
            </div>`
          : nothing
      }
    </form>
    ${score ? renderFeedback(model, score) : nothing}
  </article>`;
}
