/**
 * One SCORM session, whichever the edition: opening it once, writing each fact and the module's
 * status as data-model values, committing, and closing it exactly once. An edition (`Edition`)
 * only says which elements hold what and in which format.
 */
import type { Module } from '../../content/schema.ts';
import type { ModuleStatus } from '../../engine/course.machine.ts';
import type { Fact } from '../../engine/events.ts';
import { passes } from '../../engine/policy.ts';
import { lmsNotice } from '../messages.ts';
import {
  STANDALONE,
  type LaunchInfo,
  type LmsKind,
  type LmsNotice,
  type Reporter,
} from '../reporter.ts';
import { ScormChannel, type ScormCalls } from './api.ts';

/** A data-model element and the value to set it to. */
export type Write = readonly [element: string, value: string];

/** What the LMS said when the session opened, in an edition's terms. */
export interface Opening {
  readonly launch: LaunchInfo;
  /** The LMS already records the module as completed (a later visit). */
  readonly completed: boolean;
  /** Interactions the LMS already holds: new ones are written after them. */
  readonly interactions: number;
  /** Values the LMS holds now, so that unchanged ones are not written again. */
  readonly current: readonly Write[];
  /** Values to set as the session opens (an attempt in progress). */
  readonly writes: readonly Write[];
}

/** Where the learner stands, as the LMS should record it. */
export interface Standing {
  readonly status: ModuleStatus;
  /** Every activity is completed. */
  readonly completed: boolean;
  /** Passed or failed once completed; undefined while incomplete or with nothing scored. */
  readonly passed: boolean | undefined;
}

export interface Edition {
  readonly kind: Extract<LmsKind, 'scorm12' | 'scorm2004'>;
  readonly resumeLimit: number;
  readonly locationLimit: number;
  readonly suspendData: string;
  readonly location: string;
  /** Read codes that mean "no value" or "not implemented" rather than a refusal. */
  readonly quietReadCodes: readonly string[];
  open(read: (element: string) => string | undefined): Opening;
  /** The values of one interaction at index `index`, its id first; none for other facts. */
  interaction(index: number, fact: Fact, module: Module): readonly Write[];
  standing(standing: Standing): readonly Write[];
  /** Last values before the session ends. */
  closing(elapsed: number, completed: boolean): readonly Write[];
}

/** The LMS session of each API object in this page: it is opened once and closed once. */
const sessions = new WeakMap<object, 'open' | 'closed'>();

export function createScormSession(edition: Edition, calls: ScormCalls, api: object): Reporter {
  let state: 'idle' | 'open' | 'finished' = 'idle';
  let started: Promise<LaunchInfo> | undefined;
  let module: Module | undefined;
  let launch: LaunchInfo | undefined;
  let startedAt = 0;
  let nextInteraction = 0;
  let completed = false;
  let commitDue = false;
  const written = new Map<string, string>();
  const listeners = new Set<(notice: LmsNotice) => void>();
  const told = new Set<string>();

  const notify = (kind: LmsNotice['kind'], detail: string) => {
    // The same refusal on every answer would bury the learner in one message.
    if (told.has(`${kind}\u0000${detail}`)) return;
    told.add(`${kind}\u0000${detail}`);
    const notice = lmsNotice(kind, detail);
    // Told after the caller has had the chance to listen to a start it just called.
    queueMicrotask(() => listeners.forEach((listener) => listener(notice)));
  };
  /** The contract is "never throws": an unforeseen error is told, and the learner goes on. */
  const guarded =
    <A extends unknown[], R>(what: string, fallback: R, body: (...args: A) => R) =>
    (...args: A): R => {
      try {
        return body(...args);
      } catch (error) {
        notify(
          'refused',
          `${what} failed: ${error instanceof Error ? error.message : String(error)}`,
        );
        return fallback;
      }
    };
  const channel = new ScormChannel(
    calls,
    (detail) => notify('refused', detail),
    edition.quietReadCodes,
  );
  // Another reporter on the same API may have ended the page's session.
  const live = () => state === 'open' && sessions.get(api) === 'open';
  const recording = () => live() && launch?.mode === 'normal';

  /** Sets the element unless the LMS already holds this value; true when it was set. */
  const put = ([element, value]: Write): boolean => {
    if (written.get(element) === value) return false;
    const ok = channel.set(element, value);
    if (ok) written.set(element, value);
    return ok;
  };
  const putAll = (writes: readonly Write[]) =>
    writes.map(put).reduce((any, changed) => any || changed, false);

  // One commit for the burst of facts and the save a single learner action brings.
  const commitSoon = () => {
    if (commitDue) return;
    commitDue = true;
    queueMicrotask(() => {
      if (!commitDue || !live()) return;
      commitDue = false;
      channel.commit();
    });
  };

  const open = (opened: Module): LaunchInfo => {
    module = opened;
    if (sessions.get(api) === 'closed') {
      state = 'finished';
      notify('refused', 'the LMS session of this page has already ended');
      return STANDALONE;
    }
    if (sessions.get(api) !== 'open') {
      channel.initialize();
      sessions.set(api, 'open');
    }
    state = 'open';
    startedAt = Date.now();
    const opening = edition.open((element) => channel.get(element));
    launch = opening.launch;
    completed = opening.completed;
    nextInteraction = opening.interactions;
    opening.current.forEach(([element, value]) => written.set(element, value));
    if (recording() && putAll(opening.writes)) commitSoon();
    return launch;
  };

  const standing = (status: ModuleStatus): Standing => {
    const done = status.total > 0 && status.completed >= status.total;
    const passMark = launch?.passMark;
    const passed =
      !done || !status.score
        ? undefined
        : passMark === undefined
          ? status.passed
          : passes(status.score, passMark);
    return { status, completed: done, passed };
  };

  return {
    kind: edition.kind,
    resumeLimit: edition.resumeLimit,

    start(opened) {
      // Opened at once, so that facts recorded right after `start()` are not lost.
      started ??= Promise.resolve(
        state === 'idle' ? guarded('start', STANDALONE, open)(opened) : STANDALONE,
      );
      return started;
    },

    record: guarded('record', undefined, (fact: Fact, status: ModuleStatus) => {
      if (!recording() || !module) return;
      let changed = false;
      const writes = edition.interaction(nextInteraction, fact, module);
      const [id, ...rest] = writes;
      if (id && put(id)) {
        rest.forEach(put);
        nextInteraction++;
        changed = true;
      }
      const now = standing(status);
      completed = now.completed || completed;
      if (putAll(edition.standing(now))) changed = true;
      if (changed) commitSoon();
    }),

    save: guarded('save', undefined, (resume: string, location: string) => {
      if (!recording()) return;
      let changed = false;
      if (resume.length > edition.resumeLimit) {
        notify(
          'too-large',
          `${edition.suspendData}: ${resume.length} characters, the LMS keeps ${edition.resumeLimit}`,
        );
      } else if (put([edition.suspendData, resume])) {
        changed = true;
      }
      // Between activities there is no place to name: the last one stays (an LMS may refuse "").
      if (
        location !== '' &&
        location.length <= edition.locationLimit &&
        put([edition.location, location])
      ) {
        changed = true;
      }
      if (changed) commitSoon();
    }),

    finish: guarded('finish', undefined, () => {
      const wasOpen = live();
      state = 'finished';
      commitDue = false;
      if (!wasOpen) return;
      if (launch?.mode === 'normal') {
        putAll(edition.closing(Date.now() - startedAt, completed));
        channel.commit();
      }
      channel.terminate();
      sessions.set(api, 'closed');
    }),

    onNotice(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
