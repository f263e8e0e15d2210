/**
 * "Export results" in the built app, on a shared device: the page lists whose results and how
 * many records the file will hold, and the downloaded file holds exactly those — the current
 * learner's by default, everyone's when chosen — and none of the statements waiting for an LMS.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { v1Contents } from '../helpers/storage-fixture.ts';
import { builtApp } from './serve.ts';

type Row = { readonly id: string; readonly [field: string]: unknown };
type Records = Record<'learners' | 'progress' | 'attempts' | 'responses', Row[]>;
const STORES = ['learners', 'progress', 'attempts', 'responses'] as const;

/** One learner's records as the app writes them, under `learnerId` (no profile for `local`). */
function recordsOf(learnerId: string, name: string | undefined): Records {
  const base = v1Contents();
  const own = (record: unknown): Row => ({
    ...(record as Row),
    id: `${learnerId}:${(record as Row).id}`,
    learnerId,
  });
  return {
    learners: name === undefined ? [] : [{ id: learnerId, name, createdAt: 1_700_000_000_000 }],
    progress: base.progress.map(own),
    attempts: base.attempts.map(own),
    responses: base.responses.map(own),
  };
}

const ANA = recordsOf('learner-ana', 'Ana');
const BEN = recordsOf('learner-ben', 'Ben');
const LOCAL = recordsOf('local', undefined);
const OUTBOX = v1Contents().outbox.map((record) => ({
  ...(record as object),
  id: 'waiting-statement',
  destination: 'https://lrs.example/xapi',
}));

const ids = (...sets: Records[]) =>
  Object.fromEntries(
    STORES.map((store) => [store, sets.flatMap((set) => set[store].map((r) => r.id)).sort()]),
  );

/** Writes the records into the app's database with the browser's own IndexedDB. */
async function seed(page: Page, stores: Record<string, unknown[]>): Promise<void> {
  await page.evaluate(
    (contents) =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('checkpoint');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const tx = db.transaction(Object.keys(contents), 'readwrite');
          for (const [store, records] of Object.entries(contents)) {
            for (const record of records) tx.objectStore(store).put(record);
          }
          tx.oncomplete = () => (db.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    stores,
  );
}

/** Clicks "Export these results" and reads the file the browser downloaded. */
async function exported(page: Page): Promise<Record<string, unknown>> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export these results' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^checkpoint-results-\d{4}-\d{2}-\d{2}\.json$/);
  return JSON.parse(await readFile((await download.path())!, 'utf8')) as Record<string, unknown>;
}

function assertOnly(file: Record<string, unknown>, expected: Record<string, string[]>) {
  assert.deepEqual(Object.keys(file).sort(), [
    'attempts',
    'exportedAt',
    'format',
    'learners',
    'progress',
    'responses',
    'version',
  ]);
  assert.deepEqual(ids(file as Records), expected);
  const text = JSON.stringify(file);
  assert.ok(!text.includes('waiting-statement') && !text.includes('lrs.example'), text);
}

describe('exporting results from the app', () => {
  const app = builtApp();

  it(
    'downloads exactly the listed records, one learner by default',
    { timeout: 120_000 },
    async () => {
      const context = await app.browser.newContext({ acceptDownloads: true });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(app.served.url);
      await page.getByText('There is nothing to export yet.').waitFor();
      await seed(page, {
        learners: [...ANA.learners, ...BEN.learners],
        progress: [...ANA.progress, ...BEN.progress, ...LOCAL.progress],
        attempts: [...ANA.attempts, ...BEN.attempts, ...LOCAL.attempts],
        responses: [...ANA.responses, ...BEN.responses, ...LOCAL.responses],
        outbox: OUTBOX,
      });
      await page.reload();

      await page.getByLabel('Who is learning?').selectOption({ label: 'Ana' });
      const listed = page.getByRole('list', { name: 'The file will hold:' }).getByRole('listitem');
      await page.getByRole('radio', { name: 'Only Ana' }).waitFor();
      assert.ok(await page.getByRole('radio', { name: 'Only Ana' }).isChecked());
      assert.equal(
        await page.getByRole('group', { name: 'Whose results go in the file?' }).count(),
        1,
      );
      await listed.first().waitFor();
      assert.deepEqual(await listed.allInnerTexts(), [
        'Ana: profile (name and date added), 1 saved progress record, 1 attempt, 1 answer',
      ]);
      assertOnly(await exported(page), ids(ANA));
      await page.getByRole('status').getByText('Results exported').waitFor();

      await page.getByRole('radio', { name: 'Every learner on this device' }).check();
      await listed.nth(2).waitFor();
      assert.deepEqual(await listed.allInnerTexts(), [
        'Ana: profile (name and date added), 1 saved progress record, 1 attempt, 1 answer',
        'Ben: profile (name and date added), 1 saved progress record, 1 attempt, 1 answer',
        "This device's learner: 1 saved progress record, 1 attempt, 1 answer",
      ]);
      assertOnly(await exported(page), ids(ANA, BEN, LOCAL));
      assert.deepEqual(errors, []);
      await context.close();
    },
  );
});
