/** Words the scenario views share: scene labels, choices by id, outcomes in text. */
import { msg, str } from '@lit/localize';
import type { Choice, Ending, Scenario, Scene } from '../../content/schema.ts';
import { sceneById } from '../../engine/scenario-rules.ts';

/** The scene's own title, or "Scene n" where n counts the scenes met on this run. */
export const sceneLabel = (scene: Scene | undefined, step: number): string =>
  scene?.title ?? msg(str`Scene ${step}`);

export const choiceOf = (
  scenario: Scenario,
  sceneId: string,
  choiceId: string,
): { readonly scene: Scene | undefined; readonly choice: Choice | undefined } => {
  const scene = sceneById(scenario, sceneId);
  return { scene, choice: scene?.choices.find((candidate) => candidate.id === choiceId) };
};

/** The outcome in words, so that colour is never the only signal. */
export function outcomeLabel(outcome: Ending['outcome']): string {
  switch (outcome) {
    case 'good':
      return msg('Good outcome');
    case 'mixed':
      return msg('Mixed outcome');
    case 'harmful':
      return msg('Harmful outcome');
  }
}
