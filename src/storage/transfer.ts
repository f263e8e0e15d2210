/**
 * Results of this device as one JSON file, and that file imported on another device. Every
 * record keeps its id, so an import adds only what the device does not have yet: importing the
 * same file twice adds nothing. A current progress record already on the device is kept (the
 * learner may have gone on here); the imported one is skipped.
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
