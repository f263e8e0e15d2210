/** Matching: for each prompt, a labelled select of the shuffled match texts. */
import { msg } from '@lit/localize';
import { html, type TemplateResult } from 'lit';
import type { ItemView } from './types.ts';

export function renderMatching(view: ItemView<'matching'>): TemplateResult {
  const matches = view.value?.matches ?? {};
  const choose = (pairId: string, text: string) => {
    const others = Object.entries(matches).filter(([id]) => id !== pairId);
    const chosen = text === '' ? [] : [[pairId, text] as const];
    view.onChange({ type: 'matching', matches: Object.fromEntries([...others, ...chosen]) });
  };
  return html`<fieldset class="matching" part="choices">
    <legend>${msg('Choose the match for each')}</legend>
    ${view.item.pairs.map((pair, index) => {
      const id = `${view.idPrefix}-match-${index}`;
      const current = Object.hasOwn(matches, pair.id) ? matches[pair.id] : undefined;
      return html`<div class="pair">
        <label for=${id}>${pair.prompt}</label>
        <select
          id=${id}
          ?disabled=${view.disabled}
          @change=${(event: Event) => choose(pair.id, (event.target as HTMLSelectElement).value)}
        >
          <option value="" ?selected=${current === undefined}>${msg('Choose…')}</option>
          ${view.order.map(
            (text) => html`<option .value=${text} ?selected=${current === text}>${text}</option>`,
          )}
        </select>
      </div>`;
    })}
  </fieldset>`;
}
