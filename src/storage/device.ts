/**
 * This device: local learner profiles (shared devices) and the browser's promise to keep the
 * data (`navigator.storage.persist()`), which spares it from eviction when space runs low.
 */
import { newId } from './ids.ts';
import type { LearnerRecord } from './records.ts';
import type { Store } from './store.ts';

export interface PersistenceOptions {
  /** Defaults to `navigator.storage`. */
  readonly storage?: Pick<StorageManager, 'persist' | 'persisted'> | undefined;
  /**
   * Firefox asks the user, and the answer may never come: after this long the answer is false
   * for now (default 10 s); ask again later.
   */
  readonly timeoutMs?: number;
}

/**
 * Asks the browser to keep this site's data; true when it does. Never throws and never hangs:
 * where the API is missing, refuses, or the user does not answer, the answer is false.
 */
export async function requestPersistence(options: PersistenceOptions = {}): Promise<boolean> {
  const storage = 'storage' in options ? options.storage : globalThis.navigator?.storage;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), options.timeoutMs ?? 10_000);
  });
  const ask = async () => {
    if (typeof storage?.persist !== 'function') return false;
    if (typeof storage.persisted === 'function' && (await storage.persisted())) return true;
    return (await storage.persist()) === true;
  };
  try {
    return await Promise.race([ask(), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export async function addLearner(
  store: Store,
  name: string,
  now: () => number = Date.now,
): Promise<LearnerRecord> {
  const learner: LearnerRecord = { id: newId(), name: name.trim(), createdAt: now() };
  await store.commit({ add: { learners: [learner] } });
  return learner;
}

export async function listLearners(store: Store): Promise<LearnerRecord[]> {
  const learners = await store.list('learners');
  return learners.sort((a, b) => a.name.localeCompare(b.name));
}

/** The stores that hold a learner's own records. */
const LEARNER_STORES = ['learners', 'progress', 'attempts', 'responses'] as const;

export interface Forgotten {
  /** Records removed, by store. */
  readonly removed: Readonly<Record<(typeof LEARNER_STORES)[number], number>>;
  /** True once the removal is in IndexedDB (false: only this page's copy was cleared). */
  readonly durable: boolean;
}

/**
 * "Delete my data on this device": the learner's profile, saved progress (current and history),
 * attempts and answers, in one transaction. Other learners' records are untouched. Statements
 * waiting in the outbox for an LMS or LRS belong to the organisation's record and stay.
 */
export async function forgetLearner(store: Store, learnerId: string): Promise<Forgotten> {
  const keys = Object.fromEntries(
    await Promise.all(
      LEARNER_STORES.map(
        async (name) =>
          [name, (await store.list(name, { learnerId })).map((record) => record.id)] as const,
      ),
    ),
  ) as Record<(typeof LEARNER_STORES)[number], string[]>;
  const result = await store.commit({ delete: keys });
  return {
    removed: Object.fromEntries(
      LEARNER_STORES.map((name) => [name, keys[name].length]),
    ) as Forgotten['removed'],
    durable: result.durable,
  };
}
