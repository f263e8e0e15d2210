/**
 * Statements on their way to an LRS. Each is written to the IndexedDB `outbox` store before it is
 * sent and removed only once the LRS has taken it, so a closed tab, a crash or a dead network
 * loses nothing; the next page with an outbox for the same destination sends it.
 *
 * - Sent once: statement ids are made on the device, so a statement sent again (the answer to the
 *   first try was lost) is the same statement to the LRS; a 409 for it means "already stored".
 * - In order: oldest first, one batch at a time, one flush at a time per destination — across
 *   tabs too, through a Web Lock where the browser has them.
 * - Retried: when the LRS cannot be reached, times out or answers 5xx, after a growing delay
 *   (doubling, capped, with jitter), and at once when the browser comes back `online`.
 * - A refusal (4xx other than 409) keeps the statements and tells the learner; the next
 *   statement, `online` or `flush()` tries again.
 */
import { lmsNotice } from '../messages.ts';
import type { LmsNotice } from '../reporter.ts';
import type { OutboxRecord } from '../../storage/records.ts';
import type { Store } from '../../storage/store.ts';
import { isRetryable, type LrsClient, type LrsError } from './client.ts';
import type { Statement } from './vocabulary.ts';

/** Browsers refuse `keepalive` requests whose bodies add up to more than 64 KiB. */
const KEEPALIVE_BYTES = 60_000;
const encoder = new TextEncoder();

export interface OutboxOptions {
  readonly store: Store;
  readonly client: LrsClient;
  /** Which LRS the statements are for (default: the client's endpoint). */
  readonly destination?: string;
  /** Statements per request (default 50). */
  readonly batchSize?: number;
  /** First retry delay (default 2 s); doubles per failure up to `maxRetryDelayMs` (default 5 min). */
  readonly retryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
  /** Source of jitter in [0, 1) (default `Math.random`). */
  readonly random?: () => number;
  /** Cross-tab locks (default `navigator.locks`; null: this page only). */
  readonly locks?: LockManager | null;
  /** Where `online` is heard (default the page's `window`; null: nowhere). */
  readonly onlineTarget?: EventTarget | null;
}

export interface FlushResult {
  /** Statements the LRS took during this flush. */
  readonly sent: number;
  /** Statements still waiting (for this destination). */
  readonly remaining: number;
  /** Why the flush stopped early. */
  readonly error?: LrsError;
}

