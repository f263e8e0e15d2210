/**
 * Distractor analysis: how often each option was chosen. Choice items count options, spotting
 * items cues, true/false items the two values, matching items each pair's placed match; ordering
 * and short-text items count distinct answers (the most common `ANSWER_LIMIT`).
 */
import type { Item } from '../content/schema.ts';
import { plainText } from '../content/plain-text.ts';
import type { ItemResponseRecord } from '../storage/records.ts';
import { ratio } from './stats.ts';
import type { OptionCount } from './types.ts';

/** Distinct free or ordered answers listed per item. */
export const ANSWER_LIMIT = 20;

interface Choice {
  readonly id: string;
  readonly text: string;
  readonly correct: boolean | null;
}

/** What the module offers, in its order. */
function offered(item: Item | undefined): Choice[] {
  switch (item?.type) {
    case 'single':
    case 'multiple':
      return item.options.map((o) => ({
        id: o.id,
        text: plainText(o.text),
        correct: o.correct === true,
      }));
    case 'spotting':
      return item.cues.map((c) => ({ id: c.id, text: plainText(c.text), correct: c.indicator }));
    case 'trueFalse':
      return [
        { id: 'true', text: 'True', correct: item.answer },
        { id: 'false', text: 'False', correct: !item.answer },
      ];
    case 'matching':
      return item.pairs.map((p) => ({
        id: `${p.id}=${p.match}`,
        text: `${plainText(p.prompt)} → ${plainText(p.match)}`,
        correct: true,
      }));
    default:
      return [];
  }
}

/** The ids one response chose. */
function chosen(item: Item | undefined, record: ItemResponseRecord): string[] {
  const response = record.response;
  switch (response.type) {
    case 'single':
      return [response.optionId];
    case 'multiple':
      return [...response.optionIds];
    case 'spotting':
      return [...response.cueIds];
    case 'trueFalse':
      return [String(response.value)];
    case 'matching':
      return Object.entries(response.matches).map(([pair, match]) => `${pair}=${match}`);
    case 'ordering':
      return [response.order.join(' > ')];
    case 'shortText':
      return [response.text.trim()];
    default:
      return item ? [] : [JSON.stringify(response)];
  }
}

function labelOf(item: Item | undefined, id: string): string {
  if (item?.type === 'matching') {
    const [pairId, ...match] = id.split('=');
    const pair = item.pairs.find((p) => p.id === pairId);
    return pair ? `${plainText(pair.prompt)} → ${plainText(match.join('='))}` : id;
  }
  if (item?.type === 'ordering') {
    return id
      .split(' > ')
      .map((step) => plainText(item.steps.find((s) => s.id === step)?.text ?? step))
      .join(' > ');
  }
  return id;
}

function correctOf(item: Item | undefined, id: string, record: ItemResponseRecord) {
  if (item?.type === 'ordering') return id === item.steps.map((s) => s.id).join(' > ');
  if (item?.type === 'shortText' || record.response.type === 'shortText') return record.correct;
  if (item?.type === 'matching') return false; // the key's placements are offered
  return null;
}

export function optionCounts(
  item: Item | undefined,
  responses: readonly ItemResponseRecord[],
): OptionCount[] {
  const choices = offered(item);
  const counts = new Map<string, number>(choices.map((c) => [c.id, 0]));
  const known = new Set(counts.keys());
  const extra = new Map<string, Choice>();
  for (const record of responses) {
    const ids = chosen(item, record);
    for (const id of ids.length > 1 ? new Set(ids) : ids) {
      counts.set(id, (counts.get(id) ?? 0) + 1);
      if (!known.has(id) && !extra.has(id)) {
        extra.set(id, { id, text: labelOf(item, id), correct: correctOf(item, id, record) });
      }
    }
  }
  const toCount = (choice: Choice): OptionCount => {
    const count = counts.get(choice.id) ?? 0;
    return { ...choice, count, share: ratio(count, responses.length) };
  };
  const others = [...extra.values()]
    .map(toCount)
    .sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, ANSWER_LIMIT);
  return [...choices.map(toCount), ...others];
}
