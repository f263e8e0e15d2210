/**
 * The vocabulary between the engine and the world. Events name who sent them (`learner.*`,
 * `timer.*`, `activity.*` from a child machine to its parent); facts a machine tells the world are
 * emitted in the past tense.
 */
import type { Response, Score } from './types.ts';

/** What a finished activity reports to the course. */
export interface ActivityOutcome {
  readonly activityId: string;
  /** Present for scored activities (quizzes, assessed scenarios). */
  readonly score?: Score;
  readonly passed?: boolean;
}

/** Sent by an activity machine to its parent course when it completes (and again on a better retry). */
export interface ActivityFinishedEvent extends ActivityOutcome {
  readonly type: 'activity.finished';
}

export interface ItemAnsweredFact {
  readonly type: 'item.answered';
  readonly activityId: string;
  readonly itemId: string;
  readonly attempt: number;
  readonly response: Response;
  readonly score: Score;
  readonly correct: boolean;
  readonly tags: readonly string[];
  /** Epoch milliseconds. */
  readonly at: number;
  /** Milliseconds from the item's presentation to the answer. */
  readonly latency: number;
}

export interface QuizScoredFact {
  readonly type: 'quiz.scored';
  readonly activityId: string;
  readonly attempt: number;
  readonly seed: number;
  readonly score: Score;
  readonly passed: boolean;
  readonly reason: 'submitted' | 'timeout';
  readonly at: number;
}

export interface ScenarioChoseFact {
  readonly type: 'scenario.chose';
  readonly activityId: string;
  readonly sceneId: string;
  readonly choiceId: string;
  readonly scoreDelta: number;
  readonly score: number;
  readonly critical: boolean;
  readonly tags: readonly string[];
  readonly at: number;
}

export interface ScenarioEndedFact {
  readonly type: 'scenario.ended';
  readonly activityId: string;
  readonly endingId: string;
  readonly outcome: 'good' | 'mixed' | 'harmful';
  readonly score: Score;
  readonly band?: string;
  readonly critical: boolean;
  readonly path: readonly string[];
  readonly at: number;
}

export interface ActivityCompletedFact extends ActivityOutcome {
  readonly type: 'activity.completed';
  readonly at: number;
}

export interface ModuleCompletedFact {
  readonly type: 'module.completed';
  readonly moduleId: string;
  readonly score?: Score;
  readonly passed: boolean;
  readonly at: number;
}

export type Fact =
  | ItemAnsweredFact
  | QuizScoredFact
  | ScenarioChoseFact
  | ScenarioEndedFact
  | ActivityCompletedFact
  | ModuleCompletedFact;