const byAge = (a: OutboxRecord, b: OutboxRecord) =>
  a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export class Outbox {
  readonly destination: string;
  readonly #store: Store;
  readonly #client: LrsClient;
  readonly #options: OutboxOptions;
  readonly #listeners = new Set<(notice: LmsNotice) => void>();
  /** What this page added and has not seen delivered: sent directly on exit. */
  readonly #unsent = new Map<string, OutboxRecord>();
  /**
   * Every statement this page knows is waiting (added here or read from the outbox), written
   * back should the database be deleted under the page.
   */
  readonly #waiting = new Map<string, OutboxRecord>();
  readonly #letGo: () => void;
  /** Ids a flush is sending now, and ids `flushOnExit` is sending now. */
  readonly #inFlight = new Set<string>();
  readonly #exiting = new Set<string>();
  #lastCreated = 0;
  #running: Promise<FlushResult> | undefined;
  #again = false;
  #failures = 0;
  #down = false;
  #refused: string | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;
  readonly #online = () => {
    this.#failures = 0;
    void this.flush();
  };

  constructor(options: OutboxOptions) {
    this.#options = options;
    this.#store = options.store;
    this.#client = options.client;
    this.destination = options.destination ?? options.client.endpoint;
    this.#target()?.addEventListener('online', this.#online);
    this.#letGo = this.#store.hold(() => ({ add: { outbox: [...this.#waiting.values()] } }));
  }

  onNotice(listener: (notice: LmsNotice) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Keeps the statements (in this order, after every earlier one) and starts sending them.
   * Resolves once they are stored: in IndexedDB, or in this page's memory when it cannot be used.
   */
  async add(statements: readonly Statement[]): Promise<void> {
    if (!statements.length) return;
    const records = statements.map((statement): OutboxRecord => {
      // Strictly increasing, so that statements of one fact keep their order.
      this.#lastCreated = Math.max(Date.now(), this.#lastCreated + 0.001);
      return {
        id: statement.id,
        createdAt: this.#lastCreated,
        destination: this.destination,
        statement,
        tries: 0,
      };
    });
    records.forEach((record) => {
      this.#unsent.set(record.id, record);
      this.#waiting.set(record.id, record);
    });
    await this.#store.commit({ add: { outbox: records } });
    // While a retry is scheduled the LRS is known to be away: the retry takes these along.
    if (!this.#closed && this.#timer === undefined) void this.flush();
  }

  /** Statements waiting for this destination, oldest first. */
  async pending(): Promise<Statement[]> {
    return (await this.#records()).map((record) => record.statement as Statement);
  }

  /**
   * Sends everything waiting, oldest first, until none is left or the LRS fails. A flush already
   * running picks up what was added since; the returned promise is that flush's.
   */
  flush(): Promise<FlushResult> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const run = async (): Promise<FlushResult> => {
      let sent = 0;
      let result: FlushResult;
      do {
        this.#again = false;
        try {
          result = await this.#locked(() => this.#drain());
        } catch (error) {
          // The lock or the store failed: nothing was lost, the next trigger tries again.
          result = { sent: 0, remaining: 0, error: { kind: 'network', message: String(error) } };
        }
        sent += result.sent;
      } while (this.#again && !result.error && !this.#closed);
      return { ...result, sent };
    };
    this.#running = run().finally(() => (this.#running = undefined));
    return this.#running;
  }

  /**
   * The page is going away: sends what this page added and has not seen delivered at once, with
   * `keepalive` so the requests outlive the page. What is not confirmed stays in the outbox for
   * the next visit (the LRS keeps one copy of a statement sent twice).
   */
  flushOnExit(): Promise<void> {
    // Not what a flush is sending right now: two copies of one statement in flight at once
    // could both be stored by an LRS that checks ids before it writes.
    const records = [...this.#unsent.values()]
      .filter((record) => !this.#inFlight.has(record.id))
      .sort(byAge);
    const sends: Promise<void>[] = [];
    const send = (batch: OutboxRecord[]) => {
      batch.forEach((record) => this.#exiting.add(record.id));
      sends.push(
        this.#client
          .sendStatements(
            batch.map((record) => record.statement as Statement),
            { keepalive: true },
          )
          .then(async (result) => {
            if (result.ok) await this.#delivered(batch);
          })
          .finally(() => batch.forEach((record) => this.#exiting.delete(record.id))),
      );
    };
    let chunk: OutboxRecord[] = [];
    let bytes = 2;
    for (const record of records) {
      const size = encoder.encode(JSON.stringify(record.statement)).length + 1;
      if (chunk.length && bytes + size > KEEPALIVE_BYTES) {
        send(chunk);
        chunk = [];
        bytes = 2;
      }
      chunk.push(record);
      bytes += size;
    }
    if (chunk.length) send(chunk);
    return Promise.all(sends).then(() => undefined);
  }

  /** Stops retrying and listening; what is waiting stays stored. */
  close(): void {
    this.#closed = true;
    this.#letGo();
    clearTimeout(this.#timer);
    this.#target()?.removeEventListener('online', this.#online);
  }

  #target(): EventTarget | null {
    if (this.#options.onlineTarget !== undefined) return this.#options.onlineTarget;
    return typeof window === 'undefined' ? null : window;
  }

  async #locked(task: () => Promise<FlushResult>): Promise<FlushResult> {
    const locks =
      this.#options.locks !== undefined
        ? this.#options.locks
        : typeof navigator !== 'undefined'
          ? (navigator.locks ?? null)
          : null;
    if (!locks) return task();
    return (await locks.request(`checkpoint-outbox:${this.destination}`, task)) as FlushResult;
  }

  async #records(): Promise<OutboxRecord[]> {
    const all = await this.#store.list('outbox');
    const mine = all.filter((record) => record.destination === this.destination).sort(byAge);
    for (const record of mine) this.#waiting.set(record.id, record);
    return mine;
  }

  async #delivered(records: readonly OutboxRecord[]): Promise<void> {
    records.forEach((record) => {
      this.#unsent.delete(record.id);
      this.#waiting.delete(record.id);
    });
    await this.#store.commit({ delete: { outbox: records.map((record) => record.id) } });
  }

  async #drain(): Promise<FlushResult> {
    let sent = 0;
    for (;;) {
      if (this.#closed) return { sent, remaining: (await this.#records()).length };
      const waiting = (await this.#records()).filter((record) => !this.#exiting.has(record.id));
      if (!waiting.length) {
        this.#settled();
        return { sent, remaining: 0 };
      }
      const batch = waiting.slice(0, this.#options.batchSize ?? 50);
      const error = await this.#send(batch);
      if (error) {
        this.#failed(error);
        return { sent, remaining: waiting.length, error };
      }
      sent += batch.length;
      this.#failures = 0;
    }
  }

  /** Sends a batch; undefined once the LRS holds every statement of it. */
  async #send(batch: readonly OutboxRecord[]): Promise<LrsError | undefined> {
    batch.forEach((record) => this.#inFlight.add(record.id));
    try {
      return await this.#sendBatch(batch);
    } finally {
      batch.forEach((record) => this.#inFlight.delete(record.id));
    }
  }

  async #sendBatch(batch: readonly OutboxRecord[]): Promise<LrsError | undefined> {
    const result = await this.#client.sendStatements(batch.map((r) => r.statement as Statement));
    if (result.ok) {
      await this.#delivered(batch);
      return undefined;
    }
    if (result.error.kind !== 'conflict') return result.error;
    // Some id of the batch is stored already (a send whose answer was lost): one at a time,
    // where a 409 says exactly that about this statement.
    for (const record of batch) {
      const one = await this.#client.putStatement(record.statement as Statement);
      if (!one.ok && one.error.kind !== 'conflict') return one.error;
      await this.#delivered([record]);
    }
    return undefined;
  }

  #failed(error: LrsError): void {
    if (isRetryable(error)) {
      if (!this.#down) {
        this.#down = true;
        this.#tell(lmsNotice('unreachable', error.message));
      }
      this.#failures++;
      const first = this.#options.retryDelayMs ?? 2_000;
      const cap = this.#options.maxRetryDelayMs ?? 300_000;
      const delay = Math.min(cap, first * 2 ** Math.min(this.#failures - 1, 30));
      const jittered = delay / 2 + (this.#options.random ?? Math.random)() * (delay / 2);
      clearTimeout(this.#timer);
      if (!this.#closed) this.#timer = setTimeout(() => void this.flush(), jittered);
      return;
    }
    const detail = error.status === undefined ? error.message : `${error.status}: ${error.message}`;
    if (this.#refused !== detail) {
      this.#refused = detail;
      this.#tell(lmsNotice('refused', detail));
    }
  }

  #settled(): void {
    this.#failures = 0;
    if (this.#down || this.#refused !== undefined) {
      this.#down = false;
      this.#refused = undefined;
      this.#tell(lmsNotice('recovered'));
    }
  }

  #tell(notice: LmsNotice): void {
    this.#listeners.forEach((listener) => listener(notice));
  }
}
