/**
 * A quiz: ready → attempting (answering ⇄ feedback) → scored → reviewing, with attempts, a
 * pass mark, grading across attempts, an optional time limit (a timer actor; time-out submits
 * what is answered) and seeded item draws, so a resumed attempt shows the same items in the same
 * order.
 */
import { assign, emit, fromCallback, sendParent, setup } from 'xstate';
import type { Item, Quiz } from '../content/schema.ts';
import type { Clock } from './clock.ts';
import type { ActivityFinishedEvent, ItemAnsweredFact, QuizScoredFact } from './events.ts';
import { grade, passes, type Policy } from './policy.ts';
import { scoreItem, totalScore } from './scoring.ts';
import { selectItems } from './selection.ts';
import type { ItemScore, Response, Score } from './types.ts';

export interface AttemptRecord {
  readonly attempt: number;
  readonly seed: number;
  readonly score: Score;
  readonly passed: boolean;
  readonly reason: 'submitted' | 'timeout';
  readonly startedAt: number;
  readonly endedAt: number;
}

export interface QuizContext {
  /** 1-based number of the current (or last) attempt; 0 before the first. */
  readonly attempt: number;
  readonly seed: number;
  readonly itemIds: readonly string[];
  /** Presentation order of each item's parts (options, cues, matches, steps). */
  readonly order: Readonly<Record<string, readonly string[]>>;
  readonly index: number;
  readonly responses: Readonly<Record<string, Response>>;
  readonly scores: Readonly<Record<string, ItemScore>>;
  /** Tries used per item in this attempt. */
  readonly tries: Readonly<Record<string, number>>;
  readonly startedAt: number;
  readonly presentedAt: number;
  /** Epoch milliseconds when time runs out, or null without a time limit. */
  readonly deadline: number | null;
  readonly history: readonly AttemptRecord[];
}

export type QuizEvent =
  | { readonly type: 'learner.start' }
  | { readonly type: 'learner.submit'; readonly response: Response }
  | { readonly type: 'learner.next' }
  | { readonly type: 'learner.retryItem' }
  | { readonly type: 'learner.finish' }
  | { readonly type: 'learner.retry' }
  | { readonly type: 'learner.review' }
  | { readonly type: 'learner.back' }
  | { readonly type: 'timer.expired' };

export interface QuizDependencies {
  readonly clock: Clock;
  readonly newSeed: () => number;
}

const EMPTY: Omit<QuizContext, 'history' | 'attempt'> = {
  seed: 0,
  itemIds: [],
  order: {},
  index: 0,
  responses: {},
  scores: {},
  tries: {},
  startedAt: 0,
  presentedAt: 0,
  deadline: null,
};

