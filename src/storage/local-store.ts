/**
 * The one implementation behind `Store`: IndexedDB through a connection when there is one, this
 * page's memory for what the database cannot take (or for everything, without a connection).
 */
import {
  applyBatch,
  combine,
  settled,
  type Batch,
  type BatchResult,
  type CommitResult,
} from './batch.ts';
import {
  databaseProblem,
  type Database,
  type OpenResult,
  type RecordOf,
  type StoreName,
} from './db.ts';
import { MemoryTables } from './memory.ts';
import { STORAGE_MESSAGES, corruptMessage } from './messages.ts';
import type {
  OpenStoreOptions,
  StorageNotice,
  StorageProblem,
  StorageProblemKind,
  Store,
} from './store.ts';
import {
  matches,
  readRecord,
  readRecords,
  writeBatches,
  type Damaged,
  type Query,
} from './transaction.ts';

const MAX_RETRY_DELAY_MS = 300_000;
const errorName = (error: unknown) =>
  error instanceof Error || error instanceof DOMException ? error.name : 'Error';

/** A conflicting batch is kept without its progress changes and with attempts insert-only. */
const withoutProgress = (batch: Batch): Batch => ({
  ...batch,
  progress: [],
  attempts: [],
  add: { ...batch.add, attempts: [...(batch.add?.attempts ?? []), ...(batch.attempts ?? [])] },
});

export class LocalStore implements Store {
  private db: Database | undefined;
  private pending: Batch | undefined;
  private readonly memory = new MemoryTables();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly current = new Map<StorageProblemKind, StorageProblem>();
  private readonly damaged = new Map<string, StorageProblem>();
  private readonly listeners = new Set<(notice: StorageNotice) => void>();
  private opening: Promise<OpenResult> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private delay: number;
  private closed = false;
  /** What the page holds, for writing back after the database was deleted under it. */
  private readonly holders = new Set<() => Batch>();
  /** The database was deleted: until what the page holds is written back, writes wait in memory. */
  private restoring = false;

  /** Without `connect`, the store lives in memory only. */
  constructor(
    private readonly connect: (() => Promise<OpenResult>) | undefined,
    private readonly options: OpenStoreOptions,
  ) {
    this.delay = options.retryDelayMs ?? 15_000;
  }

  get durable(): boolean {
    return this.db !== undefined && this.pending === undefined && !this.restoring;
  }

  get problems(): readonly StorageProblem[] {
    return [...this.current.values(), ...this.damaged.values()];
  }

  onNotice(listener: (notice: StorageNotice) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells listeners of a new problem; one that goes on (a retry failing again) is not repeated. */
  report(problem: StorageProblem): void {
    const known = problem.kind !== 'corrupt' && this.current.has(problem.kind);
    if (problem.kind === 'corrupt') this.damaged.set(`${problem.store}|${problem.key}`, problem);
    else if (problem.kind !== 'conflict') this.current.set(problem.kind, problem);
    if (!known) this.notify(problem);
  }

  private notify(notice: StorageNotice): void {
    this.listeners.forEach((listener) => listener(notice));
  }

  private reportDamaged(damaged: readonly Damaged[]): void {
    for (const { store, key } of damaged) {
      if (this.damaged.has(`${store}|${key}`)) continue;
      this.report({ kind: 'corrupt', message: corruptMessage(store, key), store, key });
    }
  }

  /** The connection is gone (another tab upgrades, the browser closed it): keep going in memory. */
  lost(problem: StorageProblem): void {
    this.db = undefined;
    this.report(problem);
  }

  hold(records: () => Batch): () => void {
    const holder = () => records();
    this.holders.add(holder);
    return () => this.holders.delete(holder);
  }

  /**
   * The database was deleted under the page and this connection closed. The open that follows
   * waits in the browser's queue until the deletion is done, then creates the database again;
   * what the page holds is written back first. A page that holds nothing opens again only when
   * it next writes, so that it does not bring back an empty database.
   */
  deleted(): void {
    this.db = undefined;
    this.restoring = true;
    if (this.holders.size || this.pending) this.retrySoon();
  }

  private retrySoon(): void {
    void this.retry().then((ok) => {
      if (!ok) this.scheduleRetry();
    });
  }

  private queued = 0;

  /**
   * One unit of work at a time, in order. With nothing queued the work starts at once, so an
   * answer's transaction opens before the page re-renders rather than a turn later.
   */
  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queued === 0 ? work() : this.queue.then(work);
    this.queued++;
    this.queue = run.catch(() => undefined).finally(() => this.queued--);
    return run;
  }

  startOpening(): Promise<OpenResult> {
    if (!this.connect)
      return Promise.resolve({ ok: false, problem: databaseProblem('unavailable') });
    this.opening ??= this.connect().then((result) => {
      this.opening = undefined;
      if (!result.ok) this.report(result.problem);
      else if (this.closed) result.db.close();
      else {
        this.db = result.db;
        void this.retry();
      }
      return result;
    });
    return this.opening;
  }

