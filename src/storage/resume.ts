/**
 * Opening a module a learner has started before: continue, start over (the old run stays in
 * history), or — when the content changed since — carry the progress over where it still fits.
 * Nothing here deletes responses or attempts.
 */
import type { Module } from '../content/schema.ts';
import type { CommitResult } from './batch.ts';
import { archivedProgressKey } from './ids.ts';
import { RESUME_MESSAGES, migratedMessage } from './messages.ts';
import { migrateSnapshot, restorable } from './migrate.ts';
import type { ProgressRecord } from './records.ts';
import type { Store } from './store.ts';

export type ResumeOffer =
  /** Nothing saved: start fresh. */
  | { readonly kind: 'none' }
  /** Offer "continue" (restore `snapshot`, persist with `resumed: progress`) or "start over". */
  | {
      readonly kind: 'resume';
      readonly progress: ProgressRecord;
      readonly snapshot: unknown;
      readonly savedAt: number;
    }
  /**
   * Saved under another content version. With `snapshot`, continue from it (persist with
   * `resumed: progress`); without, show `message` and `startOver(store, progress,
   * 'content-changed')`.
   */
  | {
      readonly kind: 'changed';
      readonly progress: ProgressRecord;
      readonly fromVersion: string;
      readonly snapshot?: unknown;
      /** Ids of the activities that start again. */
      readonly restarted: readonly string[];
      readonly message: string;
    }
  /** Saved for this version but no longer restorable: show `message`, then `startOver(…, 'unreadable')`. */
  | { readonly kind: 'unreadable'; readonly progress: ProgressRecord; readonly message: string };

export async function loadResume(
  store: Store,
  learnerId: string,
  module: Module,
): Promise<ResumeOffer> {
  const saved = await store.list('progress', { learnerId, moduleId: module.id });
  const current = saved
    .filter((record) => record.state === 'current')
    .sort((a, b) => b.savedAt - a.savedAt);
  const same = current.find((record) => record.version === module.version);
  if (same) {
    return restorable(module, same.snapshot)
      ? { kind: 'resume', progress: same, snapshot: same.snapshot, savedAt: same.savedAt }
      : { kind: 'unreadable', progress: same, message: RESUME_MESSAGES.unreadable };
  }
  const latest = current[0];
  if (!latest) return { kind: 'none' };
  const migrated = migrateSnapshot(latest, module);
  if (!migrated || !restorable(module, migrated.snapshot)) {
    return {
      kind: 'changed',
      progress: latest,
      fromVersion: latest.version,
      restarted: [],
      message: RESUME_MESSAGES.restart,
    };
  }
  const titles = migrated.restarted.map(
    (id) => module.activities.find((activity) => activity.id === id)?.title ?? id,
  );
  return {
    kind: 'changed',
    progress: latest,
    fromVersion: latest.version,
    snapshot: migrated.snapshot,
    restarted: migrated.restarted,
    message: migratedMessage(titles),
  };
}

/**
 * Moves the current progress record to history, so that the module starts fresh with a new
 * run. Refused (`conflict`) if another tab saved it since `progress` was read.
 */
export function startOver(
  store: Store,
  progress: ProgressRecord,
  because: NonNullable<ProgressRecord['archivedBecause']> = 'start-over',
  now: () => number = Date.now,
): Promise<CommitResult> {
  const archive: ProgressRecord = {
    ...progress,
    id: archivedProgressKey(progress.id),
    state: 'archived',
    archivedAt: now(),
    archivedBecause: because,
  };
  return store.commit({
    progress: [{ id: progress.id, expected: progress.revision, next: null, archive }],
  });
}

/** Every progress record of a learner in a module: current ones first, then newest first. */
export async function progressHistory(
  store: Store,
  learnerId: string,
  moduleId: string,
): Promise<ProgressRecord[]> {
  const records = await store.list('progress', { learnerId, moduleId });
  const rank = (record: ProgressRecord) => (record.state === 'current' ? 1 : 0);
  return records.sort(
    (a, b) => rank(b) - rank(a) || (b.archivedAt ?? b.savedAt) - (a.archivedAt ?? a.savedAt),
  );
}
