/**
 * One SCORM session, whichever the edition: opening it once, writing each fact and the module's
 * status as data-model values, committing, and closing it exactly once. An edition (`Edition`)
 * only says which elements hold what and in which format.
 *
 * What the learner does waits in the session until a `Pacer` sends it: at once while the LMS is
 * quick, in merged batches once it is slow. The session keeps the values the LMS should hold
 * (`wanted`) apart from those it is known to hold (`written`): a batch writes only what changed,
 * and only the last of several changes. If the API goes away mid-session, the learner is told
 * once, no call is made to it again, and what waits stays waiting: each later send looks for an
 * API again, and a new one (the LMS page reloaded) is opened and given what it is missing.
 */
import type { Module } from '../../content/schema.ts';
import type { ModuleStatus } from '../../engine/course.machine.ts';
import type { Fact } from '../../engine/events.ts';
import { passes } from '../../engine/policy.ts';
import { lmsNotice } from '../messages.ts';
import { STANDALONE, type LaunchInfo, type LmsNotice, type Reporter } from '../reporter.ts';
import { ScormChannel } from './api.ts';
import { findScormApi, goneReason, holderOf } from './discover.ts';
import type { Edition, Opening, Standing, Write } from './edition.ts';
import { Pacer } from './pacer.ts';

/** The LMS session of each API object in this page: it is opened once and closed once. */
const sessions = new WeakMap<object, 'open' | 'closed'>();