  commit(batch: Batch): Promise<CommitResult> {
    return this.enqueue(async () => {
      const db = this.db;
      if (db && !this.pending && !this.restoring) {
        try {
          const [result] = await this.write(db, [batch]);
          return { ...result!, durable: true };
        } catch (error) {
          // A connection closed meanwhile (deleted, upgraded) has been reported already.
          if (this.db === db) this.failed(error);
        }
      }
      return this.keep(batch);
    });
  }

  private write(db: Database, batches: readonly Batch[]): Promise<BatchResult[]> {
    const write = () => writeBatches(db, batches);
    return this.options.interceptWrite ? this.options.interceptWrite(batches, write) : write();
  }

  private failed(error: unknown): void {
    const name = errorName(error);
    if (name === 'InvalidStateError') this.db = undefined; // the connection closed under us
    const kind = name === 'QuotaExceededError' ? 'quota' : 'write-failed';
    this.report({ kind, message: STORAGE_MESSAGES[kind], error: name });
    this.scheduleRetry();
  }

  /**
   * Applies the batch to this page's memory and queues it. Over the database's records while
   * there is a connection; without one, the revisions progress changes expect cannot be checked
   * here, so they are checked when the batch is written.
   */
  private async keep(batch: Batch): Promise<CommitResult> {
    const db = this.restoring ? undefined : this.db;
    const below = db && {
      get: <S extends StoreName>(store: S, id: string) =>
        db.get(store, id).catch(() => undefined) as Promise<RecordOf<S> | undefined>,
    };
    const unchecked = this.connect && !db;
    const result = await applyBatch(this.memory.view(below), unchecked ? settled(batch) : batch);
    if (this.connect) {
      const queued = result.conflict === undefined ? batch : withoutProgress(batch);
      this.pending = this.pending ? combine(this.pending, queued) : queued;
      if (this.restoring) this.retrySoon();
      else this.scheduleRetry();
    }
    return { ...result, durable: false };
  }

  retry(): Promise<boolean> {
    return this.enqueue(async () => {
      if (!this.connect || this.closed) return false;
      if (!this.db) {
        await Promise.race([this.startOpening(), this.wait(this.options.openTimeoutMs ?? 5_000)]);
        if (!this.db) return false;
      }
      const db = this.db;
      const restoring = this.restoring;
      const batches = this.pending ? [restoring ? settled(this.pending) : this.pending] : [];
      // Read now, after every write queued before: the page's latest state.
      if (restoring) this.holders.forEach((records) => batches.push(records()));
      let conflict = false;
      if (batches.length) {
        try {
          const results = await this.write(db, batches);
          conflict = results.some((result) => result.conflict !== undefined);
        } catch (error) {
          if (this.db === db) this.failed(error);
          return false;
        }
        this.pending = undefined;
        this.memory.clear();
      }
      this.restoring = false;
      this.recovered();
      if (restoring) this.notify({ kind: 'deleted', message: STORAGE_MESSAGES.deleted });
      // Another tab saved the same progress while this one could not: its record stays.
      if (conflict) this.report({ kind: 'conflict', message: STORAGE_MESSAGES.conflict });
      return true;
    });
  }

  private recovered(): void {
    this.delay = this.options.retryDelayMs ?? 15_000;
    if (!this.current.size) return;
    this.current.clear();
    this.notify({ kind: 'recovered', message: STORAGE_MESSAGES.recovered });
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  private scheduleRetry(): void {
    if (!this.connect || this.closed || this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.retry().then((ok) => {
        if (!ok) this.scheduleRetry();
      });
    }, this.delay);
    this.delay = Math.min(this.delay * 2, MAX_RETRY_DELAY_MS);
  }

  async get<S extends StoreName>(store: S, id: string): Promise<RecordOf<S> | undefined> {
    const here = this.memory.lookup(store, id);
    if (here !== undefined) return here ?? undefined;
    if (!this.db) return undefined;
    try {
      const { record, damaged } = await readRecord(this.db, store, id);
      if (damaged) this.reportDamaged([damaged]);
      return record;
    } catch {
      return undefined;
    }
  }

  async list<S extends StoreName>(store: S, query: Query = {}): Promise<RecordOf<S>[]> {
    let records: RecordOf<S>[] = [];
    if (this.db) {
      try {
        const read = await readRecords(this.db, store, query);
        this.reportDamaged(read.damaged);
        records = read.records;
      } catch {
        // the connection closed while reading: what this page holds is all there is
      }
    }
    return this.memory.overlay(store, records, (record) => matches(store, record, query));
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.db?.close();
    this.db = undefined;
  }
}
