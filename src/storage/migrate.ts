/**
 * Saved progress against the module as it is now: whether a snapshot restores at all, and how a
 * snapshot saved under an earlier content version carries over — activities whose content is
 * unchanged keep their progress, changed ones start again, and a snapshot that no longer fits
 * (an activity gone or of another type) is not carried over.
 */
import type { Activity, Module } from '../content/schema.ts';
import { systemClock } from '../engine/clock.ts';
import {
  activitySource,
  createActivityMachine,
  createCourseMachine,
} from '../engine/course.machine.ts';
import { resolvePolicy } from '../engine/policy.ts';
import type { ProgressRecord } from './records.ts';

export type SavedActivities = ProgressRecord['activities'];

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** JSON with sorted keys: reformatting a module file does not change a fingerprint. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${stable(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Two FNV-1a passes with different offsets: 64 bits, plenty to tell versions of one activity. */
function hash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x01000193 ^ 0x2f);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** What decides how an activity's machine behaves: its content and the policy it runs under. */
function fingerprint(module: Module, activity: Activity): string {
  const policy =
    activity.type === 'lesson'
      ? null
      : resolvePolicy(module, activity.type === 'quiz' ? activity : undefined);
  return hash(
    stable({ activity, policy: policy && { ...policy, timeLimit: policy.timeLimit ?? null } }),
  );
}

const cache = new WeakMap<Module, SavedActivities>();

export function savedActivities(module: Module): SavedActivities {
  let saved = cache.get(module);
  if (!saved) {
    saved = Object.fromEntries(
      module.activities.map((activity) => [
        activity.id,
        { type: activity.type, fingerprint: fingerprint(module, activity) },
      ]),
    );
    cache.set(module, saved);
  }
  return saved;
}

const DEPENDENCIES = { clock: systemClock, newSeed: () => 0 };

/**
 * Whether `createSession(module, { snapshot })` would restore it. Checked against the machines
 * without starting an actor: a snapshot that does not fit makes a started actor fail later,
 * outside any try/catch.
 */
export function restorable(module: Module, snapshot: unknown): boolean {
  if (!isObject(snapshot) || snapshot['status'] !== 'active') return false;
  const { context, children } = snapshot;
  if (!isObject(context) || !isObject(children) || !isObject(context['results'])) return false;
  const current = context['current'];
  const results = Object.keys(context['results']);
  if (current !== null && !results.includes(String(current))) return false;
  // The course spawns a child when it first records an activity: the two go together.
  if (results.length !== Object.keys(children).length) return false;
  try {
    createCourseMachine(module, DEPENDENCIES).resolveState({
      value: snapshot['value'] as never,
      context: context as never,
    });
    for (const id of results) {
      const activity = module.activities.find((candidate) => candidate.id === id);
      const child = children[id];
      if (!activity || !isObject(child) || child['src'] !== activitySource(id)) return false;
      const state = child['snapshot'];
      if (!isObject(state) || !isObject(state['context'])) return false;
      createActivityMachine(module, activity, DEPENDENCIES).resolveState({
        value: state['value'] as never,
        context: state['context'] as never,
      });
    }
  } catch {
    return false;
  }
  return true;
}

export interface Migrated {
  readonly snapshot: unknown;
  /** Activities whose content changed: their progress was dropped and they start again. */
  readonly restarted: readonly string[];
}

/** The saved snapshot carried over to the module's current content, or undefined if it cannot be. */
export function migrateSnapshot(saved: ProgressRecord, module: Module): Migrated | undefined {
  const snapshot: unknown = structuredClone(saved.snapshot);
  if (!isObject(snapshot) || !isObject(snapshot['context'])) return undefined;
  const context = snapshot['context'];
  const results = context['results'];
  const children = snapshot['children'];
  if (!isObject(results) || !isObject(children)) return undefined;
  const now = savedActivities(module);
  const restarted: string[] = [];
  for (const id of new Set([...Object.keys(results), ...Object.keys(children)])) {
    const before = saved.activities[id];
    const after = now[id];
    if (!before || !after || before.type !== after.type) return undefined;
    if (before.fingerprint !== after.fingerprint) restarted.push(id);
  }
  const kept = ([id]: [string, unknown]) => !restarted.includes(id);
  context['results'] = Object.fromEntries(Object.entries(results).filter(kept));
  snapshot['children'] = Object.fromEntries(Object.entries(children).filter(kept));
  if (restarted.includes(String(context['current']))) context['current'] = null;
  // A course completed before may have restarted or new activities: it is learning again, and
  // completes (telling the world again) when they are done.
  const result = (id: string) => (context['results'] as Json)[id];
  const done = (id: string) => {
    const entry = result(id);
    return isObject(entry) && entry['completed'] === true;
  };
  if (!module.activities.every((activity) => done(activity.id))) snapshot['value'] = 'learning';
  return { snapshot, restarted };
}
