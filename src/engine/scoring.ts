/**
 * Item scoring. Each item type turns a response into credit in [0, 1]; `scoreItem` weighs it.
 * Responses are stored JSON that may be stale or tampered with, so unknown ids, duplicates and
 * a response of another type are scored, never trusted and never thrown on.
 */
import type { Item } from '../content/schema.ts';
import type { ItemScore, Response, Score } from './types.ts';

type ItemOf<T extends Item['type']> = Extract<Item, { type: T }>;
type ResponseOf<T extends Response['type']> = Extract<Response, { type: T }>;

const clamp01 = (value: number): number => Math.min(1, Math.max(0, value));

export interface NormalizeOptions {
  readonly caseSensitive: boolean;
  readonly ignoreDiacritics: boolean;
}

/** The form a short-text answer is compared in; both the response and the key go through it. */
export function normalizeAnswer(text: string, options: NormalizeOptions): string {
  let result = text.trim().replace(/\s+/gu, ' ').normalize('NFC');
  // Upper then lower folds what lower-casing alone keeps apart: "STRASSE" and "straße".
  if (!options.caseSensitive) result = result.toUpperCase().toLowerCase();
  if (options.ignoreDiacritics) {
    result = result.normalize('NFD').replace(/[\u0300-\u036f]/gu, '');
  }
  return result.normalize('NFC');
}

function singleCredit(item: ItemOf<'single'>, response: ResponseOf<'single'>): number {
  return item.options.some((option) => option.correct === true && option.id === response.optionId)
    ? 1
    : 0;
}

function multipleCredit(item: ItemOf<'multiple'>, response: ResponseOf<'multiple'>): number {
  const correct = new Set(item.options.filter((o) => o.correct === true).map((o) => o.id));
  const picked = new Set(response.optionIds);
  const hits = [...picked].filter((id) => correct.has(id)).length;
  const wrongPicks = picked.size - hits;
  if ((item.scoring ?? 'allOrNothing') === 'allOrNothing') {
    return hits === correct.size && wrongPicks === 0 ? 1 : 0;
  }
  const nIncorrect = item.options.length - correct.size;
  // No correct option (invalid content) leaves nothing to find: the key is to pick nothing.
  const found = correct.size === 0 ? 1 : hits / correct.size;
  const penalty = nIncorrect === 0 ? 0 : wrongPicks / nIncorrect;
  return clamp01(found - penalty);
}

function matchingCredit(item: ItemOf<'matching'>, response: ResponseOf<'matching'>): number {
  const right = item.pairs.filter(
    (pair) => Object.hasOwn(response.matches, pair.id) && response.matches[pair.id] === pair.match,
  ).length;
  if ((item.scoring ?? 'partial') === 'allOrNothing') return right === item.pairs.length ? 1 : 0;
  return right / item.pairs.length;
}

function orderingCredit(item: ItemOf<'ordering'>, response: ResponseOf<'ordering'>): number {
  const key = item.steps.map((step) => step.id);
  const right = key.filter((id, index) => response.order[index] === id).length;
  if ((item.scoring ?? 'allOrNothing') === 'allOrNothing') {
    return right === key.length && response.order.length === key.length ? 1 : 0;
  }
  // Extra ids widen the denominator, so only the key itself earns full marks.
  return right / Math.max(key.length, response.order.length);
}

function shortTextCredit(item: ItemOf<'shortText'>, response: ResponseOf<'shortText'>): number {
  const options: NormalizeOptions = {
    caseSensitive: item.caseSensitive ?? false,
    ignoreDiacritics: item.ignoreDiacritics ?? true,
  };
  const given = normalizeAnswer(response.text, options);
  return item.accepted.some((answer) => normalizeAnswer(answer, options) === given) ? 1 : 0;
}

function spottingCredit(item: ItemOf<'spotting'>, response: ResponseOf<'spotting'>): number {
  const indicators = new Set(item.cues.filter((cue) => cue.indicator).map((cue) => cue.id));
  const marked = new Set(response.cueIds);
  const hits = [...marked].filter((id) => indicators.has(id)).length;
  const falseAlarms = marked.size - hits;
  // No indicator at all (invalid content): the key is to mark nothing.
  if (indicators.size === 0) return falseAlarms === 0 ? 1 : 0;
  return clamp01((hits - falseAlarms) / indicators.size);
}

/** Credit in [0, 1] before weighting; 0 for a response of another item type. */
function credit(item: Item, response: Response): number {
  switch (item.type) {
    case 'single':
      return response.type === 'single' ? singleCredit(item, response) : 0;
    case 'multiple':
      return response.type === 'multiple' ? multipleCredit(item, response) : 0;
    case 'trueFalse':
      return response.type === 'trueFalse' && response.value === item.answer ? 1 : 0;
    case 'matching':
      return response.type === 'matching' ? matchingCredit(item, response) : 0;
    case 'ordering':
      return response.type === 'ordering' ? orderingCredit(item, response) : 0;
    case 'shortText':
      return response.type === 'shortText' ? shortTextCredit(item, response) : 0;
    case 'spotting':
      return response.type === 'spotting' ? spottingCredit(item, response) : 0;
  }
}

/**
 * Scores one item: `raw = scaled × weight` between 0 and the weight. An item of weight 0 has no
 * marks to give, so its scaled score is 0 (as `totalScore` defines it when max = min) and it is
 * never `correct`.
 */
export function scoreItem(item: Item, response: Response | undefined): ItemScore {
  const weight = item.weight ?? 1;
  const scaled = response === undefined || weight === 0 ? 0 : credit(item, response);
  return { raw: scaled * weight, min: 0, max: weight, scaled, correct: scaled === 1 };
}

/** Sums item or activity scores; scaled is 0 when there is nothing to score. */
export function totalScore(scores: readonly Score[]): Score {
  let raw = 0;
  let min = 0;
  let max = 0;
  for (const score of scores) {
    raw += score.raw;
    min += score.min;
    max += score.max;
  }
  return { raw, min, max, scaled: max === min ? 0 : (raw - min) / (max - min) };
}

/** The response that earns full marks: what the results view shows as the answer. */
export function keyFor(item: Item): Response {
  switch (item.type) {
    case 'single': {
      const option = item.options.find((o) => o.correct === true);
      if (!option) throw new Error(`item "${item.id}": a single-choice item has no correct option`);
      return { type: 'single', optionId: option.id };
    }
    case 'multiple':
      return {
        type: 'multiple',
        optionIds: item.options.filter((o) => o.correct === true).map((o) => o.id),
      };
    case 'trueFalse':
      return { type: 'trueFalse', value: item.answer };
    case 'matching':
      return {
        type: 'matching',
        matches: Object.fromEntries(item.pairs.map((pair) => [pair.id, pair.match])),
      };
    case 'ordering':
      return { type: 'ordering', order: item.steps.map((step) => step.id) };
    case 'shortText': {
      const [first] = item.accepted;
      if (first === undefined) throw new Error(`item "${item.id}": no accepted answer`);
      return { type: 'shortText', text: first };
    }
    case 'spotting':
      return {
        type: 'spotting',
        cueIds: item.cues.filter((cue) => cue.indicator).map((cue) => cue.id),
      };
  }
}
