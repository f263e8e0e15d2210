/** Spotting: a scene to read, then a checkbox per cue the learner may mark as an indicator. */
import { msg } from '@lit/localize';
import { html, type TemplateResult } from 'lit';
import { renderInlineMarkdown, renderMarkdown } from '../../../content/markdown.ts';
import { yourChoice } from './choice.ts';
import { inOrder, type ItemView } from './types.ts';

export function renderSpotting(view: ItemView<'spotting'>): TemplateResult {
  const cues = inOrder(view.item.cues, (cue) => cue.id, view.order);
  const marked = new Set(view.value?.cueIds ?? []);
  const name = `${view.idPrefix}-cue`;
  const toggle = (cueId: string, checked: boolean) =>
    view.onChange({
      type: 'spotting',
      cueIds: cues.map((cue) => cue.id).filter((id) => (id === cueId ? checked : marked.has(id))),
    });
  return html`<div class="scene" part="scene">
      ${renderMarkdown(view.item.scene, { base: view.base, headingLevel: 3 })}
    </div>
    <fieldset class="choices" part="choices">
      <legend>${msg('Mark what you observe')}</legend>
      ${cues.map((cue, index) => {
        const id = `${name}-${index}`;
        return html`<div class="choice">
          <input
            type="checkbox"
            id=${id}
            name=${name}
            .value=${cue.id}
            .checked=${marked.has(cue.id)}
            ?disabled=${view.disabled}
            @change=${(event: Event) => toggle(cue.id, (event.target as HTMLInputElement).checked)}
          />
          <span class="choice-text">
            <label for=${id}>${renderInlineMarkdown(cue.text, { base: view.base })}</label>
            ${yourChoice(view.disabled && marked.has(cue.id))}
          </span>
        </div>`;
      })}
    </fieldset>`;
}
