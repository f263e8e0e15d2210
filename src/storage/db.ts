/**
 * The database: one schema type, versioned upgrades, and an open that never hangs silently —
 * `blocked`, `versionchange` and abnormal closes come back as typed problems, and a deletion by
 * another page is told apart from an upgrade.
 */
import { wrap, type DBSchema, type IDBPDatabase, type StoreNames, type StoreValue } from 'idb';
import { STORAGE_MESSAGES } from './messages.ts';
import type {
  AttemptRecord,
  LearnerRecord,
  OutboxRecord,
  ProgressRecord,
  ResponseRecord,
} from './records.ts';

export const DB_NAME = 'checkpoint';
/**
 * 1: the five stores as first shipped.
 * 2: `responses.by-learner-module`, so that a learner's answers in a module (resume, trainer
 *    reports) are read without walking every attempt.
 */
export const DB_VERSION = 2;

export type LearnerModuleKey = [learnerId: string, moduleId: string];

export interface CheckpointDB extends DBSchema {
  learners: { key: string; value: LearnerRecord };
  progress: {
    key: string;
    value: ProgressRecord;
    indexes: { 'by-learner-module': LearnerModuleKey };
  };
  attempts: {
    key: string;
    value: AttemptRecord;
    indexes: { 'by-learner-module': LearnerModuleKey };
  };
  responses: {
    key: string;
    value: ResponseRecord;
    indexes: { 'by-attempt': string; 'by-learner-module': LearnerModuleKey };
  };
  outbox: { key: string; value: OutboxRecord; indexes: { 'by-created': number } };
}

export type StoreName = StoreNames<CheckpointDB>;
export type RecordOf<S extends StoreName> = StoreValue<CheckpointDB, S>;
export type Database = IDBPDatabase<CheckpointDB>;

export const STORE_NAMES: readonly StoreName[] = [
  'learners',
  'progress',
  'attempts',
  'responses',
  'outbox',
];

/** Stores whose records carry `learnerId` and `moduleId`. */
export const LEARNER_MODULE_STORES: ReadonlySet<StoreName> = new Set([
  'progress',
  'attempts',
  'responses',
]);

export type DatabaseProblemKind =
  'unavailable' | 'blocked' | 'versionchange' | 'newer' | 'terminated' | 'timeout';

export interface DatabaseProblem {
  readonly kind: DatabaseProblemKind;
  readonly message: string;
  /** The browser's error name, when there was one (e.g. "SecurityError"). */
  readonly error?: string;
}

export const databaseProblem = (kind: DatabaseProblemKind, error?: unknown): DatabaseProblem => {
  const name = error instanceof Error || error instanceof DOMException ? error.name : undefined;
  return { kind, message: STORAGE_MESSAGES[kind], ...(name ? { error: name } : {}) };
};

export type OpenResult =
  | { readonly ok: true; readonly db: Database }
  | { readonly ok: false; readonly problem: DatabaseProblem };

export interface OpenDatabaseOptions {
  /** Defaults to the page's `indexedDB`; `null` means there is none. */
  readonly indexedDB?: IDBFactory | null;
  /** Another connection holds an older version open: the open waits until it closes. */
  readonly onBlocked?: (problem: DatabaseProblem) => void;
  /** Another tab wants a newer version: this connection has closed. */
  readonly onVersionChange?: (problem: DatabaseProblem) => void;
  /**
   * Another page, devtools or the browser deletes the database: this connection has closed, so
   * that the deletion goes ahead. An open requested from now on runs once the deletion is done.
   */
  readonly onDeleted?: () => void;
  /** The browser closed the connection (storage cleared, disk error). */
  readonly onTerminated?: (problem: DatabaseProblem) => void;
}

function upgrade(db: Database, oldVersion: number, tx: IDBTransaction): void {
  if (oldVersion < 1) {
    db.createObjectStore('learners', { keyPath: 'id' });
    const progress = db.createObjectStore('progress', { keyPath: 'id' });
    progress.createIndex('by-learner-module', ['learnerId', 'moduleId']);
    const attempts = db.createObjectStore('attempts', { keyPath: 'id' });
    attempts.createIndex('by-learner-module', ['learnerId', 'moduleId']);
    const responses = db.createObjectStore('responses', { keyPath: 'id' });
    responses.createIndex('by-attempt', 'attemptId');
    const outbox = db.createObjectStore('outbox', { keyPath: 'id' });
    outbox.createIndex('by-created', 'createdAt');
  }
  if (oldVersion < 2) {
    // Existing records are indexed by the browser as part of this upgrade.
    tx.objectStore('responses').createIndex('by-learner-module', ['learnerId', 'moduleId']);
  }
}

/** The page's IndexedDB, or null where reading it is refused (some sandboxed frames). */
export function pageIndexedDB(): IDBFactory | null {
  try {
    return globalThis.indexedDB ?? null;
  } catch {
    return null;
  }
}

/**
 * Opens (creating or upgrading) the database. Never rejects: an error becomes a problem. While
 * `blocked`, the promise stays pending — callers decide how long to wait (see store.ts).
 */
export function openDatabase(
  name: string = DB_NAME,
  options: OpenDatabaseOptions = {},
): Promise<OpenResult> {
  const factory = options.indexedDB === undefined ? pageIndexedDB() : options.indexedDB;
  if (!factory) return Promise.resolve({ ok: false, problem: databaseProblem('unavailable') });
  return new Promise((resolve) => {
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(name, DB_VERSION);
    } catch (error) {
      resolve({ ok: false, problem: databaseProblem('unavailable', error) });
      return;
    }
    request.addEventListener('upgradeneeded', (event) => {
      upgrade(wrap(request.result) as Database, event.oldVersion, request.transaction!);
    });
    request.addEventListener('blocked', () => options.onBlocked?.(databaseProblem('blocked')));
    request.addEventListener('error', (event) => {
      // Handled here: without this the error would also reach window.onerror in some engines.
      event.preventDefault();
      const kind = request.error?.name === 'VersionError' ? 'newer' : 'unavailable';
      resolve({ ok: false, problem: databaseProblem(kind, request.error) });
    });
    request.addEventListener('success', () => {
      const raw = request.result;
      raw.addEventListener('versionchange', (event) => {
        // Close at once so that the other tab's upgrade (or delete) can go ahead.
        raw.close();
        if (event.newVersion === null) options.onDeleted?.();
        else options.onVersionChange?.(databaseProblem('versionchange'));
      });
      raw.addEventListener('close', () => options.onTerminated?.(databaseProblem('terminated')));
      resolve({ ok: true, db: wrap(raw) as Database });
    });
  });
}
