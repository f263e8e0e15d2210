/**
 * Record ids. Every record gets its id once, when it is created, and keeps it on every device it
 * is exported to: importing the same file twice finds every id already there.
 */

/** A random v4 UUID; `crypto.randomUUID` exists only in secure contexts, hence the fallback. */
export function newId(): string {
  const crypto: Crypto = globalThis.crypto;
  if (typeof (crypto as Partial<Crypto>).randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The one current progress record of a learner × module × content version. Content ids cannot
 * contain "|" (see the module schema), so keys cannot collide.
 */
export const progressKey = (learnerId: string, moduleId: string, version: string): string =>
  `${learnerId}|${moduleId}|${version}`;

/** A progress record moved to history ("start over", content changed) gets a key of its own. */
export const archivedProgressKey = (currentKey: string): string =>
  `${currentKey}|archived|${newId()}`;

/**
 * Attempt n at one activity within one run through the module (a run ends at "start over") and
 * one content version (an activity restarted after an update counts its attempts afresh).
 */
export const attemptKey = (
  runId: string,
  version: string,
  activityId: string,
  attempt: number,
): string => `${runId}|${version}|${activityId}|${attempt}`;
