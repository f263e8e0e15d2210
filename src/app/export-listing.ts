/**
 * What an export from "On this device" will hold, in words, learner by learner; and saving a file
 * from the page.
 */
import { html, nothing } from 'lit';
import type { ListedLearner } from '../storage/transfer.ts';

/** The learner id of "This device's learner", as the player writes it. */
export const DEVICE_LEARNER = 'local';

export function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function learnerLabel(learner: ListedLearner, listing: readonly ListedLearner[]): string {
  if (learner.name === undefined) {
    return learner.id === DEVICE_LEARNER
      ? "This device's learner"
      : `A learner with no profile here (id ${learner.id})`;
  }
  const shared = listing.filter((other) => other.name === learner.name).length > 1;
  return shared ? `${learner.name} (id ${learner.id})` : learner.name;
}

function listedRecords(learner: ListedLearner): string {
  const { learners, progress, attempts, responses } = learner.records;
  return [
    ...(learners.length ? ['profile (name and date added)'] : []),
    count(progress.length, 'saved progress record'),
    count(attempts.length, 'attempt'),
    count(responses.length, 'answer'),
  ].join(', ');
}

/** Every record the file will hold, learner by learner: a list, read as one. */
export function exportListing(listing: readonly ListedLearner[] | undefined) {
  if (!listing) return html`<p>Reading what this device holds…</p>`;
  if (!listing.length) return html`<p>There is nothing to export yet.</p>`;
  const total = (name: keyof ListedLearner['records']) =>
    listing.reduce((sum, learner) => sum + learner.records[name].length, 0);
  return html`<p id="export-contents">The file will hold:</p>
    <ul aria-labelledby="export-contents">
      ${listing.map(
        (learner) => html`<li>${learnerLabel(learner, listing)}: ${listedRecords(learner)}</li>`,
      )}
    </ul>
    ${
      listing.length > 1
        ? html`<p>
            In all: ${count(listing.length, 'learner')},
            ${count(total('progress'), 'saved progress record')},
            ${count(total('attempts'), 'attempt')}, ${count(total('responses'), 'answer')}.
          </p>`
        : nothing
    }
    <p>
      Nothing else goes in the file: no settings, and no reports waiting to be sent to an LMS.
    </p>`;
}
