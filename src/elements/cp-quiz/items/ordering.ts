/**
 * Ordering: the steps in the learner's current order, each with buttons that move it one place.
 * No drag and drop: every move is a button press, and the new position is announced.
 */
import { msg, str } from '@lit/localize';
import { html, type TemplateResult } from 'lit';
import { inOrder, type ItemView } from './types.ts';

/** The learner's current order: the draft, else the presentation order. */
export const currentOrder = (view: ItemView<'ordering'>): readonly string[] =>
  view.value?.order ?? view.order;

export function renderOrdering(view: ItemView<'ordering'>): TemplateResult {
  const order = currentOrder(view);
  const steps = inOrder(view.item.steps, (step) => step.id, order);
  const buttonId = (index: number, direction: 'up' | 'down') =>
    `${view.idPrefix}-step-${index}-${direction}`;
  const move = (from: number, delta: -1 | 1) => {
    const to = from + delta;
    const ids = steps.map((step) => step.id);
    [ids[from], ids[to]] = [ids[to]!, ids[from]!];
    // Focus follows the moved step; at either end its button in that direction is disabled.
    const atEnd = to === 0 || to === ids.length - 1;
    const direction = delta < 0 ? (atEnd ? 'down' : 'up') : atEnd ? 'up' : 'down';
    const text = steps[from]!.text;
    view.onChange(
      { type: 'ordering', order: ids },
      {
        focus: buttonId(to, direction),
        announce: msg(str`“${text}” is now step ${to + 1} of ${ids.length}.`),
      },
    );
  };
  return html`<fieldset class="ordering" part="choices">
    <legend>${msg('Put the steps in order')}</legend>
    <ol class="steps">
      ${steps.map(
        (step, index) =>
          html`<li class="step">
            <span class="step-text">${step.text}</span>
            <span class="step-moves">
              <button
                type="button"
                id=${buttonId(index, 'up')}
                aria-label=${msg(str`Move “${step.text}” up`)}
                ?disabled=${view.disabled || index === 0}
                @click=${() => move(index, -1)}
              >
                <span aria-hidden="true">↑</span> ${msg('Up')}
              </button>
              <button
                type="button"
                id=${buttonId(index, 'down')}
                aria-label=${msg(str`Move “${step.text}” down`)}
                ?disabled=${view.disabled || index === steps.length - 1}
                @click=${() => move(index, 1)}
              >
                <span aria-hidden="true">↓</span> ${msg('Down')}
              </button>
            </span>
          </li>`,
      )}
    </ol>
  </fieldset>`;
}
