/**
 * The records a fact adds: one response per answered item or scenario decision (new ids,
 * append-only) and the attempt it belongs to (a stable id, merged as it starts and ends).
 */
import type { Activity, Module } from '../content/schema.ts';
import type { Fact } from '../engine/events.ts';
import { passes, resolvePolicy } from '../engine/policy.ts';
import type { Session } from '../engine/session.ts';
import { attemptKey, newId } from './ids.ts';
import type { AttemptPolicy, AttemptRecord, ResponseRecord } from './records.ts';

/** Who and where: the same for every record a session writes. */
export interface RunContext {
  readonly learnerId: string;
  readonly module: Module;
  readonly runId: string;
}

export interface Derived {
  readonly responses: readonly ResponseRecord[];
  readonly attempts: readonly AttemptRecord[];
}

const NOTHING: Derived = { responses: [], attempts: [] };

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What the facts do not carry yet (a scenario's run number, an attempt's start) is read from the
 * activity's machine. The session delivers a fact after the snapshot it comes from, so the
 * context read here is the one the fact describes.
 */
function activityContext(session: Session, activityId: string): Json {
  const context: unknown = session.activity(activityId)?.getSnapshot().context;
  return isObject(context) ? context : {};
}

function quizStart(session: Session, activityId: string, attempt: number): number | undefined {
  const context = activityContext(session, activityId);
  if (context['attempt'] === attempt && typeof context['startedAt'] === 'number') {
    return context['startedAt'];
  }
  const history = Array.isArray(context['history']) ? (context['history'] as unknown[]) : [];
  const record = history.find((entry) => isObject(entry) && entry['attempt'] === attempt);
  return isObject(record) && typeof record['startedAt'] === 'number'
    ? record['startedAt']
    : undefined;
}

/** Runs of a scenario ended so far. */
function endedRuns(session: Session, activityId: string): number {
  const runs = activityContext(session, activityId)['runs'];
  return Array.isArray(runs) ? runs.length : 0;
}

function policyOf(module: Module, activity: Activity): AttemptPolicy {
  const policy = resolvePolicy(module, activity.type === 'quiz' ? activity : undefined);
  return { ...policy, timeLimit: policy.timeLimit ?? null };
}

export function deriveRecords(fact: Fact, run: RunContext, session: Session): Derived {
  if (!('activityId' in fact) || fact.type === 'activity.completed') return NOTHING;
  const { module, learnerId, runId } = run;
  const activity = module.activities.find((candidate) => candidate.id === fact.activityId);
  if (!activity) return NOTHING;
  const where = { learnerId, moduleId: module.id, version: module.version, runId };
  const attemptOf = (kind: AttemptRecord['kind'], attempt: number) => ({
    ...where,
    id: attemptKey(runId, module.version, activity.id, attempt),
    activityId: activity.id,
    kind,
    attempt,
    policy: policyOf(module, activity),
  });

  switch (fact.type) {
    case 'item.answered': {
      const attempt = attemptOf('quiz', fact.attempt);
      const startedAt = quizStart(session, activity.id, fact.attempt);
      return {
        responses: [
          {
            ...where,
            id: newId(),
            kind: 'item',
            activityId: activity.id,
            attempt: fact.attempt,
            attemptId: attempt.id,
            itemId: fact.itemId,
            response: fact.response,
            correct: fact.correct,
            score: fact.score,
            tags: [...fact.tags],
            at: fact.at,
            latency: fact.latency,
          },
        ],
        attempts: [
          {
            ...attempt,
            status: 'in-progress',
            ...(startedAt === undefined ? {} : { startedAt }),
          },
        ],
      };
    }
    case 'quiz.scored': {
      const startedAt = quizStart(session, activity.id, fact.attempt);
      return {
        responses: [],
        attempts: [
          {
            ...attemptOf('quiz', fact.attempt),
            status: fact.passed ? 'passed' : 'failed',
            ...(startedAt === undefined ? {} : { startedAt }),
            endedAt: fact.at,
            seed: fact.seed,
            score: fact.score,
            passed: fact.passed,
            reason: fact.reason,
          },
        ],
      };
    }
    case 'scenario.chose': {
      const attempt = attemptOf('scenario', endedRuns(session, activity.id) + 1);
      return {
        responses: [
          {
            ...where,
            id: newId(),
            kind: 'decision',
            activityId: activity.id,
            attempt: attempt.attempt,
            attemptId: attempt.id,
            sceneId: fact.sceneId,
            choiceId: fact.choiceId,
            scoreDelta: fact.scoreDelta,
            total: fact.score,
            critical: fact.critical,
            tags: [...fact.tags],
            at: fact.at,
          },
        ],
        attempts: [{ ...attempt, status: 'in-progress', startedAt: fact.at }],
      };
    }
    case 'scenario.ended': {
      const practice = activity.type === 'scenario' && activity.mode === 'practice';
      const passed = !practice && passes(fact.score, policyOf(module, activity).passMark);
      return {
        responses: [],
        attempts: [
          {
            ...attemptOf('scenario', Math.max(1, endedRuns(session, activity.id))),
            status: practice ? 'completed' : passed ? 'passed' : 'failed',
            endedAt: fact.at,
            score: fact.score,
            ...(practice ? {} : { passed }),
            endingId: fact.endingId,
            outcome: fact.outcome,
            ...(fact.band === undefined ? {} : { band: fact.band }),
            critical: fact.critical,
            path: [...fact.path],
          },
        ],
      };
    }
  }
}
