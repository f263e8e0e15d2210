/**
 * A module whose one quiz has one item of every type, taken from the showcase module (the first
 * item of each type, in authored order, without a draw), under a policy the test chooses.
 */
import { validateModule } from '../../src/content/loader.ts';
import type { Module } from '../../src/content/schema.ts';
import { fixtureJson } from './fixtures.ts';

export const EVERY_TYPE_QUIZ = 'quiz-every-type';

interface Doc {
  activities: { type: string; items?: { type: string }[] }[];
  [key: string]: unknown;
}

export async function everyTypeModule(assessment: Record<string, unknown> = {}): Promise<Module> {
  const showcase = await fixtureJson<Doc>('modules/showcase/module.json');
  const quiz = showcase.activities.find((activity) => activity.type === 'quiz')!;
  const seen = new Set<string>();
  const items = (quiz.items ?? []).filter((item) => !seen.has(item.type) && seen.add(item.type));
  // Without its draw and its own policy: every item, under the assessment below.
  const rest: Record<string, unknown> = { ...quiz };
  delete rest['draw'];
  delete rest['policy'];
  const result = validateModule({
    ...showcase,
    navigation: 'free',
    assessment: {
      passMark: 80,
      attempts: 2,
      feedback: 'immediate',
      itemAttempts: 2,
      ...assessment,
    },
    activities: [{ ...rest, id: EVERY_TYPE_QUIZ, items }],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.module;
}
