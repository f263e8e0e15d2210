/** A small module for walking every state of the engine's machines. */
import { validateModule } from '../../src/content/loader.ts';
import type { Module } from '../../src/content/schema.ts';

export const engineFixture = {
  schemaVersion: 1,
  id: 'engine-fixture',
  version: '1.0.0',
  language: 'en',
  title: 'Engine fixture',
  summary: 'Small enough to walk every state.',
  objectives: [{ id: 'LO1', text: 'Tell the two crimes apart.' }],
  estimatedMinutes: 5,
  navigation: 'linear',
  assessment: {
    passMark: 50,
    attempts: 2,
    grading: 'best',
    feedback: 'immediate',
    itemAttempts: 2,
  },
  activities: [
    {
      type: 'lesson',
      id: 'lesson',
      title: 'Lesson',
      pages: [
        { id: 'p1', title: 'One', blocks: [{ type: 'markdown', text: 'One.' }] },
        { id: 'p2', title: 'Two', blocks: [{ type: 'markdown', text: 'Two.' }] },
        { id: 'p3', title: 'Three', blocks: [{ type: 'markdown', text: 'Three.' }] },
      ],
    },
    {
      type: 'quiz',
      id: 'quiz',
      title: 'Quiz',
      draw: [{ tag: 'pool:a', count: 2 }],
      items: [
        {
          type: 'single',
          id: 'q1',
          prompt: 'Which?',
          rationale: 'Because.',
          tags: ['pool:a', 'concept:consent'],
          options: [
            { id: 'a', text: 'A', correct: true },
            { id: 'b', text: 'B' },
          ],
        },
        {
          type: 'trueFalse',
          id: 'q2',
          prompt: 'True?',
          rationale: 'Because.',
          tags: ['pool:a'],
          answer: true,
        },
        {
          type: 'ordering',
          id: 'q3',
          prompt: 'Order',
          rationale: 'Because.',
          tags: ['pool:a'],
          steps: [
            { id: 's1', text: 'First' },
            { id: 's2', text: 'Second' },
          ],
        },
      ],
    },
    {
      type: 'scenario',
      id: 'practice',
      title: 'Practice',
      mode: 'practice',
      start: 'a',
      criticalEnding: 'bad',
      scenes: [
        {
          id: 'a',
          text: 'Start.',
          choices: [
            {
              id: 'good',
              text: 'Good',
              next: 'b',
              score: 2,
              setFlags: ['noted'],
              consequence: 'Fine.',
            },
            { id: 'poor', text: 'Poor', next: 'b', score: -1, consequence: 'Hmm.' },
          ],
        },
        {
          id: 'b',
          text: 'Then.',
          choices: [
            {
              id: 'refer',
              text: 'Refer',
              when: { flags: ['noted'] },
              score: 2,
              next: [{ when: { scoreAtLeast: 4 }, to: 'best' }, { to: 'fair' }],
              consequence: 'Referred.',
            },
            { id: 'wait', text: 'Wait', next: 'fair', consequence: 'Waited.' },
            {
              id: 'harm',
              text: 'Harm',
              next: 'best',
              critical: true,
              score: 1,
              consequence: 'Harmful.',
            },
          ],
        },
      ],
      endings: [
        { id: 'best', title: 'Best', outcome: 'good', text: 'Best.' },
        { id: 'fair', title: 'Fair', outcome: 'mixed', text: 'Fair.' },
        { id: 'bad', title: 'Bad', outcome: 'harmful', text: 'Bad.' },
      ],
      bands: [
        { id: 'high', label: 'High', minScore: 4 },
        { id: 'low', label: 'Low', minScore: -10 },
      ],
    },
    {
      type: 'scenario',
      id: 'assessed',
      title: 'Assessed',
      mode: 'assessment',
      start: 'a',
      criticalEnding: 'bad',
      maxScore: 3,
      scenes: [
        {
          id: 'a',
          text: 'Start.',
          choices: [
            { id: 'right', text: 'Right', next: 'b', score: 2, consequence: 'Good.' },
            { id: 'wrong', text: 'Wrong', next: 'b', critical: true, consequence: 'Harm.' },
          ],
        },
        {
          id: 'b',
          text: 'Then.',
          choices: [
            { id: 'close', text: 'Close', next: 'good', score: 1, consequence: 'Closed.' },
            { id: 'leave', text: 'Leave', next: 'good', consequence: 'Left.' },
          ],
        },
      ],
      endings: [
        { id: 'good', title: 'Good', outcome: 'good', text: 'Good.' },
        { id: 'bad', title: 'Bad', outcome: 'harmful', text: 'Bad.' },
      ],
    },
  ],
} as const;

export function fixtureModule(overrides: Record<string, unknown> = {}): Module {
  const result = validateModule({ ...structuredClone(engineFixture), ...overrides });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.module;
}
