/**
 * The only code that opens IndexedDB transactions. Writes run batches in one readwrite
 * transaction and resolve after it completes; reads check every record and skip damaged ones.
 */
import * as v from 'valibot';
import { applyBatch, type Batch, type BatchResult, type RecordView } from './batch.ts';
import {
  LEARNER_MODULE_STORES,
  STORE_NAMES,
  type Database,
  type LearnerModuleKey,
  type RecordOf,
  type StoreName,
} from './db.ts';
import { RECORD_SCHEMAS } from './records.ts';

export interface Query {
  readonly learnerId?: string;
  readonly moduleId?: string;
}

export interface Damaged {
  readonly store: StoreName;
  readonly key: string;
  readonly reason: string;
}

/** A record as stored, checked against its store's schema. */
export function checkRecord<S extends StoreName>(
  store: S,
  value: unknown,
): { ok: true; record: RecordOf<S> } | { ok: false; reason: string } {
  const result = v.safeParse(RECORD_SCHEMAS[store], value);
  if (result.success) return { ok: true, record: result.output as RecordOf<S> };
  const issue = result.issues[0];
  const path = issue.path?.map((item) => String(item.key)).join('.') ?? '';
  return { ok: false, reason: path ? `${path}: ${issue.message}` : issue.message };
}

export function matches(store: StoreName, record: object, query: Query): boolean {
  const fields = record as { id?: string; learnerId?: string; moduleId?: string };
  const learnerId = store === 'learners' ? fields.id : fields.learnerId;
  return (
    (query.learnerId === undefined || learnerId === query.learnerId) &&
    (query.moduleId === undefined ||
      !LEARNER_MODULE_STORES.has(store) ||
      fields.moduleId === query.moduleId)
  );
}

/**
 * Runs the batches in order in one transaction; resolves after `complete`. Inside, only
 * IndexedDB requests are awaited. A failed request or commit (e.g. QuotaExceededError) rejects
 * and nothing of the batches is kept.
 */
export async function writeBatches(
  db: Database,
  batches: readonly Batch[],
): Promise<BatchResult[]> {
  const tx = db.transaction(STORE_NAMES as StoreName[], 'readwrite', { durability: 'strict' });
  // Observed from the start, so that an abort never surfaces as an unhandled rejection.
  const done = tx.done.then(
    () => undefined,
    (error: unknown) => error ?? tx.error ?? new DOMException('Transaction aborted', 'AbortError'),
  );
  const view: RecordView = {
    get: (store, id) => tx.objectStore(store).get(id),
    has: async (store, id) => (await tx.objectStore(store).getKey(id)) !== undefined,
    put: async (store, record) => {
      await tx.objectStore(store).put(record);
    },
    delete: (store, id) => tx.objectStore(store).delete(id),
  };
  const results: BatchResult[] = [];
  try {
    for (const batch of batches) results.push(await applyBatch(view, batch));
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // already aborted by the failed request
    }
    throw (await done) ?? error;
  }
  const failure = await done;
  if (failure) throw failure;
  return results;
}

interface LooseIndex {
  getAll(query: IDBValidKey): Promise<unknown[]>;
  getAllKeys(query: IDBValidKey): Promise<IDBValidKey[]>;
}

async function readWithKeys(
  db: Database,
  store: StoreName,
  query: Query,
): Promise<{ keys: IDBValidKey[]; values: unknown[] }> {
  const tx = db.transaction(store, 'readonly');
  const objects = tx.objectStore(store);
  // The index exists on some stores only, which the generic store type cannot say.
  const loose = objects as unknown as {
    indexNames: DOMStringList;
    index(name: string): LooseIndex;
  };
  const indexed =
    query.learnerId !== undefined &&
    query.moduleId !== undefined &&
    loose.indexNames.contains('by-learner-module');
  let result: { keys: IDBValidKey[]; values: unknown[] };
  if (indexed) {
    const index = loose.index('by-learner-module');
    const range: LearnerModuleKey = [query.learnerId!, query.moduleId!];
    const [keys, values] = await Promise.all([index.getAllKeys(range), index.getAll(range)]);
    result = { keys, values };
  } else {
    const [keys, values] = await Promise.all([objects.getAllKeys(), objects.getAll()]);
    result = { keys, values };
  }
  await tx.done;
  return result;
}

/** Every sound record matching the query; damaged ones are left out and listed. */
export async function readRecords<S extends StoreName>(
  db: Database,
  store: S,
  query: Query = {},
): Promise<{ records: RecordOf<S>[]; damaged: Damaged[] }> {
  const { keys, values } = await readWithKeys(db, store, query);
  const records: RecordOf<S>[] = [];
  const damaged: Damaged[] = [];
  values.forEach((value, index) => {
    const checked = checkRecord(store, value);
    if (!checked.ok) damaged.push({ store, key: String(keys[index]), reason: checked.reason });
    else if (matches(store, checked.record, query)) records.push(checked.record);
  });
  return { records, damaged };
}

export async function readRecord<S extends StoreName>(
  db: Database,
  store: S,
  id: string,
): Promise<{ record?: RecordOf<S>; damaged?: Damaged }> {
  const value: unknown = await db.get(store, id);
  if (value === undefined) return {};
  const checked = checkRecord(store, value);
  return checked.ok
    ? { record: checked.record }
    : { damaged: { store, key: id, reason: checked.reason } };
}
