/**
 * A module as a course: its activities in order, each run by its own machine (spawned as a child
 * when the learner opens it, so its progress is part of this machine's snapshot), gating unless
 * navigation is free, and completion and success by the assessment policy.
 */
import { and, assign, emit, enqueueActions, setup, type AnyStateMachine } from 'xstate';
import type { Activity, Module } from '../content/schema.ts';
import type { Clock } from './clock.ts';
import type {
  ActivityCompletedFact,
  ActivityFinishedEvent,
  ModuleCompletedFact,
} from './events.ts';
import { createLessonMachine } from './lesson.machine.ts';
import { passes, resolvePolicy } from './policy.ts';
import { createQuizMachine } from './quiz.machine.ts';
import { bestScore } from './scenario-graph.ts';
import { createScenarioMachine } from './scenario.machine.ts';
import type { Score } from './types.ts';

export interface ActivityResult {
  readonly completed: boolean;
  readonly score?: Score;
  readonly passed?: boolean;
}

export interface CourseContext {
  /** The open activity, or null on the module's overview. */
  readonly current: string | null;
  readonly results: Readonly<Record<string, ActivityResult>>;
}

export type CourseEvent =
  | { readonly type: 'learner.open'; readonly activityId: string }
  | { readonly type: 'learner.close' }
  | ActivityFinishedEvent;

export interface CourseDependencies {
  readonly clock: Clock;
  readonly newSeed: () => number;
}

/** Quizzes and assessed scenarios count towards the module's score. */
export const isScored = (activity: Activity): boolean =>
  activity.type === 'quiz' || (activity.type === 'scenario' && activity.mode === 'assessment');

/** The module's score: the mean of its scored activities' scaled scores (unfinished count 0). */
export function moduleScore(module: Module, results: CourseContext['results']): Score | undefined {
  const scored = module.activities.filter(isScored);
  if (!scored.length) return undefined;
  const total = scored.reduce(
    (sum, activity) => sum + (results[activity.id]?.score?.scaled ?? 0),
    0,
  );
  const scaled = total / scored.length;
  return { raw: Math.round(scaled * 10_000) / 100, min: 0, max: 100, scaled };
}

export interface ModuleStatus {
  readonly completed: number;
  readonly total: number;
  /** Completed activities over all, 0–1. */
  readonly progress: number;
  readonly score: Score | undefined;
  readonly passed: boolean;
}

export function moduleStatus(module: Module, context: CourseContext): ModuleStatus {
  const total = module.activities.length;
  const completed = module.activities.filter(
    (activity) => context.results[activity.id]?.completed,
  ).length;
  const score = moduleScore(module, context.results);
  const allScoredDone = module.activities
    .filter(isScored)
    .every((activity) => context.results[activity.id]?.completed);
  return {
    completed,
    total,
    progress: total ? completed / total : 1,
    score,
    passed:
      completed === total &&
      allScoredDone &&
      (score ? passes(score, module.assessment.passMark) : true),
  };
}

/** The machine that runs one activity, built from its content. */
export function createActivityMachine(
  module: Module,
  activity: Activity,
  deps: CourseDependencies,
): AnyStateMachine {
  switch (activity.type) {
    case 'lesson':
      return createLessonMachine(activity);
    case 'quiz':
      return createQuizMachine(activity, resolvePolicy(module, activity), deps);
    case 'scenario':
      return createScenarioMachine(activity, resolvePolicy(module), {
        clock: deps.clock,
        maxScore: activity.maxScore ?? bestScore(activity),
      });
  }
}

export const activitySource = (activityId: string) => `activity:${activityId}`;

export function createCourseMachine(module: Module, deps: CourseDependencies) {
  const { clock } = deps;
  const order = module.activities.map((activity) => activity.id);
  const actors: Record<string, AnyStateMachine> = {};
  for (const activity of module.activities) {
    actors[activitySource(activity.id)] = createActivityMachine(module, activity, deps);
  }
  const free = module.navigation === 'free';

  return setup({
    types: {
      context: {} as CourseContext,
      events: {} as CourseEvent,
      emitted: {} as ActivityCompletedFact | ModuleCompletedFact,
    },
    actors,
    guards: {
      canOpen: ({ context, event }) => {
        if (event.type !== 'learner.open') return false;
        const index = order.indexOf(event.activityId);
        if (index < 0) return false;
        const previous = order[index - 1];
        return (
          free ||
          previous === undefined ||
          context.results[previous]?.completed === true ||
          event.activityId in context.results
        );
      },
      isNew: ({ context, event }) =>
        event.type === 'learner.open' && !(event.activityId in context.results),
      allDone: ({ context }) => order.every((id) => context.results[id]?.completed),
    },
    actions: {
      // The child's id is the activity's id, its source the logic registered for it above, so
      // the course's persisted snapshot carries every child and restores it.
      spawn: enqueueActions(({ event, enqueue }) => {
        if (event.type !== 'learner.open') return;
        enqueue.spawnChild(activitySource(event.activityId) as never, { id: event.activityId });
      }),
      begin: assign({
        results: ({ context, event }) =>
          event.type === 'learner.open'
            ? { ...context.results, [event.activityId]: { completed: false } }
            : context.results,
      }),
      focus: assign({
        current: ({ event }) => (event.type === 'learner.open' ? event.activityId : null),
      }),
      blur: assign({ current: null }),
      record: assign({
        results: ({ context, event }) => {
          if (event.type !== 'activity.finished') return context.results;
          const result: ActivityResult = {
            completed: true,
            ...(event.score ? { score: event.score } : {}),
            ...(event.passed === undefined ? {} : { passed: event.passed }),
          };
          return { ...context.results, [event.activityId]: result };
        },
      }),
      reportActivity: emit(({ event }): ActivityCompletedFact => {
        const finished = event as ActivityFinishedEvent;
        return {
          type: 'activity.completed',
          activityId: finished.activityId,
          ...(finished.score ? { score: finished.score } : {}),
          ...(finished.passed === undefined ? {} : { passed: finished.passed }),
          at: clock.now(),
        };
      }),
      reportModule: emit(({ context }): ModuleCompletedFact => {
        const status = moduleStatus(module, context);
        return {
          type: 'module.completed',
          moduleId: module.id,
          ...(status.score ? { score: status.score } : {}),
          passed: status.passed,
          at: clock.now(),
        };
      }),
    },
  }).createMachine({
    id: `course:${module.id}`,
    context: { current: null, results: {} },
    initial: 'learning',
    on: {
      'learner.open': [
        { guard: and(['canOpen', 'isNew']), actions: ['begin', 'spawn', 'focus'] },
        { guard: 'canOpen', actions: 'focus' },
      ],
      'learner.close': { actions: 'blur' },
    },
    states: {
      learning: {
        always: { guard: 'allDone', target: 'completed' },
        on: { 'activity.finished': { actions: ['record', 'reportActivity'] } },
      },
      // Every activity done. A retake that changes the result reports the module again.
      completed: {
        entry: 'reportModule',
        on: { 'activity.finished': { actions: ['record', 'reportActivity', 'reportModule'] } },
      },
    },
  });
}

export type CourseMachine = ReturnType<typeof createCourseMachine>;
