/**
 * Quiz items and scenario scenes as xAPI `cmi.interaction` activities, and learners' responses in
 * the response formats of xAPI 1.0.3 (Data 2.4.4.1.1): `[,]` between list members, `[.]` inside a
 * matching pair, `true`/`false`.
 */
import type { Item, Scene } from '../../content/schema.ts';
import type { Response } from '../../engine/types.ts';
import {
  ACTIVITY_TYPES,
  type ActivityDefinition,
  type InteractionComponent,
  type LanguageMap,
} from './vocabulary.ts';

const LIST = '[,]';
const PAIR = '[.]';
const NAME_LENGTH = 120;

const text = (language: string, value: string): LanguageMap => ({ [language]: value });

/** A short name from a (Markdown) prompt: its first line, cut at a word. */
export function shortName(prompt: string): string {
  const line = (prompt.trim().split('\n')[0] ?? '').replace(/[*_`#>]/g, '').trim();
  if (line.length <= NAME_LENGTH) return line;
  const cut = line.slice(0, NAME_LENGTH - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > NAME_LENGTH / 2 ? cut.slice(0, space) : cut}…`;
}

const components = (
  language: string,
  entries: readonly { readonly id: string; readonly text: string }[],
): InteractionComponent[] =>
  entries.map((entry) => ({ id: entry.id, description: text(language, entry.text) }));

type MatchingItem = Extract<Item, { type: 'matching' }>;

/** Matching targets: each pair's match, then the distractors. Ids are stable per item. */
function matchTargets(item: MatchingItem): { id: string; text: string }[] {
  return [
    ...item.pairs.map((pair) => ({ id: `match-${pair.id}`, text: pair.match })),
    ...(item.distractors ?? []).map((distractor, index) => ({
      id: `distractor-${index + 1}`,
      text: distractor,
    })),
  ];
}

/** The `cmi.interaction` definition of a quiz item. */
export function itemDefinition(item: Item, language: string): ActivityDefinition {
  const base = {
    type: ACTIVITY_TYPES.interaction,
    name: text(language, shortName(item.prompt)),
    description: text(
      language,
      item.type === 'spotting' ? `${item.prompt}\n\n${item.scene}` : item.prompt,
    ),
  };
  switch (item.type) {
    case 'single':
    case 'multiple':
      return {
        ...base,
        interactionType: 'choice',
        correctResponsesPattern: [
          item.options
            .filter((option) => option.correct === true)
            .map((option) => option.id)
            .join(LIST),
        ],
        choices: components(language, item.options),
      };
    case 'trueFalse':
      return {
        ...base,
        interactionType: 'true-false',
        correctResponsesPattern: [String(item.answer)],
      };
    case 'matching':
      return {
        ...base,
        interactionType: 'matching',
        correctResponsesPattern: [
          item.pairs.map((pair) => `${pair.id}${PAIR}match-${pair.id}`).join(LIST),
        ],
        source: components(
          language,
          item.pairs.map((pair) => ({ id: pair.id, text: pair.prompt })),
        ),
        target: components(language, matchTargets(item)),
      };
    case 'ordering':
      return {
        ...base,
        interactionType: 'sequencing',
        correctResponsesPattern: [item.steps.map((step) => step.id).join(LIST)],
        choices: components(language, item.steps),
      };
    case 'shortText':
      return {
        ...base,
        interactionType: 'fill-in',
        // Case does not matter unless the item says so (the xAPI default is the same).
        correctResponsesPattern: item.accepted.map((accepted) =>
          item.caseSensitive === true ? `{case_matters=true}${accepted}` : accepted,
        ),
      };
    case 'spotting':
      return {
        ...base,
        interactionType: 'choice',
        correctResponsesPattern: [
          item.cues
            .filter((cue) => cue.indicator)
            .map((cue) => cue.id)
            .join(LIST),
        ],
        choices: components(language, item.cues),
      };
  }
}

/** A learner's response in the format of the item's interaction type. */
export function responseText(item: Item | undefined, response: Response): string {
  switch (response.type) {
    case 'single':
      return response.optionId;
    case 'multiple':
      return response.optionIds.join(LIST);
    case 'trueFalse':
      return String(response.value);
    case 'ordering':
      return response.order.join(LIST);
    case 'shortText':
      return response.text;
    case 'spotting':
      return response.cueIds.join(LIST);
    case 'matching': {
      const targets = item?.type === 'matching' ? matchTargets(item) : [];
      const order = item?.type === 'matching' ? item.pairs.map((pair) => pair.id) : [];
      const sources = [
        ...order.filter((id) => id in response.matches),
        ...Object.keys(response.matches).filter((id) => !order.includes(id)),
      ];
      return sources
        .flatMap((source) => {
          const target = targets.find((candidate) => candidate.text === response.matches[source]);
          return target ? [`${source}${PAIR}${target.id}`] : [];
        })
        .join(LIST);
    }
  }
}

/** A scenario scene as a `choice` interaction: its choices, none of them "the" correct one. */
export function sceneDefinition(scene: Scene, language: string): ActivityDefinition {
  return {
    type: ACTIVITY_TYPES.interaction,
    name: text(language, scene.title ?? shortName(scene.text)),
    description: text(language, scene.text),
    interactionType: 'choice',
    choices: components(language, scene.choices),
  };
}
