/**
 * A lesson: pages read in order, back and forth. Reaching the last page completes it; the
 * learner can still page back and forth afterwards.
 */
import { assign, sendParent, setup } from 'xstate';
import type { Lesson } from '../content/schema.ts';
import type { ActivityFinishedEvent } from './events.ts';

export interface LessonContext {
  readonly page: number;
}

export type LessonEvent =
  | { readonly type: 'learner.next' }
  | { readonly type: 'learner.back' }
  | { readonly type: 'learner.goto'; readonly page: number };

export function createLessonMachine(lesson: Lesson) {
  const last = lesson.pages.length - 1;
  return setup({
    types: {
      context: {} as LessonContext,
      events: {} as LessonEvent,
    },
    guards: {
      hasNext: ({ context }) => context.page < last,
      hasPrevious: ({ context }) => context.page > 0,
      onLastPage: ({ context }) => context.page === last,
      isPage: ({ event }) =>
        event.type === 'learner.goto' &&
        Number.isInteger(event.page) &&
        event.page >= 0 &&
        event.page <= last,
      isVisited: ({ context, event }) =>
        event.type === 'learner.goto' &&
        Number.isInteger(event.page) &&
        event.page >= 0 &&
        event.page <= context.page,
    },
    actions: {
      forward: assign({ page: ({ context }) => context.page + 1 }),
      backward: assign({ page: ({ context }) => context.page - 1 }),
      jump: assign({
        page: ({ context, event }) => (event.type === 'learner.goto' ? event.page : context.page),
      }),
      tellCourse: sendParent((): ActivityFinishedEvent => ({
        type: 'activity.finished',
        activityId: lesson.id,
      })),
    },
  }).createMachine({
    id: `lesson:${lesson.id}`,
    context: { page: 0 },
    initial: 'reading',
    states: {
      reading: {
        always: { guard: 'onLastPage', target: 'read' },
        on: {
          'learner.next': { guard: 'hasNext', actions: 'forward' },
          'learner.back': { guard: 'hasPrevious', actions: 'backward' },
          'learner.goto': { guard: 'isVisited', actions: 'jump' },
        },
      },
      // Every page seen: the lesson is complete, and stays open for review.
      read: {
        entry: 'tellCourse',
        on: {
          'learner.next': { guard: 'hasNext', actions: 'forward' },
          'learner.back': { guard: 'hasPrevious', actions: 'backward' },
          'learner.goto': { guard: 'isPage', actions: 'jump' },
        },
      },
    },
  });
}
