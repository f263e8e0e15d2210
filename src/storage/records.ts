/**
 * What the database holds, one Valibot schema per store: the source of the record types (used in
 * the `DBSchema` in db.ts), the check that skips a damaged record on read, and the check on
 * every record of an imported results file.
 */
import * as v from 'valibot';
import type { Response } from '../engine/types.ts';

const Key = v.pipe(v.string(), v.minLength(1), v.maxLength(1_000));
const Time = v.pipe(v.number(), v.finite());
const Count = v.pipe(v.number(), v.integer(), v.minValue(0));
const Text = v.pipe(v.string(), v.maxLength(10_000));
const Tags = v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.maxLength(500));

const ScoreSchema = v.object({ raw: Time, min: Time, max: Time, scaled: Time });

const isResponse = (value: unknown): value is Response =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  typeof (value as { type?: unknown }).type === 'string';

export const LearnerSchema = v.object({
  id: Key,
  name: Text,
  createdAt: Time,
});

/** Where a saved activity came from: enough to tell, after an update, whether it changed. */
const SavedActivity = v.object({
  type: v.picklist(['lesson', 'quiz', 'scenario']),
  fingerprint: Key,
});

export const ProgressSchema = v.object({
  id: Key,
  learnerId: Key,
  moduleId: Key,
  version: Key,
  /** One run through the module: from a fresh start to the next "start over". */
  runId: Key,
  state: v.picklist(['current', 'archived']),
  /** `Session.persist()`: restores the session. */
  snapshot: v.unknown(),
  /** `Session.journal()`: what the learner did, for the compact record an LMS keeps. */
  journal: v.exactOptional(v.unknown()),
  activities: v.record(Key, SavedActivity),
  /** Incremented on every write: a write expecting another revision is refused (another tab). */
  revision: Count,
  writerId: Key,
  startedAt: Time,
  savedAt: Time,
  archivedAt: v.exactOptional(Time),
  archivedBecause: v.exactOptional(v.picklist(['start-over', 'content-changed', 'unreadable'])),
});

const PolicySchema = v.object({
  passMark: Time,
  attempts: Count,
  grading: v.picklist(['best', 'last', 'first']),
  feedback: v.picklist(['immediate', 'deferred']),
  /** Milliseconds, or null for none. */
  timeLimit: v.nullable(Time),
  itemAttempts: Count,
});

export const AttemptSchema = v.object({
  id: Key,
  learnerId: Key,
  moduleId: Key,
  version: Key,
  runId: Key,
  activityId: Key,
  kind: v.picklist(['quiz', 'scenario']),
  /** 1-based attempt at a quiz, or run of a scenario. */
  attempt: Count,
  status: v.picklist(['in-progress', 'passed', 'failed', 'completed']),
  policy: PolicySchema,
  startedAt: v.exactOptional(Time),
  endedAt: v.exactOptional(Time),
  seed: v.exactOptional(Time),
  score: v.exactOptional(ScoreSchema),
  passed: v.exactOptional(v.boolean()),
  reason: v.exactOptional(v.picklist(['submitted', 'timeout'])),
  endingId: v.exactOptional(Key),
  outcome: v.exactOptional(v.picklist(['good', 'mixed', 'harmful'])),
  band: v.exactOptional(Key),
  critical: v.exactOptional(v.boolean()),
  path: v.exactOptional(v.pipe(v.array(Key), v.maxLength(10_000))),
});

const ResponseCommon = {
  id: Key,
  learnerId: Key,
  moduleId: Key,
  version: Key,
  runId: Key,
  activityId: Key,
  attempt: Count,
  attemptId: Key,
  /** Epoch milliseconds. */
  at: Time,
  tags: Tags,
};

const ItemResponseSchema = v.object({
  ...ResponseCommon,
  kind: v.literal('item'),
  itemId: Key,
  response: v.custom<Response>(isResponse, 'a response must be an object with a type'),
  correct: v.boolean(),
  score: ScoreSchema,
  /** Milliseconds from the item's presentation to the answer. */
  latency: Time,
});

const DecisionSchema = v.object({
  ...ResponseCommon,
  kind: v.literal('decision'),
  sceneId: Key,
  choiceId: Key,
  scoreDelta: Time,
  /** The scenario's running score after the choice. */
  total: Time,
  critical: v.boolean(),
});

export const ResponseSchema = v.variant('kind', [ItemResponseSchema, DecisionSchema]);

export const OutboxSchema = v.object({
  id: Key,
  createdAt: Time,
  /** Which reporter the statement is for (e.g. an LRS endpoint). */
  destination: Key,
  statement: v.unknown(),
  tries: Count,
  lastError: v.exactOptional(Text),
});

export type LearnerRecord = v.InferOutput<typeof LearnerSchema>;
export type ProgressRecord = v.InferOutput<typeof ProgressSchema>;
export type AttemptRecord = v.InferOutput<typeof AttemptSchema>;
export type ResponseRecord = v.InferOutput<typeof ResponseSchema>;
export type ItemResponseRecord = v.InferOutput<typeof ItemResponseSchema>;
export type DecisionRecord = v.InferOutput<typeof DecisionSchema>;
export type OutboxRecord = v.InferOutput<typeof OutboxSchema>;
export type AttemptPolicy = v.InferOutput<typeof PolicySchema>;

export const RECORD_SCHEMAS = {
  learners: LearnerSchema,
  progress: ProgressSchema,
  attempts: AttemptSchema,
  responses: ResponseSchema,
  outbox: OutboxSchema,
} as const;

/**
 * An attempt is written when it starts and again when it ends, possibly from a resumed session:
 * the earliest start wins, and an ended attempt is never reopened.
 */
export function mergeAttempt(
  existing: AttemptRecord | undefined,
  incoming: AttemptRecord,
): AttemptRecord {
  if (!existing) return incoming;
  const merged =
    existing.status === 'in-progress' ? { ...existing, ...incoming } : { ...incoming, ...existing };
  const starts = [existing.startedAt, incoming.startedAt].filter(
    (start): start is number => start !== undefined,
  );
  return starts.length ? { ...merged, startedAt: Math.min(...starts) } : merged;
}
