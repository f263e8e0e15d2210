/**
 * "On this device", in the standalone app: who is learning (local profiles for a shared device)
 * and moving results between devices (export to one JSON file, import without duplicates).
 */
import { html, nothing, render } from 'lit';
import {
  addLearner,
  exportResults,
  forgetLearner,
  importResults,
  listLearners,
  openStore,
  type LearnerRecord,
  type Store,
} from '../storage/index.ts';

/** The chosen learner, remembered for this browser tab. */
const LEARNER_KEY = 'checkpoint.learner';

export function currentLearner(): string {
  try {
    return sessionStorage.getItem(LEARNER_KEY) ?? '';
  } catch {
    return '';
  }
}

function chooseLearner(id: string): void {
  try {
    sessionStorage.setItem(LEARNER_KEY, id);
  } catch {
    // no session storage: the choice lasts for this page only
  }
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

export async function showDevice(root: HTMLElement): Promise<void> {
  const store: Store = await openStore();
  let learners: LearnerRecord[] = await listLearners(store);
  let message = '';
  /** Asking "are you sure?" before deleting the current learner's data. */
  let confirming = false;
  const learnerName = () =>
    learners.find((learner) => learner.id === currentLearner())?.name ?? "this device's learner";

  const update = () =>
    render(
      html`<h2>On this device</h2>
        <form
          class="learner"
          @submit=${async (event: SubmitEvent) => {
            event.preventDefault();
            const form = event.target as HTMLFormElement;
            const name = new FormData(form).get('name')?.toString().trim() ?? '';
            if (!name) return;
            const learner = await addLearner(store, name);
            chooseLearner(learner.id);
            learners = await listLearners(store);
            message = `${learner.name} is learning now.`;
            form.reset();
            update();
          }}
        >
          <label for="learner-select">Who is learning?</label>
          <select
            id="learner-select"
            @change=${(event: Event) => {
              chooseLearner((event.target as HTMLSelectElement).value);
              message = '';
              update();
            }}
          >
            <option value="" ?selected=${currentLearner() === ''}>This device's learner</option>
            ${learners.map(
              (learner) =>
                html`<option value=${learner.id} ?selected=${currentLearner() === learner.id}>
                  ${learner.name}
                </option>`,
            )}
          </select>
          <label for="learner-name">Add a learner</label>
          <input id="learner-name" name="name" autocomplete="off" maxlength="100" />
          <button type="submit">Add</button>
        </form>
        <div class="transfer">
          <button
            type="button"
            @click=${async () => {
              const file = await exportResults(store);
              download(
                `checkpoint-results-${new Date().toISOString().slice(0, 10)}.json`,
                JSON.stringify(file, null, 2),
              );
              message = 'Results exported.';
              update();
            }}
          >
            Export results of this device
          </button>
          <label for="import-file">Import results from another device</label>
          <input
            id="import-file"
            type="file"
            accept="application/json,.json"
            @change=${async (event: Event) => {
              const file = (event.target as HTMLInputElement).files?.[0];
              if (!file) return;
              const result = await importResults(store, await file.text());
              message = result.message;
              learners = await listLearners(store);
              update();
            }}
          />
        </div>
        <div class="forget">
          ${
            confirming
              ? html`<p>
                    Delete everything ${learnerName()} has done on this device — saved progress,
                    results and answers? This cannot be undone. What your LMS already has is not
                    affected.
                  </p>
                  <button
                    type="button"
                    @click=${async () => {
                      const forgotten = await forgetLearner(store, currentLearner() || 'local');
                      const name = learnerName();
                      chooseLearner('');
                      learners = await listLearners(store);
                      confirming = false;
                      message = forgotten.durable
                        ? `The data of ${name} was deleted from this device.`
                        : `The data of ${name} was removed from this page; the browser's storage could not be reached, so reload and delete again.`;
                      update();
                    }}
                  >
                    Yes, delete
                  </button>
                  <button
                    type="button"
                    @click=${() => {
                      confirming = false;
                      message = 'Nothing was deleted.';
                      update();
                    }}
                  >
                    Cancel
                  </button>`
              : html`<button
                  type="button"
                  @click=${() => {
                    confirming = true;
                    message = '';
                    update();
                  }}
                >
                  Delete my data on this device
                </button>`
          }
        </div>
        <p role="status">${message}</p>
        ${store.durable ? nothing : html`<p>${store.problems[0]?.message ?? ''}</p>`}`,
      root,
    );
  update();
}