export function createQuizMachine(
  quiz: Quiz,
  policy: Policy,
  { clock, newSeed }: QuizDependencies,
) {
  const items = new Map<string, Item>(quiz.items.map((item) => [item.id, item]));
  const current = (context: QuizContext) => items.get(context.itemIds[context.index] ?? '');
  const hasNext = ({ context }: { context: QuizContext }) =>
    context.index < context.itemIds.length - 1;
  const attemptScore = (context: QuizContext) =>
    totalScore(
      context.itemIds.map((id) => context.scores[id] ?? scoreItem(items.get(id)!, undefined)),
    );
  const withAttempt = (context: QuizContext, reason: AttemptRecord['reason']) => {
    const score = attemptScore(context);
    const record: AttemptRecord = {
      attempt: context.attempt,
      seed: context.seed,
      score,
      passed: passes(score, policy.passMark),
      reason,
      startedAt: context.startedAt,
      endedAt: clock.now(),
    };
    return [...context.history, record];
  };

  return setup({
    types: {
      context: {} as QuizContext,
      events: {} as QuizEvent,
      emitted: {} as ItemAnsweredFact | QuizScoredFact,
    },
    actors: {
      timer: fromCallback<{ type: 'timer.expired' }, { deadline: number }>(
        ({ sendBack, input }) => {
          const handle = clock.setTimeout(
            () => sendBack({ type: 'timer.expired' }),
            Math.max(0, input.deadline - clock.now()),
          );
          return () => clock.clearTimeout(handle);
        },
      ),
    },
    guards: {
      canStart: ({ context }) => policy.attempts === 0 || context.attempt < policy.attempts,
      fitsItem: ({ context, event }) =>
        event.type === 'learner.submit' && current(context)?.type === event.response.type,
      immediate: () => policy.feedback === 'immediate',
      hasNext,
      canRetryItem: ({ context }) => {
        const id = context.itemIds[context.index] ?? '';
        return !context.scores[id]?.correct && (context.tries[id] ?? 0) < policy.itemAttempts;
      },
    },
    actions: {
      beginAttempt: assign(({ context }) => {
        const seed = newSeed();
        const selection = selectItems(quiz, seed);
        const now = clock.now();
        return {
          ...EMPTY,
          attempt: context.attempt + 1,
          seed,
          itemIds: selection.itemIds,
          order: selection.order,
          startedAt: now,
          presentedAt: now,
          deadline: policy.timeLimit === undefined ? null : now + policy.timeLimit,
        };
      }),
      record: assign(({ context, event }) => {
        if (event.type !== 'learner.submit') return {};
        const id = context.itemIds[context.index]!;
        return {
          responses: { ...context.responses, [id]: event.response },
          scores: { ...context.scores, [id]: scoreItem(items.get(id)!, event.response) },
          tries: { ...context.tries, [id]: (context.tries[id] ?? 0) + 1 },
        };
      }),
      reportAnswer: emit(({ context }): ItemAnsweredFact => {
        const id = context.itemIds[context.index]!;
        const score = context.scores[id]!;
        const now = clock.now();
        return {
          type: 'item.answered',
          activityId: quiz.id,
          itemId: id,
          attempt: context.attempt,
          response: context.responses[id]!,
          score: { raw: score.raw, min: score.min, max: score.max, scaled: score.scaled },
          correct: score.correct,
          tags: items.get(id)?.tags ?? [],
          at: now,
          latency: Math.max(0, now - context.presentedAt),
        };
      }),
      advance: assign({
        index: ({ context }) => context.index + 1,
        presentedAt: () => clock.now(),
      }),
      present: assign({ presentedAt: () => clock.now() }),
      finishSubmitted: assign({ history: ({ context }) => withAttempt(context, 'submitted') }),
      finishTimedOut: assign({ history: ({ context }) => withAttempt(context, 'timeout') }),
      reportScore: emit(({ context }): QuizScoredFact => {
        const last = context.history.at(-1)!;
        return {
          type: 'quiz.scored',
          activityId: quiz.id,
          attempt: last.attempt,
          seed: last.seed,
          score: last.score,
          passed: last.passed,
          reason: last.reason,
          at: last.endedAt,
        };
      }),
      tellCourse: sendParent(({ context }): ActivityFinishedEvent => {
        const counted = grade(context.history, policy.grading)!;
        return {
          type: 'activity.finished',
          activityId: quiz.id,
          score: counted.score,
          passed: counted.passed,
        };
      }),
    },
  }).createMachine({
    id: `quiz:${quiz.id}`,
    context: { ...EMPTY, attempt: 0, history: [] },
    initial: 'ready',
    states: {
      ready: {
        on: {
          'learner.start': { guard: 'canStart', target: 'attempting', actions: 'beginAttempt' },
        },
      },
      attempting: {
        ...(policy.timeLimit === undefined
          ? {}
          : {
              invoke: {
                src: 'timer',
                id: 'timer',
                input: ({ context }: { context: QuizContext }) => ({
                  deadline: context.deadline ?? 0,
                }),
              },
            }),
        initial: 'answering',
        on: {
          'timer.expired': { target: 'scored', actions: 'finishTimedOut' },
          // Deferred feedback: the learner may hand in before the last item.
          'learner.finish': { target: 'scored', actions: 'finishSubmitted' },
        },
        states: {
          answering: {
            on: {
              'learner.submit': {
                guard: 'fitsItem',
                actions: ['record', 'reportAnswer'],
                target: 'answered',
              },
            },
          },
          // Passing through: immediate feedback shows it, deferred feedback moves on.
          answered: {
            always: [
              { guard: 'immediate', target: 'feedback' },
              { guard: 'hasNext', target: 'answering', actions: 'advance' },
              { target: '#quizScored', actions: 'finishSubmitted' },
            ],
          },
          feedback: {
            on: {
              'learner.next': [
                { guard: 'hasNext', target: 'answering', actions: 'advance' },
                { target: '#quizScored', actions: 'finishSubmitted' },
              ],
              'learner.retryItem': {
                guard: 'canRetryItem',
                target: 'answering',
                actions: 'present',
              },
            },
          },
        },
      },
      scored: {
        id: 'quizScored',
        entry: ['reportScore', 'tellCourse'],
        on: {
          'learner.retry': { guard: 'canStart', target: 'attempting', actions: 'beginAttempt' },
          'learner.review': 'reviewing',
        },
      },
      reviewing: {
        on: { 'learner.back': 'scored' },
      },
    },
  });
}

export type QuizMachine = ReturnType<typeof createQuizMachine>;
