/**
 * A learner's session on one module, without any UI: the course actor with its activity
 * children, one stream of the facts they emit, and a JSON-safe snapshot that restores it.
 */
import { createActor, type Actor, type AnyActorRef, type Snapshot } from 'xstate';
import type { Module } from '../content/schema.ts';
import { systemClock, type Clock } from './clock.ts';
import {
  createCourseMachine,
  moduleStatus,
  type CourseContext,
  type CourseEvent,
  type CourseMachine,
  type ModuleStatus,
} from './course.machine.ts';
import type { Fact } from './events.ts';
import { entryEvent, JournalRecorder, moduleTag, type Journal } from './journal.ts';
import { newSeed } from './random.ts';

export interface SessionOptions {
  /** A snapshot from `Session.persist()`, to resume where the learner was. */
  readonly snapshot?: unknown;
  readonly clock?: Clock;
  /** Source of attempt seeds (default: crypto-random). */
  readonly newSeed?: () => number;
  /**
   * A journal from `Session.journal()`. Without a snapshot it is replayed (the compact record an
   * LMS keeps); with one, the snapshot is restored and the journal goes on from it. A journal
   * taken in another module or version is ignored.
   */
  readonly journal?: Journal;
}

export type FactListener = (fact: Fact) => void;

export interface Session {
  readonly module: Module;
  readonly actor: Actor<CourseMachine>;
  /** Opens (or returns to) an activity; gated unless the module allows free navigation. */
  open(activityId: string): void;
  /** Sends a learner event to the course. */
  send(event: CourseEvent): void;
  /** Sends a learner event to an activity's machine (it must have been opened). */
  sendTo(activityId: string, event: { readonly type: string } & Record<string, unknown>): void;
  /** The running machine of an opened activity. */
  activity(activityId: string): AnyActorRef | undefined;
  /** Every fact the course or its activities emit, in order. Returns an unsubscribe function. */
  onFact(listener: FactListener): () => void;
  /** Called after every change of the course or of any activity. Returns an unsubscribe function. */
  onChange(listener: () => void): () => void;
  /**
   * Called as `stop()` begins, while `persist()` still gives the learner's place (a stopped
   * session persists as an empty one). Returns an unsubscribe function.
   */
  onStop(listener: () => void): () => void;
  status(): ModuleStatus;
  /** JSON-safe: `createSession(module, { snapshot })` restores an equivalent session. */
  persist(): unknown;
  /**
   * What the learner did, compactly: `createSession(module, { journal })` replays it to the same
   * place. Kept from the session's start (or from the journal it replayed), not from a snapshot.
   */
  journal(): Journal;
  stop(): void;
}

/**
 * What `JSON.parse(JSON.stringify(value))` gives, without walking again what it has copied before:
 * snapshots are immutable, and from one change to the next most of one (the items drawn, their
 * order) is the same objects. A copy is shared by every snapshot that holds its original, so it is
 * read-only, like the snapshot itself.
 */
const copies = new WeakMap<object, unknown>();

function jsonCopy(value: unknown, key = ''): unknown {
  if (value === null) return null;
  if (typeof value === 'object') {
    const cached = copies.get(value);
    if (cached !== undefined) return cached;
    const toJSON: unknown = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return jsonCopy(toJSON.call(value, key), key);
    if (value instanceof Number || value instanceof String || value instanceof Boolean) {
      return jsonCopy(value.valueOf(), key);
    }
    let copy: unknown;
    if (Array.isArray(value)) {
      copy = Array.from(value, (item: unknown, index) => jsonCopy(item, String(index)) ?? null);
    } else {
      const object: Record<string, unknown> = {};
      for (const name of Object.keys(value)) {
        const item = jsonCopy((value as Record<string, unknown>)[name], name);
        if (item === undefined) continue;
        // As `JSON.parse` does: a key "__proto__" is data, not the prototype.
        if (name === '__proto__') {
          Object.defineProperty(object, name, {
            value: item,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        } else object[name] = item;
      }
      copy = object;
    }
    // Only plain data is immutable here; anything else may change under the same identity.
    if (Array.isArray(value) || isPlainObject(value)) copies.set(value, copy);
    return copy;
  }
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value + 0 : null;
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt');
    default:
      return undefined;
  }
}

const isPlainObject = (value: object): boolean => {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

export function createSession(module: Module, options: SessionOptions = {}): Session {
  const clock = options.clock ?? systemClock;
  const recorder = new JournalRecorder(module, () => clock.now());
  const journal = options.journal?.module === moduleTag(module) ? options.journal : undefined;
  const replay = options.snapshot === undefined ? journal : undefined;
  if (journal && !replay) recorder.continueFrom(journal);
  // Seeds come from the journal while it replays, then from the source; each one is recorded.
  const replayedSeeds = [...(replay?.seeds ?? [])];
  const seeds = options.newSeed ?? newSeed;
  const machine = createCourseMachine(module, {
    clock,
    newSeed: () => {
      const seed = replayedSeeds.shift() ?? seeds();
      recorder.seed(seed);
      return seed;
    },
  });
  let replaying = false;
  const actor: Actor<CourseMachine> = createActor(machine, {
    ...(options.snapshot === undefined ? {} : { snapshot: options.snapshot as Snapshot<unknown> }),
    inspect: (inspection) => {
      if (replaying || inspection.type !== '@xstate.event') return;
      const target = inspection.actorRef as AnyActorRef;
      if (target === actor) recorder.event(undefined, inspection.event);
      else if (target._parent === actor) recorder.event(target.id, inspection.event);
    },
  });
  const factListeners = new Set<FactListener>();
  const changeListeners = new Set<() => void>();
  const stopListeners = new Set<() => void>();
  const hooked = new WeakSet<AnyActorRef>();
  const children = () => actor.getSnapshot().children as Record<string, AnyActorRef | undefined>;
  const changed = () => changeListeners.forEach((listener) => listener());
  const tell = (fact: Fact) => factListeners.forEach((listener) => listener(fact));

  // Children appear when an activity is first opened (or with a restored snapshot): hook each once.
  const hookChildren = () => {
    for (const child of Object.values(children())) {
      if (!child || hooked.has(child)) continue;
      hooked.add(child);
      child.on('*', (fact: Fact) => tell(fact));
      child.subscribe(changed);
    }
  };
  actor.on('*', (fact) => tell(fact as Fact));
  actor.subscribe(() => {
    hookChildren();
    changed();
  });
  actor.start();
  hookChildren();
  if (replay) {
    replaying = true;
    for (const entry of replay.entries) {
      const step = entryEvent(module, entry);
      if (!step) continue;
      if (step.target === undefined) actor.send(step.event as CourseEvent);
      else children()[step.target]?.send(step.event);
    }
    replaying = false;
    // The seeds drawn during the replay were recorded as they were drawn.
    recorder.continueFrom({ ...replay, seeds: [] });
  }

  return {
    module,
    actor,
    open: (activityId) => actor.send({ type: 'learner.open', activityId }),
    send: (event) => actor.send(event),
    sendTo: (activityId, event) => children()[activityId]?.send(event),
    activity: (activityId) => children()[activityId],
    onFact(listener) {
      factListeners.add(listener);
      return () => factListeners.delete(listener);
    },
    onChange(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    onStop(listener) {
      stopListeners.add(listener);
      return () => stopListeners.delete(listener);
    },
    status: () => moduleStatus(module, actor.getSnapshot().context as CourseContext),
    persist: () => jsonCopy(actor.getPersistedSnapshot()),
    journal: () => recorder.journal(),
    stop: () => {
      stopListeners.forEach((listener) => listener());
      actor.stop();
    },
  };
}