/** `page` is the window the content runs in: the API is looked for from there. */
export function createScormSession(edition: Edition, api: object, page: Window): Reporter {
  let state: 'idle' | 'open' | 'finished' = 'idle';
  let started: Promise<LaunchInfo> | undefined;
  let module: Module | undefined;
  let launch: LaunchInfo | undefined;
  let startedAt = 0;
  let nextInteraction = 0;
  let completed = false;
  /** Interactions not yet given to the LMS. */
  let queued: (readonly Write[])[] = [];
  /** Interactions given since the LMS last committed: an API found again gets them again. */
  let uncommitted: (readonly Write[])[] = [];
  const wanted = new Map<string, string>();
  const written = new Map<string, string>();
  /** APIs that went away: never taken again. */
  const lostApis = new WeakSet<object>();
  /** The learner has been told that the LMS went away, and not yet that it is back. */
  let away = false;
  const listeners = new Set<(notice: LmsNotice) => void>();
  const told = new Set<string>();

  // Told after the caller has had the chance to listen to a start it just called.
  const tell = (notice: LmsNotice) =>
    queueMicrotask(() => listeners.forEach((listener) => listener(notice)));
  const notify = (kind: LmsNotice['kind'], detail: string) => {
    // The same refusal on every answer would bury the learner in one message.
    if (told.has(`${kind}\u0000${detail}`)) return;
    told.add(`${kind}\u0000${detail}`);
    tell(lmsNotice(kind, detail));
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

  const connect = (found: object) => {
    const holder = holderOf(edition.api, found, page);
    const channel = new ScormChannel(
      edition.api.calls(found),
      {
        fail: (detail) => notify('refused', detail),
        lost: (reason) => {
          lostApis.add(found);
          if (away) return;
          away = true;
          tell(lmsNotice('unreachable', `The LMS API has gone away: ${reason}`));
        },
      },
      edition.quietReadCodes,
      () => goneReason(edition.api, found, holder),
    );
    return { api: found, channel };
  };
  let link = connect(api);
  const gone = () => link.channel.lost !== undefined;

  // Another reporter on the same API may have ended the page's session.
  const live = () => state === 'open' && sessions.get(link.api) === 'open';
  const recording = () => live() && launch?.mode === 'normal';

  /** A call went to the LMS since the last send began. */
  let called = false;
  /** Sets the element unless the LMS already holds this value; true when it was set. */
  const put = ([element, value]: Write): boolean => {
    if (written.get(element) === value) return false;
    called = true;
    const ok = link.channel.set(element, value);
    if (ok) written.set(element, value);
    return ok;
  };

  /** Opens the LMS session of the API unless it is open, and reads what the LMS holds. */
  const begin = (): Opening => {
    if (sessions.get(link.api) !== 'open') {
      link.channel.initialize();
      sessions.set(link.api, 'open');
    }
    const opening = edition.open((element) => link.channel.get(element));
    nextInteraction = opening.interactions;
    completed = opening.completed || completed;
    written.clear();
    opening.current.forEach(([element, value]) => written.set(element, value));
    for (const [element, value] of opening.writes) {
      if (!wanted.has(element)) wanted.set(element, value);
    }
    return opening;
  };

  /** Takes a new API where the LMS puts one, and opens it; true when it answers. */
  const reconnect = (): boolean => {
    const found = findScormApi(page);
    if (
      !found ||
      found.version !== edition.api.version ||
      lostApis.has(found.api) ||
      sessions.get(found.api) === 'closed'
    ) {
      return false;
    }
    link = connect(found.api);
    begin();
    queued = [...uncommitted, ...queued];
    uncommitted = [];
    return link.channel.present();
  };

  /**
   * Gives the LMS what it is missing, then commits (with `force`, even with nothing new). True
   * when the LMS was called: only then does the time it took say how quick the LMS is.
   */
  const send = guarded('send', false, (force: boolean): boolean => {
    if (!recording() || !module) return false;
    called = false;
    let changed = force;
    if (!link.channel.present()) {
      if (!reconnect()) return false;
      called = changed = true;
    }
    for (; queued.length > 0; queued.shift()) {
      const [id, ...rest] = queued[0]!.map(([field, value]): Write => [
        `cmi.interactions.${nextInteraction}.${field}`,
        value,
      ]);
      // A refused interaction is dropped; one the API went away under waits for the next.
      if (!id || !put(id)) {
        if (gone()) return called;
        continue;
      }
      rest.forEach(put);
      if (gone()) return called;
      uncommitted.push(queued[0]!);
      nextInteraction++;
      changed = true;
    }
    for (const write of wanted) if (put(write)) changed = true;
    if (gone() || !changed) return called;
    if (link.channel.commit()) {
      uncommitted = [];
      if (away) {
        away = false;
        tell(lmsNotice('recovered'));
      }
    }
    return true;
  });
  const pacer = new Pacer(() => send(false));

  const open = (opened: Module): LaunchInfo => {
    module = opened;
    if (sessions.get(link.api) === 'closed') {
      state = 'finished';
      notify('refused', 'the LMS session of this page has already ended');
      return STANDALONE;
    }
    const opening = begin();
    state = 'open';
    startedAt = Date.now();
    launch = opening.launch;
    if (recording() && opening.writes.length > 0) pacer.request();
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

  const want = (writes: readonly Write[]) =>
    writes.forEach(([element, value]) => wanted.set(element, value));

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
      // Worked out now, so that a fact that cannot be reported is told at once.
      const fields = edition.interaction(fact, module);
      if (fields.length > 0) queued.push(fields);
      const now = standing(status);
      completed = now.completed || completed;
      want(edition.standing(now));
      pacer.request();
    }),

    save: guarded('save', undefined, (resume: string, location: string) => {
      if (!recording()) return;
      if (resume.length > edition.resumeLimit) {
        notify(
          'too-large',
          `${edition.suspendData}: ${resume.length} characters, the LMS keeps ${edition.resumeLimit}`,
        );
      } else {
        wanted.set(edition.suspendData, resume);
      }
      // Between activities there is no place to name: the last one stays (an LMS may refuse "").
      if (location !== '' && location.length <= edition.locationLimit) {
        wanted.set(edition.location, location);
      }
      pacer.request();
    }),

    finish: guarded('finish', undefined, () => {
      pacer.cancel();
      if (!live()) {
        state = 'finished';
        return;
      }
      // Everything still waiting goes now, with the last values: the page is going away.
      if (launch?.mode === 'normal') {
        want(edition.closing(Date.now() - startedAt, completed));
        send(true);
      }
      state = 'finished';
      if (link.channel.present()) {
        link.channel.terminate();
        sessions.set(link.api, 'closed');
      }
    }),

    onNotice(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
