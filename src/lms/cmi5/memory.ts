/**
 * Where the order guard's memory lives, so that a reload cannot repeat a statement.
 *
 * - The session's part (initialized, terminated, the one judgement, the session id, when it began)
 *   belongs to the launch: `sessionStorage`, keyed by registration and fetch URL. A reload in the
 *   same tab finds it; a new launch (a new fetch URL) starts clean, as cmi5 wants.
 * - The registration's part ("passed" and "completed" already sent) outlives the session:
 *   `localStorage` on this device, and the module's own State API document on the LRS (see
 *   reporter.ts), so that a learner who relaunches on another device does not pass twice either.
 *   The two are merged with "or": once sent is sent.
 */
import type { Score } from '../../engine/types.ts';
import type { Cmi5Launch } from './launch.ts';
import type { OrderMemory } from './order.ts';
import type { KeyValueStore } from './token.ts';

export interface SessionRecord {
  readonly memory: OrderMemory['session'];
  readonly sessionId: string;
  /** Epoch ms of "initialized": durations count from here. */
  readonly startedAt: number;
  /** Timestamp (epoch ms) of the last statement: the next one is later, so the LMS sees the order. */
  readonly lastAt: number;
  /** A "failed" judgement held back until the session ends, in case a retake passes. */
  readonly pendingFailed?: { readonly score?: Score; readonly at: number };
}

export type RegistrationRecord = OrderMemory['registration'];

type LaunchKey = Pick<Cmi5Launch, 'fetch' | 'registration' | 'activityId'>;

const sessionKey = (launch: LaunchKey) =>
  `checkpoint.cmi5.session ${launch.registration} ${launch.fetch}`;
const registrationKey = (launch: LaunchKey) =>
  `checkpoint.cmi5.registration ${launch.registration} ${launch.activityId}`;

export function loadSession(
  storage: KeyValueStore | undefined,
  launch: LaunchKey,
): SessionRecord | undefined {
  const value = readJson(storage, sessionKey(launch));
  if (!isRecord(value) || !isRecord(value['memory'])) return undefined;
  const memory = value['memory'];
  const { sessionId, startedAt, lastAt } = value;
  if (typeof sessionId !== 'string' || typeof startedAt !== 'number') return undefined;
  const judged = memory['judged'];
  const pending = value['pendingFailed'];
  return {
    memory: {
      initialized: memory['initialized'] === true,
      terminated: memory['terminated'] === true,
      ...(judged === 'passed' || judged === 'failed' ? { judged } : {}),
    },
    sessionId,
    startedAt,
    lastAt: typeof lastAt === 'number' ? lastAt : startedAt,
    ...(isRecord(pending) && typeof pending['at'] === 'number'
      ? {
          pendingFailed: {
            at: pending['at'],
            ...(isScore(pending['score']) ? { score: pending['score'] } : {}),
          },
        }
      : {}),
  };
}

export function saveSession(
  storage: KeyValueStore | undefined,
  launch: LaunchKey,
  record: SessionRecord,
): void {
  writeJson(storage, sessionKey(launch), record);
}

export function loadRegistration(
  storage: KeyValueStore | undefined,
  launch: LaunchKey,
): RegistrationRecord {
  return toRegistration(readJson(storage, registrationKey(launch)));
}

export function saveRegistration(
  storage: KeyValueStore | undefined,
  launch: LaunchKey,
  record: RegistrationRecord,
): void {
  writeJson(storage, registrationKey(launch), record);
}

/** Once sent is sent: either copy saying so is enough. */
export function mergeRegistration(
  a: RegistrationRecord,
  b: RegistrationRecord,
): RegistrationRecord {
  return { passed: a.passed || b.passed, completed: a.completed || b.completed };
}

export function toRegistration(value: unknown): RegistrationRecord {
  return isRecord(value)
    ? { passed: value['passed'] === true, completed: value['completed'] === true }
    : { passed: false, completed: false };
}

function readJson(storage: KeyValueStore | undefined, key: string): unknown {
  try {
    const text = storage?.getItem(key);
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

function writeJson(storage: KeyValueStore | undefined, key: string, value: unknown): void {
  try {
    storage?.setItem(key, JSON.stringify(value));
  } catch {
    // Full or blocked storage: the page's own copy still guards this page.
  }
}

function isScore(value: unknown): value is Score {
  return (
    isRecord(value) &&
    ['raw', 'min', 'max', 'scaled'].every((key) => typeof value[key] === 'number')
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
