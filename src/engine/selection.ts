/**
 * Which items a quiz attempt presents, and in what order their parts appear. A pure function of
 * (quiz, seed): the attempt stores its seed and the same selection is rebuilt on resume.
 */
import type { Item, Quiz } from '../content/schema.ts';
import { createRandom, shuffle, type Random } from './random.ts';

export interface Selection {
  /** The items to present, in presentation order. */
  readonly itemIds: readonly string[];
  /**
   * Item id → presentation order of its parts: option ids (single, multiple), cue ids
   * (spotting), match texts (matching) or step ids (ordering). trueFalse and shortText have
   * no entry.
   */
  readonly order: Readonly<Record<string, readonly string[]>>;
}

function drawItems(quiz: Quiz, random: Random): readonly Item[] {
  if (!quiz.draw) return quiz.items;
  const picked = new Set<Item>();
  for (const draw of quiz.draw) {
    const pool = quiz.items.filter((item) => !picked.has(item) && item.tags?.includes(draw.tag));
    // A pool emptied by an earlier, overlapping draw gives what it has left.
    for (const item of shuffle(pool, random).slice(0, draw.count)) picked.add(item);
  }
  return shuffle([...picked], random);
}

const sameOrder = (a: readonly string[], b: readonly string[]) =>
  a.every((value, index) => value === b[index]);

/** Steps never come in key order; with fewer than two distinct ids no other order exists. */
function stepOrder(item: Extract<Item, { type: 'ordering' }>, random: Random): string[] {
  const key = item.steps.map((step) => step.id);
  let order = shuffle(key, random);
  if (new Set(key).size < 2) return order;
  while (sameOrder(order, key)) order = shuffle(key, random);
  return order;
}

function partOrder(item: Item, shuffleOptions: boolean, random: Random): string[] | undefined {
  const maybeShuffled = (ids: string[]) => (shuffleOptions ? shuffle(ids, random) : ids);
  switch (item.type) {
    case 'single':
    case 'multiple':
      return maybeShuffled(item.options.map((option) => option.id));
    case 'spotting':
      return maybeShuffled(item.cues.map((cue) => cue.id));
    // In authored order the matches would line up with their prompts and give the key away.
    case 'matching':
      return shuffle(
        [...item.pairs.map((pair) => pair.match), ...(item.distractors ?? [])],
        random,
      );
    case 'ordering':
      return stepOrder(item, random);
    case 'trueFalse':
    case 'shortText':
      return undefined;
  }
}

export function selectItems(quiz: Quiz, seed: number): Selection {
  const random = createRandom(seed);
  const items = drawItems(quiz, random);
  const order: Record<string, readonly string[]> = {};
  for (const item of items) {
    const parts = partOrder(item, quiz.shuffleOptions ?? false, random);
    if (parts) order[item.id] = parts;
  }
  return { itemIds: items.map((item) => item.id), order };
}
