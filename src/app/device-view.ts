/**
 * "On this device", in the standalone app: who is learning (local profiles for a shared device)
 * and moving results between devices (export to one JSON file, import without duplicates).
 * Before a file is saved, the view lists every record it will hold, learner by learner; the
 * file saved is the one listed. It holds the current learner's results unless "every learner"
 * is chosen: on a shared device, classmates' names and answers leave it only on purpose.
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
  type ResultsFile,
  type Store,
} from '../storage/index.ts';
import { listExport, sameListing, type ListedLearner } from '../storage/transfer.ts';
import { DEVICE_LEARNER, download, exportListing } from './export-listing.ts';

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

export interface DeviceViewOptions {
  /** Defaults to this site's database. */
  readonly store?: Store;
  /** Defaults to a download of the file by the browser. */
  readonly save?: (name: string, text: string) => void;
}

export async function showDevice(
  root: HTMLElement,
  options: DeviceViewOptions = {},
): Promise<void> {
  const store: Store = options.store ?? (await openStore());
  const save = options.save ?? download;
  let learners: LearnerRecord[] = await listLearners(store);
  let message = '';
  /** Asking "are you sure?" before deleting the current learner's data. */
  let confirming = false;
  /** The export holds every learner's results, not only the current learner's. */
  let everyLearner = false;
  /** What the file will hold, as last listed (undefined until read). */
  let listing: ListedLearner[] | undefined;
  let readings = 0;
  const learnerName = () =>
    learners.find((learner) => learner.id === currentLearner())?.name ?? "this device's learner";
  const readExport = (): Promise<ResultsFile> =>
    exportResults(store, everyLearner ? {} : { learnerId: currentLearner() || DEVICE_LEARNER });
  /** Lists again what the file would hold (no list meanwhile); only the latest one is shown. */
  const relist = async () => {
    const reading = ++readings;
    listing = undefined;
    update();
    const listed = listExport(await readExport());
    if (reading !== readings) return;
    listing = listed;
    update();
  };
  /** Saves the file only when it holds exactly what is listed; otherwise lists it anew. */
  const exportListed = async () => {
    const file = await readExport();
    const listed = listExport(file);
    if (!listing || !sameListing(listed, listing)) {
      readings++;
      listing = listed;
      message = 'The results on this device have changed: check the list, then export again.';
      update();
      return;
    }
    save(
      `checkpoint-results-${new Date().toISOString().slice(0, 10)}.json`,
      JSON.stringify(file, null, 2),
    );
    message = 'Results exported: the file holds what is listed.';
    update();
  };

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
            everyLearner = false;
            message = `${learner.name} is learning now.`;
            form.reset();
            void relist();
          }}
        >
          <label for="learner-select">Who is learning?</label>
          <select
            id="learner-select"
            @change=${(event: Event) => {
              chooseLearner((event.target as HTMLSelectElement).value);
              everyLearner = false;
              message = '';
              void relist();
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
        <section class="export" aria-labelledby="export-title">
          <h3 id="export-title">Export results</h3>
          <fieldset>
            <legend>Whose results go in the file?</legend>
            <label>
              <input
                type="radio"
                name="export-scope"
                .checked=${!everyLearner}
                @change=${() => {
                  everyLearner = false;
                  message = '';
                  void relist();
                }}
              />
              Only ${learnerName()}
            </label>
            <label>
              <input
                type="radio"
                name="export-scope"
                .checked=${everyLearner}
                @change=${() => {
                  everyLearner = true;
                  message = '';
                  void relist();
                }}
              />
              Every learner on this device
            </label>
          </fieldset>
          ${exportListing(listing)}
          ${
            listing?.length
              ? html`<button type="button" @click=${exportListed}>Export these results</button>`
              : nothing
          }
        </section>
        <div class="transfer">
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
              void relist();
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
                      const forgotten = await forgetLearner(
                        store,
                        currentLearner() || DEVICE_LEARNER,
                      );
                      const name = learnerName();
                      chooseLearner('');
                      learners = await listLearners(store);
                      confirming = false;
                      message = forgotten.durable
                        ? `The data of ${name} was deleted from this device.`
                        : `The data of ${name} was removed from this page; the browser's storage could not be reached, so reload and delete again.`;
                      everyLearner = false;
                      void relist();
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
  await relist();
}
