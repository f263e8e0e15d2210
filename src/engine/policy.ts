/** The assessment policy that applies to a quiz: its own settings over the module's. */
import type { Module, Quiz } from '../content/schema.ts';
import type { Score } from './types.ts';

export interface Policy {
  /** Percent, 0–100. */
  readonly passMark: number;
  /** Attempts at the whole quiz; 0 means no limit. */
  readonly attempts: number;
  readonly grading: 'best' | 'last' | 'first';
  readonly feedback: 'immediate' | 'deferred';
  /** Milliseconds, or undefined for no limit. */
  readonly timeLimit: number | undefined;
  /** Tries per item when feedback is immediate. */
  readonly itemAttempts: number;
}

export function resolvePolicy(module: Module, quiz?: Quiz): Policy {
  const own = quiz?.policy ?? {};
  const base = module.assessment;
  const minutes = own.timeLimitMinutes ?? base.timeLimitMinutes;
  return {
    passMark: own.passMark ?? base.passMark,
    attempts: own.attempts ?? base.attempts ?? 0,
    grading: own.grading ?? base.grading ?? 'best',
    feedback: own.feedback ?? base.feedback ?? 'immediate',
    timeLimit: minutes === undefined ? undefined : minutes * 60_000,
    itemAttempts: own.itemAttempts ?? base.itemAttempts ?? 1,
  };
}

/** Whether a scaled score reaches a pass mark in percent (with a tolerance for float error). */
export const passes = (score: Score, passMark: number): boolean =>
  score.scaled * 100 + 1e-9 >= passMark;

export interface Graded {
  readonly score: Score;
  readonly passed: boolean;
}

/** The attempt that counts under the grading rule. Ties in `best` go to the earlier attempt. */
export function grade<T extends Graded>(
  attempts: readonly T[],
  grading: Policy['grading'],
): T | undefined {
  if (grading === 'first') return attempts[0];
  if (grading === 'last') return attempts.at(-1);
  let best: T | undefined;
  for (const attempt of attempts) {
    if (!best || attempt.score.scaled > best.score.scaled) best = attempt;
  }
  return best;
}
