/** Short text: one labelled input; Enter submits through the surrounding form. */
import { msg } from '@lit/localize';
import { html, type TemplateResult } from 'lit';
import type { ItemView } from './types.ts';

export function renderShortText(view: ItemView<'shortText'>): TemplateResult {
  const id = `${view.idPrefix}-text`;
  return html`<div class="short-text">
    <label for=${id}>${msg('Your answer')}</label>
    <input
      type="text"
      id=${id}
      autocomplete="off"
      spellcheck="false"
      .value=${view.value?.text ?? ''}
      ?disabled=${view.disabled}
      @input=${(event: Event) =>
        view.onChange({ type: 'shortText', text: (event.target as HTMLInputElement).value })}
    />
  </div>`;
}
