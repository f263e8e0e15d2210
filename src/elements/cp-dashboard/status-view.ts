/** Where reading stands: reading, the problem, or notes about what was read. */
import { msg } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import type { Loaded } from './data.ts';
import type { HistoryIndex } from './history.ts';
import { noteMessage, problemMessage } from './messages.ts';

export type Phase =
  | { readonly kind: 'idle' }
  | { readonly kind: 'loading' }
  | {
      readonly kind: 'ready';
      readonly loaded: Extract<Loaded, { ok: true }>;
      readonly index: HistoryIndex;
    }
  | { readonly kind: 'error'; readonly loaded: Extract<Loaded, { ok: false }> };

export function renderStatus(phase: Phase): TemplateResult | typeof nothing {
  switch (phase.kind) {
    case 'idle':
      return nothing;
    case 'loading':
      return html`<p class="notice loading" role="status">${msg('Reading results…')}</p>`;
    case 'error':
      return html`<div class="notice error" role="alert">
        <h2 id="view-heading" tabindex="-1">${msg('The results could not be read')}</h2>
        <p>${problemMessage(phase.loaded.problem)}</p>
      </div>`;
    case 'ready':
      return phase.loaded.notes.length
        ? html`<div class="notice" role="status">
            ${phase.loaded.notes.map((note) => html`<p>${noteMessage(note)}</p>`)}
          </div>`
        : nothing;
  }
}
