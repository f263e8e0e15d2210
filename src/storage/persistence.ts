/**
 * The persistence subscriber: after every change of a session that alters learner data, one
 * transaction writes the resume snapshot and the records of the facts since the last write.
 * Changes in one tick make one write; facts are queued until written, never dropped. The status
 * says "saved" only once the transaction has completed. The run's records stay held by the page,
 * to be written back should the database be deleted under it.
 */
import type { Session } from '../engine/session.ts';
import type { Batch, ProgressChange } from './batch.ts';
import { deriveRecords, type RunContext } from './derive.ts';
import { HeldRun } from './held.ts';
import { archivedProgressKey, newId, progressKey } from './ids.ts';
import { SAVE_MESSAGES } from './messages.ts';
import { savedActivities } from './migrate.ts';
import type { AttemptRecord, ProgressRecord, ResponseRecord } from './records.ts';
import type { Store } from './store.ts';

export type SaveState = 'saving' | 'saved' | 'memory' | 'read-only' | 'error';

export interface SaveStatus {
  readonly state: SaveState;
  /** For the learner; empty when there is nothing to say. */
  readonly message: string;
}

export interface PersistOptions {
  readonly learnerId: string;
  /**
   * The progress record this session continues (`loadResume`): the same content version, or an
   * earlier one whose snapshot was migrated — that record is archived by the first write.
   */
  readonly resumed?: ProgressRecord;
  /** Epoch milliseconds for `savedAt` (default `Date.now`). */
  readonly now?: () => number;
}

export interface Persistence {
  readonly status: SaveStatus;
  /** This run through the module; "start over" begins another. */
  readonly runId: string;
  onStatus(listener: (status: SaveStatus) => void): () => void;
  /**
   * Resolves when everything the session did so far is written (or kept in memory), and the
   * records of the run's earlier visits are held.
   */
  flush(): Promise<SaveStatus>;
  /** Flushes, then stops listening to the session. */
  stop(): Promise<SaveStatus>;
}

/**
 * `JSON.stringify` of JSON data (a session's persisted snapshot), remembering the text of every
 * object: successive snapshots share most of their objects, so only what changed is written out.
 */
const texts = new WeakMap<object, string>();

function snapshotText(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const known = texts.get(value);
  if (known !== undefined) return known;
  let text: string;
  if (Array.isArray(value)) text = `[${Array.from(value, snapshotText).join(',')}]`;
  else {
    const parts: string[] = [];
    for (const [name, item] of Object.entries(value)) {
      if (item !== undefined) parts.push(`${JSON.stringify(name)}:${snapshotText(item)}`);
    }
    text = `{${parts.join(',')}}`;
  }
  texts.set(value, text);
  return text;
}

const statusOf = (state: SaveState): SaveStatus => ({
  state,
  message: state === 'saved' || state === 'saving' ? '' : SAVE_MESSAGES[state],
});

