/** Single choice, multiple response and true/false: native radios and checkboxes in a fieldset. */
import { msg } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { renderInlineMarkdown } from '../../../content/markdown.ts';
import { inOrder, type ItemView } from './types.ts';

interface Choice {
  readonly value: string;
  readonly label: TemplateResult | string;
  readonly checked: boolean;
}

/**
 * Marks a recorded choice in words: a disabled control's checked state is faint in some
 * engines and colour schemes.
 */
export const yourChoice = (shown: boolean) =>
  shown ? html`<span class="your-choice">${msg('Your choice')}</span>` : nothing;

function choices(
  kind: 'radio' | 'checkbox',
  legend: string,
  view: Pick<ItemView, 'idPrefix' | 'disabled'>,
  list: readonly Choice[],
  toggle: (value: string, checked: boolean) => void,
): TemplateResult {
  const name = `${view.idPrefix}-choice`;
  return html`<fieldset class="choices" part="choices">
    <legend>${legend}</legend>
    ${list.map((choice, index) => {
      const id = `${name}-${index}`;
      return html`<div class="choice">
        <input
          type=${kind}
          id=${id}
          name=${name}
          .value=${choice.value}
          .checked=${choice.checked}
          ?disabled=${view.disabled}
          @change=${(event: Event) =>
            toggle(choice.value, (event.target as HTMLInputElement).checked)}
        />
        <span class="choice-text">
          <label for=${id}>${choice.label}</label>
          ${yourChoice(view.disabled && choice.checked)}
        </span>
      </div>`;
    })}
  </fieldset>`;
}

export function renderSingle(view: ItemView<'single'>): TemplateResult {
  const options = inOrder(view.item.options, (option) => option.id, view.order);
  return choices(
    'radio',
    msg('Choose one answer'),
    view,
    options.map((option) => ({
      value: option.id,
      label: renderInlineMarkdown(option.text, { base: view.base }),
      checked: view.value?.optionId === option.id,
    })),
    (optionId) => view.onChange({ type: 'single', optionId }),
  );
}

export function renderMultiple(view: ItemView<'multiple'>): TemplateResult {
  const options = inOrder(view.item.options, (option) => option.id, view.order);
  const picked = new Set(view.value?.optionIds ?? []);
  return choices(
    'checkbox',
    msg('Choose all that apply'),
    view,
    options.map((option) => ({
      value: option.id,
      label: renderInlineMarkdown(option.text, { base: view.base }),
      checked: picked.has(option.id),
    })),
    (optionId, checked) => {
      // Kept in presentation order, so the response reads as the learner saw the options.
      const next = options
        .map((option) => option.id)
        .filter((id) => (id === optionId ? checked : picked.has(id)));
      view.onChange({ type: 'multiple', optionIds: next });
    },
  );
}

export function renderTrueFalse(view: ItemView<'trueFalse'>): TemplateResult {
  const value = view.value?.value;
  return choices(
    'radio',
    msg('Choose one answer'),
    view,
    [
      { value: 'true', label: msg('True'), checked: value === true },
      { value: 'false', label: msg('False'), checked: value === false },
    ],
    (choice) => view.onChange({ type: 'trueFalse', value: choice === 'true' }),
  );
}
