/**
 * The store the rest of Checkpoint writes through: IndexedDB when it works, this page's memory
 * when it does not — behind one interface, so a session never stops for storage. Writes the
 * database cannot take (quota, blocked upgrade, closed connection) are kept in memory, stay
 * readable, and are written later; nothing is dropped. When the database is deleted under the
 * page, it is created again and what the page holds is written back.
 */
import type { Batch, BatchResult, CommitResult } from './batch.ts';
import {
  DB_NAME,
  databaseProblem,
  openDatabase,
  pageIndexedDB,
  type DatabaseProblemKind,
  type RecordOf,
  type StoreName,
} from './db.ts';
import { LocalStore } from './local-store.ts';
import type { Query } from './transaction.ts';

export type { Batch, CommitResult } from './batch.ts';
export type { Query } from './transaction.ts';

/** `corrupt` and `conflict` are events; the others last until the store recovers. */
export type StorageProblemKind =
  DatabaseProblemKind | 'quota' | 'write-failed' | 'corrupt' | 'conflict';

export interface StorageProblem {
  readonly kind: StorageProblemKind;
  readonly message: string;
  readonly error?: string;
  /** For `corrupt`: where the skipped record is. */
  readonly store?: StoreName;
  readonly key?: string;
}

/**
 * `recovered`: everything kept in memory is written. `deleted`: the database was deleted under
 * the page (another page, devtools, the browser), created again, and what the page holds
 * (see `Store.hold`) written back.
 */
export type StorageNotice =
  StorageProblem | { readonly kind: 'recovered' | 'deleted'; readonly message: string };

export interface Store {
  /** True while every write so far is in IndexedDB; false while some live only in this page. */
  readonly durable: boolean;
  /** What is wrong now (database problems) and every damaged record skipped so far. */
  readonly problems: readonly StorageProblem[];
  onNotice(listener: (notice: StorageNotice) => void): () => void;
  /** One transaction; resolves once it has completed (`durable: true`) or is kept in memory. */
  commit(batch: Batch): Promise<CommitResult>;
  get<S extends StoreName>(store: S, id: string): Promise<RecordOf<S> | undefined>;
  list<S extends StoreName>(store: S, query?: Query): Promise<RecordOf<S>[]>;
  /** Writes what is kept in memory to IndexedDB now; true when nothing is left in memory. */
  retry(): Promise<boolean>;
  /**
   * What this page holds of the learner's work, written back should the database be deleted
   * under the page — before any write that comes after the deletion. `records` is read at that
   * moment. Returns the function that lets go.
   */
  hold(records: () => Batch): () => void;
  close(): void;
}

export type WriteInterceptor = (
  batches: readonly Batch[],
  write: () => Promise<BatchResult[]>,
) => Promise<BatchResult[]>;

export interface OpenStoreOptions {
  readonly name?: string;
  /** Defaults to the page's `indexedDB`; `null` runs in memory. */
  readonly indexedDB?: IDBFactory | null;
  /** How long to wait for the database before running in memory meanwhile (default 5 s). */
  readonly openTimeoutMs?: number;
  /** First delay before writing kept records again; doubles up to 5 minutes (default 15 s). */
  readonly retryDelayMs?: number;
  /** A seam around every IndexedDB write, e.g. for provoking failures in tests. */
  readonly interceptWrite?: WriteInterceptor;
}

/** A store in this page's memory only, e.g. where IndexedDB is missing. */
export function memoryStore(problem?: StorageProblem): Store {
  const store = new LocalStore(undefined, {});
  if (problem) store.report(problem);
  return store;
}

/**
 * The IndexedDB store, or — when the database cannot be used at all (no IndexedDB, refused,
 * newer version) — a memory store whose `problems` say why. When the open is blocked by another
 * tab or does not answer in time, the store runs in memory meanwhile and writes everything to
 * IndexedDB once the database opens.
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  const factory = options.indexedDB === undefined ? pageIndexedDB() : options.indexedDB;
  if (!factory) return memoryStore(databaseProblem('unavailable'));
  let firstNews: () => void = () => undefined;
  const news = new Promise<void>((resolve) => (firstNews = resolve));
  const store: LocalStore = new LocalStore(
    () =>
      openDatabase(options.name ?? DB_NAME, {
        indexedDB: factory,
        onBlocked: (problem) => {
          store.report(problem);
          firstNews();
        },
        onVersionChange: (problem) => store.lost(problem),
        onDeleted: () => store.deleted(),
        onTerminated: (problem) => store.lost(problem),
      }),
    options,
  );
  const opened = store.startOpening();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), options.openTimeoutMs ?? 5_000);
  });
  const first = await Promise.race([opened, news, timeout]);
  clearTimeout(timer);
  if (first === 'timeout') store.report(databaseProblem('timeout'));
  else if (first && !first.ok) {
    store.close();
    return memoryStore(first.problem);
  }
  return store;
}
