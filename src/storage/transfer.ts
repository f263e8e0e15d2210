/**
 * Results of this device as one JSON file, what that file holds listed learner by learner (shown
 * before it is saved), and the file imported on another device. Every record keeps its id, so an
 * import adds only what the device does not have yet: importing the same file twice adds
 * nothing. A current progress record already on the device is kept (the learner may have gone on
 * here); the imported one is skipped.
 */
import type { RecordOf, StoreName } from './db.ts';
import { TRANSFER_MESSAGES } from './messages.ts';
import type { Store } from './store.ts';
import { checkRecord } from './transaction.ts';

export const RESULTS_FORMAT = 'checkpoint-results';
export const RESULTS_VERSION = 1;

/** The stores a results file carries; the outbox belongs to the device that has to deliver it. */
const EXPORTED = ['learners', 'progress', 'attempts', 'responses'] as const;
type Exported = (typeof EXPORTED)[number];
export type ResultsStore = Exported;

export type ResultsFile = {
  readonly format: typeof RESULTS_FORMAT;
  readonly version: typeof RESULTS_VERSION;
  /** ISO 8601. */
  readonly exportedAt: string;
} & { readonly [S in Exported]: RecordOf<S>[] };

export interface InvalidRecord {
  readonly store: StoreName;
  readonly index: number;
  readonly reason: string;
}

export type ImportResult =
  | {
      readonly ok: true;
      readonly added: number;
      readonly skipped: number;
      readonly invalid: readonly InvalidRecord[];
      readonly message: string;
    }
  | { readonly ok: false; readonly message: string };

/** Everything on this device, or one learner's records only. JSON-safe. */
export async function exportResults(
  store: Store,
  options: { readonly learnerId?: string; readonly now?: () => number } = {},
): Promise<ResultsFile> {
  const query = options.learnerId === undefined ? {} : { learnerId: options.learnerId };
  const [learners, progress, attempts, responses] = await Promise.all([
    store.list('learners', query),
    store.list('progress', query),
    store.list('attempts', query),
    store.list('responses', query),
  ]);
  return {
    format: RESULTS_FORMAT,
    version: RESULTS_VERSION,
    exportedAt: new Date((options.now ?? Date.now)()).toISOString(),
    learners,
    progress,
    attempts,
    responses,
  };
}

/** One learner's records in a results file, by id. */
export interface ListedLearner {
  /** The id the records carry: a profile's id, `local` for the device's own learner, or an LMS's. */
  readonly id: string;
  /** The profile's name; absent when the file holds no profile for this id. */
  readonly name?: string;
  readonly records: { readonly [S in Exported]: readonly string[] };
}

type Owned = { readonly id: string; readonly learnerId?: string };

const learnerOf = (name: Exported, record: Owned) =>
  name === 'learners' ? record.id : record.learnerId!;

/**
 * What a results file holds, learner by learner: every record of the file is in exactly one
 * learner's lists, so what the learner is shown is the whole file. Profiles first, by name.
 */
export function listExport(file: ResultsFile): ListedLearner[] {
  const byLearner = new Map<string, { name?: string; records: Record<Exported, string[]> }>();
  for (const name of EXPORTED) {
    for (const record of file[name] as Owned[]) {
      const id = learnerOf(name, record);
      let entry = byLearner.get(id);
      if (!entry) {
        entry = { records: { learners: [], progress: [], attempts: [], responses: [] } };
        byLearner.set(id, entry);
      }
      entry.records[name].push(record.id);
      if (name === 'learners') entry.name = (record as RecordOf<'learners'>).name;
    }
  }
  const listed = [...byLearner].map(([id, entry]): ListedLearner => ({ id, ...entry }));
  return listed.sort(
    (a, b) =>
      Number(a.name === undefined) - Number(b.name === undefined) ||
      (a.name ?? '').localeCompare(b.name ?? '') ||
      a.id.localeCompare(b.id),
  );
}

/** True when both listings name the same records of the same learners. */
export function sameListing(a: readonly ListedLearner[], b: readonly ListedLearner[]): boolean {
  const key = (listing: readonly ListedLearner[]) =>
    JSON.stringify(
      listing.map((learner) => [
        learner.id,
        learner.name ?? null,
        EXPORTED.map((name) => [...learner.records[name]].sort()),
      ]),
    );
  return key(a) === key(b);
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Accepts a parsed file or its text. Adds, in one transaction, only records with new ids. */
export async function importResults(store: Store, data: unknown): Promise<ImportResult> {
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data) as unknown;
    } catch {
      return { ok: false, message: TRANSFER_MESSAGES.notJson };
    }
  }
  if (!isObject(data) || data['format'] !== RESULTS_FORMAT) {
    return { ok: false, message: TRANSFER_MESSAGES.wrongFormat };
  }
  if (typeof data['version'] !== 'number' || !Number.isInteger(data['version'])) {
    return { ok: false, message: TRANSFER_MESSAGES.wrongFormat };
  }
  if (data['version'] > RESULTS_VERSION)
    return { ok: false, message: TRANSFER_MESSAGES.newerFormat };
  if (EXPORTED.some((name) => data[name] !== undefined && !Array.isArray(data[name]))) {
    return { ok: false, message: TRANSFER_MESSAGES.wrongFormat };
  }
  const invalid: InvalidRecord[] = [];
  const sound = <S extends Exported>(name: S): RecordOf<S>[] => {
    const records: RecordOf<S>[] = [];
    ((data as Record<string, unknown[] | undefined>)[name] ?? []).forEach((value, index) => {
      const checked = checkRecord(name, value);
      if (checked.ok) records.push(checked.record);
      else invalid.push({ store: name, index, reason: checked.reason });
    });
    return records;
  };
  const result = await store.commit({
    add: {
      learners: sound('learners'),
      progress: sound('progress'),
      attempts: sound('attempts'),
      responses: sound('responses'),
    },
  });
  const message = [
    TRANSFER_MESSAGES.imported(result.added, result.skipped),
    ...(invalid.length ? [TRANSFER_MESSAGES.badRecords(invalid.length)] : []),
  ].join(' ');
  return { ok: true, added: result.added, skipped: result.skipped, invalid, message };
}
