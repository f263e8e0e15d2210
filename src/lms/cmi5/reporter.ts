/**
 * The cmi5 reporter: the module as an Assignable Unit launched by an LMS.
 *
 * `start()` reads the launch, takes the session's token (once per launch, see token.ts), reads
 * `LMS.LaunchData` and the module's State API document, and sends "initialized" (once per
 * session: a reload of the page does not send it again). Engine facts become statements (see
 * xapi/statements.ts); the module's completion and judgement become the cmi5 defined "completed"
 * and "passed"/"failed"; `finish()` sends "terminated". Every statement passes the order guard
 * (order.ts) and goes through the IndexedDB outbox, so a lost connection loses nothing.
 *
 * "failed" is held until the session ends: cmi5 allows one judgement per session, and a learner
 * who fails and then passes a retake in the same session should be reported as passed.
 */
import type { Module } from '../../content/schema.ts';
import { lmsNotice } from '../messages.ts';
import type { LaunchInfo, LmsNotice, Reporter } from '../reporter.ts';
import type { OutboxOptions } from '../xapi/outbox.ts';
import { openStore, type Store } from '../../storage/store.ts';
import { connect } from './connect.ts';
import type { LearnerPreferences } from './launch-data.ts';
import { Live } from './session.ts';
import type { KeyValueStore } from './token.ts';

export interface Cmi5ReporterOptions {
  /** The tab's storage for the token and the session (default `sessionStorage`). */
  readonly sessionStorage?: KeyValueStore | undefined;
  /** The device's storage for what a registration was sent (default `localStorage`). */
  readonly localStorage?: KeyValueStore | undefined;
  readonly fetch?: typeof fetch;
  /** Where the outbox keeps statements (default: the Checkpoint IndexedDB database). */
  readonly store?: Store | Promise<Store>;
  readonly now?: () => number;
  readonly timeoutMs?: number;
  /** Outbox tuning (retry delays, locks). */
  readonly outbox?: Partial<Omit<OutboxOptions, 'store' | 'client'>>;
  /** Told of each statement the order guard held back, and why. */
  readonly onDrop?: (verb: string, reason: string) => void;
}

/** A cmi5 reporter also tells the player the learner's preferences, once started. */
export interface Cmi5Reporter extends Reporter {
  readonly preferences: LearnerPreferences | undefined;
}

export function createCmi5Reporter(
  launchUrl: string | URL,
  options: Cmi5ReporterOptions = {},
): Cmi5Reporter {
  const listeners = new Set<(notice: LmsNotice) => void>();
  const tell = (notice: LmsNotice) => listeners.forEach((listener) => listener(notice));
  const now = options.now ?? Date.now;
  const tabStorage = options.sessionStorage ?? storageOf('sessionStorage');
  const deviceStorage = options.localStorage ?? storageOf('localStorage');
  let live: Live | undefined;
  let started: Promise<LaunchInfo> | undefined;
  let finished = false;
  /** Calls that came before the session was open, replayed once it is. */
  const early: ((session: Live) => void)[] = [];

  let closed = false;
  const whenLive = (call: (session: Live) => void) => {
    if (live) call(live);
    else if (!closed) early.push(call);
  };

  async function open(module: Module): Promise<LaunchInfo> {
    const result = await connect(launchUrl, {
      sessionStorage: tabStorage,
      fetch: options.fetch,
      timeoutMs: options.timeoutMs,
    });
    if (!result.ok) {
      closed = true; // nothing can be reported: later calls are ignored
      early.length = 0;
      // Told after the caller has had the chance to listen.
      queueMicrotask(() => tell(lmsNotice(result.kind, result.detail)));
      return { mode: 'normal' };
    }
    const store = await (options.store ?? openStore());
    live = new Live(module, result.value, store, {
      ...options,
      now,
      tabStorage,
      deviceStorage,
      tell,
    });
    live.begin();
    for (const call of early.splice(0)) call(live);
    if (finished) live.end();
    return live.launchInfo();
  }

  return {
    kind: 'cmi5',
    resumeLimit: undefined,
    get preferences() {
      return live?.connected.preferences;
    },
    start(module) {
      started ??= open(module);
      return started;
    },
    record(fact, status) {
      if (!finished) whenLive((session) => session.record(fact, status));
    },
    save(resume, location) {
      if (!finished) whenLive((session) => session.save(resume, location));
    },
    leave() {
      if (!finished) live?.leave();
    },
    finish() {
      if (finished) return;
      finished = true;
      live?.end();
    },
    onNotice(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function storageOf(name: 'sessionStorage' | 'localStorage'): KeyValueStore | undefined {
  try {
    return typeof globalThis[name] === 'undefined' ? undefined : globalThis[name];
  } catch {
    return undefined; // storage blocked by the browser's settings
  }
}
