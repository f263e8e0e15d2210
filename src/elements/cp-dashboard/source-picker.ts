/**
 * Where the results come from: this device's database, results files from learners' devices
 * (picked or dropped), or an LRS queried with a key and secret that stay in this page's memory.
 */
import { msg } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import type { SourceKind } from '../../analytics/sources/index.ts';

export interface LrsQuery {
  readonly endpoint: string;
  readonly key: string;
  readonly secret: string;
  readonly activity: string;
  /** YYYY-MM-DD or empty. */
  readonly since: string;
  readonly until: string;
}

export interface SourcePickerModel {
  readonly kind: SourceKind;
  readonly busy: boolean;
  readonly dragging: boolean;
  readonly onKind: (kind: SourceKind) => void;
  readonly onDevice: () => void;
  readonly onFiles: (files: readonly File[]) => void;
  readonly onDragging: (dragging: boolean) => void;
  readonly onLrs: (query: LrsQuery) => void;
}

const KINDS: readonly SourceKind[] = ['device', 'files', 'lrs'];

const kindLabel = (kind: SourceKind): string => {
  switch (kind) {
    case 'device':
      return msg('This device');
    case 'files':
      return msg('Results files');
    case 'lrs':
      return msg('Learning record store (LRS)');
  }
};

function renderDevice(model: SourcePickerModel): TemplateResult {
  return html`<p>${msg('Results of every learner who used Checkpoint in this browser.')}</p>
    <button class="primary" ?disabled=${model.busy} @click=${model.onDevice}>
      ${msg('Read results on this device')}
    </button>`;
}

function renderFiles(model: SourcePickerModel): TemplateResult {
  const picked = (event: Event) => {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    if (files.length) model.onFiles(files);
  };
  const over = (event: DragEvent) => {
    event.preventDefault();
    if (!model.dragging) model.onDragging(true);
  };
  const dropped = (event: DragEvent) => {
    event.preventDefault();
    model.onDragging(false);
    const files = [...(event.dataTransfer?.files ?? [])];
    if (files.length) model.onFiles(files);
  };
  return html`<div
    class="drop ${model.dragging ? 'over' : ''}"
    @dragover=${over}
    @dragleave=${() => model.onDragging(false)}
    @drop=${dropped}
  >
    <p>
      ${msg(
        'Results files are exported from the “On this device” section of each device. Drop them here, or choose them. Records found in several files are counted once.',
      )}
    </p>
    <label class="field">
      ${msg('Results files (JSON)')}
      <input
        type="file"
        accept=".json,application/json"
        multiple
        ?disabled=${model.busy}
        @change=${picked}
      />
    </label>
  </div>`;
}

function renderLrs(model: SourcePickerModel): TemplateResult {
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const text = (name: string) => data.get(name)?.toString().trim() ?? '';
    model.onLrs({
      endpoint: text('endpoint'),
      key: text('key'),
      secret: data.get('secret')?.toString() ?? '',
      activity: text('activity'),
      since: text('since'),
      until: text('until'),
    });
  };
  return html`<form @submit=${submit}>
    <p>
      ${msg(
        'The key and secret stay in this page only: they are not saved, and are forgotten when the page closes.',
      )}
    </p>
    <div class="fields">
      <label class="field">
        ${msg('LRS endpoint')}
        <input name="endpoint" type="url" required placeholder="https://lrs.example.org/xapi/" />
      </label>
      <label class="field">
        ${msg('Key')}
        <input name="key" autocomplete="off" required />
      </label>
      <label class="field">
        ${msg('Secret')}
        <input name="secret" type="password" autocomplete="off" required />
      </label>
      <label class="field">
        ${msg('Activity (optional): a module or course IRI')}
        <input name="activity" type="url" />
      </label>
      <label class="field">
        ${msg('From (optional)')}
        <input name="since" type="date" />
      </label>
      <label class="field">
        ${msg('Until (optional)')}
        <input name="until" type="date" />
      </label>
    </div>
    <div class="actions">
      <button type="submit" class="primary" ?disabled=${model.busy}>${msg('Query the LRS')}</button>
    </div>
  </form>`;
}

export function renderSourcePicker(model: SourcePickerModel): TemplateResult {
  return html`<fieldset>
      <legend>${msg('Where are the results?')}</legend>
      <div class="options">
        ${KINDS.map(
          (kind) =>
            html`<label>
              <input
                type="radio"
                name="source"
                value=${kind}
                .checked=${model.kind === kind}
                @change=${() => model.onKind(kind)}
              />
              ${kindLabel(kind)}
            </label>`,
        )}
      </div>
    </fieldset>
    ${model.kind === 'device' ? renderDevice(model) : nothing}
    ${model.kind === 'files' ? renderFiles(model) : nothing}
    ${model.kind === 'lrs' ? renderLrs(model) : nothing}`;
}
