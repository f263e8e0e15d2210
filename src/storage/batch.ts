/**
 * A batch: everything one change of learner data writes, applied as one unit — in one IndexedDB
 * transaction, or to the in-memory tables when the database cannot take it. The same rules hold
 * in both: progress is compare-and-set on its revision, responses and imports are insert-only,
 * attempts merge.
 */
import { STORE_NAMES, type RecordOf, type StoreName } from './db.ts';
import { mergeAttempt, type AttemptRecord, type ProgressRecord } from './records.ts';

export type RecordsByStore = { readonly [S in StoreName]?: readonly RecordOf<S>[] };
export type KeysByStore = { readonly [S in StoreName]?: readonly string[] };

/** Replace the current progress record `id`, if it is still at revision `expected`. */
export interface ProgressChange {
  readonly id: string;
  /** The revision this writer last saw; null: no current record may exist yet. */
  readonly expected: number | null;
  /** The new record, or null to remove the current one (after archiving it). */
  readonly next: ProgressRecord | null;
  /** A copy kept in history under its own id. */
  readonly archive?: ProgressRecord;
}

export interface Batch {
  /** All or none: if one expectation fails, no progress change is applied (a conflict). */
  readonly progress?: readonly ProgressChange[];
  /** Inserted when the id is new, otherwise skipped: never overwrites. */
  readonly add?: RecordsByStore;
  /** Merged into the stored attempt (see `mergeAttempt`); on a conflict, only inserted. */
  readonly attempts?: readonly AttemptRecord[];
  readonly put?: RecordsByStore;
  readonly delete?: KeysByStore;
}

export interface BatchResult {
  readonly added: number;
  readonly skipped: number;
  /** Set when a progress expectation failed: what was found instead (null: nothing). */
  readonly conflict?: ProgressRecord | null;
}

export interface CommitResult extends BatchResult {
  /** True only once the transaction has completed; false: kept in this page's memory. */
  readonly durable: boolean;
}

/** Record access inside one unit of work. Implementations await nothing but their storage. */
export interface RecordView {
  get<S extends StoreName>(store: S, id: string): Promise<RecordOf<S> | undefined>;
  has(store: StoreName, id: string): Promise<boolean>;
  put<S extends StoreName>(store: S, record: RecordOf<S>): Promise<void>;
  delete(store: StoreName, id: string): Promise<void>;
}

async function checkProgress(
  view: RecordView,
  changes: readonly ProgressChange[],
): Promise<ProgressRecord | null | undefined> {
  for (const change of changes) {
    const current = await view.get('progress', change.id);
    if ((current?.revision ?? null) !== change.expected) return current ?? null;
  }
  return undefined;
}

async function insertAll<S extends StoreName>(
  view: RecordView,
  store: S,
  records: readonly RecordOf<S>[],
): Promise<number> {
  let added = 0;
  for (const record of records) {
    if (await view.has(store, record.id)) continue;
    await view.put(store, record);
    added++;
  }
  return added;
}

export async function applyBatch(view: RecordView, batch: Batch): Promise<BatchResult> {
  const progress = batch.progress ?? [];
  const conflict = await checkProgress(view, progress);
  if (conflict === undefined) {
    for (const change of progress) {
      if (change.archive) await view.put('progress', change.archive);
      if (change.next) await view.put('progress', change.next);
      else await view.delete('progress', change.id);
    }
  }
  let added = 0;
  let offered = 0;
  for (const store of STORE_NAMES) {
    const records = batch.add?.[store] ?? [];
    offered += records.length;
    added += await insertAll(view, store, records);
  }
  for (const attempt of batch.attempts ?? []) {
    const existing = await view.get('attempts', attempt.id);
    if (conflict !== undefined && existing) continue;
    await view.put('attempts', mergeAttempt(existing, attempt));
  }
  for (const store of STORE_NAMES) {
    for (const record of batch.put?.[store] ?? []) await view.put(store, record);
    for (const id of batch.delete?.[store] ?? []) await view.delete(store, id);
  }
  return { added, skipped: offered - added, ...(conflict === undefined ? {} : { conflict }) };
}

const concat = <T extends RecordsByStore | KeysByStore>(a: T | undefined, b: T | undefined): T => {
  const out: Record<string, readonly unknown[]> = {};
  for (const store of STORE_NAMES) {
    const both = [...(a?.[store] ?? []), ...(b?.[store] ?? [])];
    if (both.length) out[store] = both;
  }
  return out as T;
};

/**
 * Two batches as one, for the queue kept while the database cannot be written: a chain of
 * progress writes (each expecting the one before) keeps only its first expectation and last
 * record, so a long outage holds one snapshot, not one per change.
 */
export function combine(first: Batch, second: Batch): Batch {
  const progress = [...(first.progress ?? [])];
  for (const change of second.progress ?? []) {
    const index = progress.findIndex(
      (earlier) => earlier.id === change.id && (earlier.next?.revision ?? null) === change.expected,
    );
    const earlier = progress[index];
    if (earlier && earlier.next) {
      progress[index] = {
        ...earlier,
        next: change.next,
        ...(change.archive ? { archive: change.archive } : {}),
      };
    } else progress.push(change);
  }
  return {
    progress,
    add: concat(first.add, second.add),
    attempts: [...(first.attempts ?? []), ...(second.attempts ?? [])],
    put: concat(first.put, second.put),
    delete: concat(first.delete, second.delete),
  };
}

/**
 * The batch for a database created afresh (the old one was deleted), where the revisions its
 * progress changes expect are gone: each record ends as the changes leave it, written as is.
 */
export function settled(batch: Batch): Batch {
  const archives: ProgressRecord[] = [];
  const last = new Map<string, ProgressRecord | null>();
  for (const change of batch.progress ?? []) {
    if (change.archive) archives.push(change.archive);
    last.set(change.id, change.next);
  }
  const records = [...last.values()].filter((record): record is ProgressRecord => !!record);
  const removed = [...last].filter(([, record]) => record === null).map(([id]) => id);
  return {
    ...batch,
    progress: [],
    put: concat(batch.put, { progress: [...archives, ...records] }),
    delete: concat(batch.delete, { progress: removed }),
  };
}
