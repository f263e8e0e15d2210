/**
 * A learner's response and the item's key as SCORM interaction values.
 *
 * SCORM 2004 names choices, steps and pairs by short identifiers, so the module's own ids are
 * used (`opt-a[,]opt-c`, `pair-1[.]pair-1`). SCORM 1.2 defines a choice, a sequencing step and
 * each side of a matching pair as ONE character (0–9, a–z): the module's options, steps, pairs
 * and cues are lettered in their authored order (a, b, c … — at most 36, the module format allows
 * 26), which strict LMSs accept and every gradebook shows beside the item. An id that cannot be
 * lettered is written as an identifier.
 */
import type { Item, Module, Scene } from '../../content/schema.ts';
import { keyFor } from '../../engine/scoring.ts';
import type { Response } from '../../engine/types.ts';
import { identifier } from './format.ts';

export type InteractionType = 'true-false' | 'choice' | 'fill-in' | 'matching' | 'sequencing';

export interface InteractionAnswer {
  readonly type: InteractionType;
  /** The learner's response; empty when the learner gave none. */
  readonly response: string;
  /** Correct response patterns (alternatives); empty when the item has no key to report. */
  readonly correct: readonly string[];
}

/** Alternatives beyond this are not reported: SCORM 2004 keeps at least 5 per fill-in. */
const MAX_PATTERNS = 5;

export function findItem(module: Module, activityId: string, itemId: string): Item | undefined {
  const activity = module.activities.find((candidate) => candidate.id === activityId);
  return activity?.type === 'quiz' ? activity.items.find((item) => item.id === itemId) : undefined;
}

export function findScene(module: Module, activityId: string, sceneId: string): Scene | undefined {
  const activity = module.activities.find((candidate) => candidate.id === activityId);
  return activity?.type === 'scenario'
    ? activity.scenes.find((scene) => scene.id === sceneId)
    : undefined;
}

const typeOf = (response: Response): InteractionType => {
  switch (response.type) {
    case 'trueFalse':
      return 'true-false';
    case 'matching':
      return 'matching';
    case 'ordering':
      return 'sequencing';
    case 'shortText':
      return 'fill-in';
    case 'single':
    case 'multiple':
    case 'spotting':
      return 'choice';
  }
};

/** The ids a response names, in the response's order, for the list-like types. */
function chosenIds(response: Response): readonly string[] {
  switch (response.type) {
    case 'single':
      return [response.optionId];
    case 'multiple':
      return response.optionIds;
    case 'spotting':
      return response.cueIds;
    case 'ordering':
      return response.order;
    default:
      return [];
  }
}

/** The ids of an item's choosable parts in authored order (options, cues, steps or pairs). */
function partIds(item: Item | undefined): readonly string[] {
  switch (item?.type) {
    case 'single':
    case 'multiple':
      return item.options.map((option) => option.id);
    case 'spotting':
      return item.cues.map((cue) => cue.id);
    case 'ordering':
      return item.steps.map((step) => step.id);
    case 'matching':
      return item.pairs.map((pair) => pair.id);
    default:
      return [];
  }
}

/** Matching targets (the texts a learner puts against a pair): each pair's match, then distractors. */
const targetsOf = (item: Item | undefined): readonly string[] =>
  item?.type === 'matching'
    ? [...item.pairs.map((pair) => pair.match), ...(item.distractors ?? [])]
    : [];

/** The matched (pair id, target text) pairs, in the item's pair order when it is known. */
function matchedPairs(item: Item | undefined, response: Response): [string, string][] {
  if (response.type !== 'matching') return [];
  const order = partIds(item);
  const entries = Object.entries(response.matches);
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  return entries.sort(([a], [b]) => rank(a) - rank(b));
}

// ── SCORM 1.2 ────────────────────────────────────────────────────────────────────────────

const LETTERS = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** SCORM 1.2 CMIFeedback and CMIString255 values are at most 255 characters. */
const text255 = (text: string) => text.slice(0, 255);

function letterer(ids: readonly string[]): (id: string) => string {
  return (id) => {
    const index = ids.indexOf(id);
    return index >= 0 && index < LETTERS.length ? LETTERS[index]! : identifier(id);
  };
}

function format12(item: Item | undefined, response: Response): string {
  switch (response.type) {
    case 'trueFalse':
      return response.value ? 't' : 'f';
    case 'shortText':
      return text255(response.text);
    case 'matching': {
      const source = letterer(partIds(item));
      const targets = targetsOf(item);
      const target = (text: string) => {
        const index = targets.indexOf(text);
        return index >= 0 && index < LETTERS.length ? LETTERS[index]! : identifier(text, 32);
      };
      return text255(
        matchedPairs(item, response)
          .map(([pairId, text]) => `${source(pairId)}.${target(text)}`)
          .join(','),
      );
    }
    default:
      return text255(
        chosenIds(response)
          .map(letterer(partIds(item)))
          .join(','),
      );
  }
}

export function answer12(item: Item | undefined, response: Response): InteractionAnswer {
  const key = item?.type === response.type ? item : undefined;
  return {
    type: typeOf(response),
    response: format12(key, response),
    correct: key ? correctPatterns(key, (keyResponse) => format12(key, keyResponse)) : [],
  };
}

// ── SCORM 2004 ───────────────────────────────────────────────────────────────────────────

/**
 * A fill-in value: one line (the data type has no line breaks), no list delimiters, no leading
 * "{" (read as a language or option tag), at most 250 characters.
 */
export function fillIn2004(text: string): string {
  return text
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/\[[,.:]\]/g, ' ')
    .replace(/^\{/, '(')
    .slice(0, 250);
}

function format2004(item: Item | undefined, response: Response): string {
  switch (response.type) {
    case 'trueFalse':
      return response.value ? 'true' : 'false';
    case 'shortText':
      return fillIn2004(response.text);
    case 'matching': {
      const pairs = item?.type === 'matching' ? item.pairs : [];
      const distractors = item?.type === 'matching' ? (item.distractors ?? []) : [];
      const target = (text: string) => {
        const pair = pairs.find((candidate) => candidate.match === text);
        if (pair) return pair.id;
        const index = distractors.indexOf(text);
        return index >= 0 ? `distractor-${index + 1}` : identifier(text, 64);
      };
      return matchedPairs(item, response)
        .map(([pairId, text]) => `${pairId}[.]${target(text)}`)
        .join('[,]');
    }
    default:
      return chosenIds(response).join('[,]');
  }
}

export function answer2004(item: Item | undefined, response: Response): InteractionAnswer {
  const key = item?.type === response.type ? item : undefined;
  return {
    type: typeOf(response),
    response: format2004(key, response),
    correct: key ? correctPatterns(key, (keyResponse) => format2004(key, keyResponse)) : [],
  };
}

// ── both ─────────────────────────────────────────────────────────────────────────────────

/** Every accepted answer of a short-text item; the one key of any other item. */
function correctPatterns(item: Item, format: (response: Response) => string): string[] {
  const keys: Response[] =
    item.type === 'shortText'
      ? item.accepted.map((text) => ({ type: 'shortText', text }))
      : [keyFor(item)];
  return keys
    .slice(0, MAX_PATTERNS)
    .map(format)
    .filter((pattern) => pattern !== '');
}

/** A scenario decision: the chosen choice, lettered in its scene for SCORM 1.2. */
export function choiceResponse(
  scene: Scene | undefined,
  choiceId: string,
  edition: '1.2' | '2004',
) {
  if (edition === '2004') return choiceId;
  return letterer(scene ? scene.choices.map((choice) => choice.id) : [])(choiceId);
}