export function persistSession(
  session: Session,
  store: Store,
  options: PersistOptions,
): Persistence {
  const { module } = session;
  const now = options.now ?? Date.now;
  const resumed = options.resumed;
  const key = progressKey(options.learnerId, module.id, module.version);
  const continues = resumed?.id === key;
  const run: RunContext = {
    learnerId: options.learnerId,
    module,
    runId: resumed?.runId ?? newId(),
  };
  const writerId = newId();
  const startedAt = resumed?.startedAt ?? now();
  let expected: number | null = continues ? resumed.revision : null;
  let retire = resumed && !continues ? resumed : undefined;
  let written = continues ? snapshotText(resumed.snapshot) : undefined;
  let readOnly = false;
  let latest: unknown = session.persist();
  /** The session changed since `latest` was taken. */
  let changed = false;
  const responses: ResponseRecord[] = [];
  const attempts: AttemptRecord[] = [];
  let scheduled = false;
  let writes = 0;
  let chain: Promise<void> = Promise.resolve();
  let lastDurable = store.durable;
  let status = statusOf(store.durable ? 'saved' : 'memory');
  const listeners = new Set<(status: SaveStatus) => void>();

  const setStatus = (state: SaveState) => {
    if (readOnly) state = 'read-only';
    if (state === status.state) return;
    status = statusOf(state);
    listeners.forEach((listener) => listener(status));
  };

  const progressRecord = (snapshot: unknown, revision: number): ProgressRecord => ({
    id: key,
    learnerId: options.learnerId,
    moduleId: module.id,
    version: module.version,
    runId: run.runId,
    state: 'current',
    snapshot,
    journal: session.journal(),
    activities: savedActivities(module),
    revision,
    writerId,
    startedAt,
    savedAt: now(),
  });

  const progressChanges = (snapshot: unknown): ProgressChange[] => {
    const record = progressRecord(snapshot, (expected ?? 0) + 1);
    const changes: ProgressChange[] = [];
    if (retire) {
      const archive: ProgressRecord = {
        ...retire,
        id: archivedProgressKey(retire.id),
        state: 'archived',
        archivedAt: now(),
        archivedBecause: 'content-changed',
      };
      changes.push({ id: retire.id, expected: retire.revision, next: null, archive });
    }
    changes.push({ id: key, expected, next: record });
    return changes;
  };

  /**
   * Takes the snapshot once for all the changes of a tick (the walk is as long as the module),
   * before any write of them and before the session stops; a stopped session persists as an
   * empty one.
   */
  const capture = () => {
    if (!changed) return;
    changed = false;
    if (session.actor.getSnapshot().status === 'active') latest = session.persist();
  };

  const writeOnce = async () => {
    capture();
    const snapshot = latest;
    const json = snapshotText(snapshot);
    const newResponses = responses.splice(0);
    const newAttempts = attempts.splice(0);
    const progress = !readOnly && json !== written ? progressChanges(snapshot) : [];
    if (!progress.length && !newResponses.length && !newAttempts.length) return;
    setStatus('saving');
    try {
      const result = await store.commit({
        progress,
        // Read-only: the other tab's attempts are never overwritten, only missing ones added.
        add: { responses: newResponses, ...(readOnly ? { attempts: newAttempts } : {}) },
        attempts: readOnly ? [] : newAttempts,
      });
      lastDurable = result.durable;
      if (result.conflict !== undefined) readOnly = true;
      else if (progress.length) {
        expected = progress.at(-1)!.next!.revision;
        written = json;
        retire = undefined;
      }
    } catch {
      // The store keeps what it cannot write; this is a failure of the store itself.
      responses.unshift(...newResponses);
      attempts.unshift(...newAttempts);
      setStatus('error');
      throw new Error('not written');
    }
  };

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    writes++;
    queueMicrotask(() => {
      scheduled = false;
      capture();
      const write = () =>
        writeOnce()
          .then(
            () => {
              // Only the last of queued writes may say "saved".
              if (writes === 1) setStatus(lastDurable ? 'saved' : 'memory');
            },
            () => undefined,
          )
          .finally(() => writes--);
      // With no write under way this one begins at once, not a turn of the event loop later
      // (when the change would be rendered first); otherwise after the write before it.
      chain = writes === 1 ? write() : chain.then(write);
    });
  };

  const held = new HeldRun(run.runId);
  // A continued run began on an earlier visit: its records are held as well.
  const earlier = resumed
    ? held.addEarlier(store, options.learnerId, module.id)
    : Promise.resolve();

  /**
   * What the database held of this run, to write back once it was deleted and created again:
   * the progress records at the revisions this writer expects (its next write goes on from
   * there), with the latest snapshot, and every response and attempt.
   */
  const holding = (): Batch => {
    capture();
    const progress: ProgressRecord[] = [];
    if (retire) progress.push(retire);
    if (expected !== null && !readOnly) progress.push(progressRecord(latest, expected));
    const { responses, attempts } = held.records;
    return readOnly
      ? { add: { responses, attempts } }
      : { put: { progress }, add: { responses }, attempts };
  };
  const stopHolding = store.hold(holding);

  const stopFacts = session.onFact((fact) => {
    const derived = deriveRecords(fact, run, session);
    responses.push(...derived.responses);
    attempts.push(...derived.attempts);
    held.add(derived.responses, derived.attempts);
    schedule();
  });
  const stopChanges = session.onChange(() => {
    changed = true;
    schedule();
  });
  // A page being closed may stop the session before the write runs.
  const stopOnStop = session.onStop(capture);
  const stopNotices = store.onNotice((notice) => {
    if (notice.kind === 'conflict') {
      readOnly = true;
      setStatus('read-only');
    } else if (
      (notice.kind === 'recovered' || notice.kind === 'deleted') &&
      writes === 0 &&
      status.state === 'memory'
    ) {
      lastDurable = true;
      setStatus('saved');
    }
  });
  // The first write claims the progress record (or archives the one of an older version).
  schedule();

  const flush = async () => {
    await earlier;
    while (scheduled || writes > 0) await (scheduled ? Promise.resolve() : chain);
    return status;
  };

  return {
    get status() {
      return status;
    },
    runId: run.runId,
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    flush,
    async stop() {
      stopFacts();
      stopChanges();
      stopOnStop();
      const final = await flush();
      stopNotices();
      stopHolding();
      return final;
    },
  };
}
