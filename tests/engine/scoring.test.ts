import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { Item } from '../../src/content/schema.ts';
import { keyFor, normalizeAnswer, scoreItem, totalScore } from '../../src/engine/scoring.ts';
import type { Response } from '../../src/engine/types.ts';

type ItemOf<T extends Item['type']> = Extract<Item, { type: T }>;

const common = { prompt: 'Prompt', rationale: 'Why' };

const single: ItemOf<'single'> = {
  type: 'single',
  id: 'single',
  ...common,
  options: [
    { id: 'a', text: 'A' },
    { id: 'b', text: 'B', correct: true },
    { id: 'c', text: 'C' },
  ],
};

const multiple = (scoring?: 'allOrNothing' | 'partial'): ItemOf<'multiple'> => ({
  type: 'multiple',
  id: 'multiple',
  ...common,
  ...(scoring ? { scoring } : {}),
  options: [
    { id: 'a', text: 'A', correct: true },
    { id: 'b', text: 'B', correct: true },
    { id: 'c', text: 'C', correct: true },
    { id: 'd', text: 'D' },
    { id: 'e', text: 'E' },
  ],
});

const trueFalse: ItemOf<'trueFalse'> = {
  type: 'trueFalse',
  id: 'tf',
  ...common,
  answer: false,
};

const matching = (scoring?: 'allOrNothing' | 'partial'): ItemOf<'matching'> => ({
  type: 'matching',
  id: 'matching',
  ...common,
  ...(scoring ? { scoring } : {}),
  pairs: [
    { id: 'p1', prompt: 'One', match: 'uno' },
    { id: 'p2', prompt: 'Two', match: 'dos' },
    { id: 'p3', prompt: 'Three', match: 'tres' },
    { id: 'p4', prompt: 'Four', match: 'cuatro' },
  ],
  distractors: ['cinco'],
});

const ordering = (scoring?: 'allOrNothing' | 'perPosition'): ItemOf<'ordering'> => ({
  type: 'ordering',
  id: 'ordering',
  ...common,
  ...(scoring ? { scoring } : {}),
  steps: [
    { id: 's1', text: 'First' },
    { id: 's2', text: 'Second' },
    { id: 's3', text: 'Third' },
    { id: 's4', text: 'Fourth' },
  ],
});

const shortText = (
  flags: { caseSensitive?: boolean; ignoreDiacritics?: boolean } = {},
): ItemOf<'shortText'> => ({
  type: 'shortText',
  id: 'short',
  ...common,
  ...flags,
  accepted: ['debt bondage', 'Café crème'],
});

const spotting: ItemOf<'spotting'> = {
  type: 'spotting',
  id: 'spotting',
  ...common,
  scene: 'A scene',
  cues: [
    { id: 'c1', text: '1', indicator: true },
    { id: 'c2', text: '2', indicator: true },
    { id: 'c3', text: '3', indicator: true },
    { id: 'c4', text: '4', indicator: true },
    { id: 'c5', text: '5', indicator: false },
    { id: 'c6', text: '6', indicator: false },
  ],
};

const scaled = (item: Item, response: Response | undefined) => scoreItem(item, response).scaled;

describe('scoreItem: weight and shape', () => {
  it('weighs the credit: raw = scaled × weight, min 0, max weight', () => {
    const item: Item = { ...spotting, weight: 2 };
    expect(scoreItem(item, { type: 'spotting', cueIds: ['c1', 'c2'] })).to.deep.equal({
      raw: 1,
      min: 0,
      max: 2,
      scaled: 0.5,
      correct: false,
    });
    expect(scoreItem(single, { type: 'single', optionId: 'b' })).to.deep.equal({
      raw: 1,
      min: 0,
      max: 1,
      scaled: 1,
      correct: true,
    });
  });

  it('gives 0 to an unanswered item and to a response of another type', () => {
    expect(scoreItem(single, undefined)).to.deep.equal({
      raw: 0,
      min: 0,
      max: 1,
      scaled: 0,
      correct: false,
    });
    expect(scaled(single, { type: 'multiple', optionIds: ['b'] })).to.equal(0);
    expect(scaled(trueFalse, { type: 'single', optionId: 'false' })).to.equal(0);
    expect(scaled(shortText(), { type: 'matching', matches: {} })).to.equal(0);
  });

  it('never marks a zero-weight item correct: it has no marks to give', () => {
    const score = scoreItem({ ...single, weight: 0 }, { type: 'single', optionId: 'b' });
    expect(score).to.deep.equal({ raw: 0, min: 0, max: 0, scaled: 0, correct: false });
  });
});

describe('scoreItem: single', () => {
  it('gives full marks for the correct option only', () => {
    expect(scoreItem(single, { type: 'single', optionId: 'b' }).correct).to.equal(true);
    expect(scaled(single, { type: 'single', optionId: 'a' })).to.equal(0);
    expect(scaled(single, { type: 'single', optionId: 'zzz' })).to.equal(0);
  });
});

describe('scoreItem: multiple', () => {
  const pick = (...optionIds: string[]): Response => ({ type: 'multiple', optionIds });

  it('is all or nothing by default', () => {
    expect(scoreItem(multiple(), pick('a', 'b', 'c')).correct).to.equal(true);
    expect(scaled(multiple(), pick('c', 'a', 'b'))).to.equal(1);
    expect(scaled(multiple(), pick('a', 'b'))).to.equal(0);
    expect(scaled(multiple(), pick('a', 'b', 'c', 'd'))).to.equal(0);
    expect(scaled(multiple('allOrNothing'), pick('a', 'b', 'c', 'zzz'))).to.equal(0);
  });

  it('gives partial credit: hits / nCorrect − wrong picks / nIncorrect', () => {
    const item = multiple('partial');
    expect(scaled(item, pick('a', 'b', 'c'))).to.equal(1);
    expect(scaled(item, pick('a', 'b'))).to.be.closeTo(2 / 3, 1e-12);
    expect(scaled(item, pick('a', 'b', 'c', 'd'))).to.be.closeTo(1 - 1 / 2, 1e-12);
    expect(scaled(item, pick('a', 'b', 'd'))).to.be.closeTo(2 / 3 - 1 / 2, 1e-12);
    expect(scoreItem(item, pick('a', 'b')).correct).to.equal(false);
  });

  it('floors partial credit at 0', () => {
    expect(scaled(multiple('partial'), pick('a', 'd', 'e'))).to.equal(0);
    expect(scaled(multiple('partial'), pick('d'))).to.equal(0);
    expect(scaled(multiple('partial'), pick())).to.equal(0);
  });

  it('counts unknown ids as wrong picks and duplicates once', () => {
    const item = multiple('partial');
    expect(scaled(item, pick('a', 'b', 'c', 'zzz'))).to.be.closeTo(1 / 2, 1e-12);
    expect(scaled(item, pick('a', 'a', 'a'))).to.be.closeTo(1 / 3, 1e-12);
    expect(scaled(item, pick('a', 'b', 'c', 'd', 'd'))).to.be.closeTo(1 / 2, 1e-12);
  });

  it('has no penalty when every option is correct', () => {
    const item: Item = {
      ...multiple('partial'),
      options: [
        { id: 'a', text: 'A', correct: true },
        { id: 'b', text: 'B', correct: true },
      ],
    };
    expect(scaled(item, pick('a'))).to.equal(0.5);
    expect(scaled(item, pick('a', 'b'))).to.equal(1);
  });
});

describe('scoreItem: trueFalse', () => {
  it('gives full marks when the value is the answer', () => {
    expect(scaled(trueFalse, { type: 'trueFalse', value: false })).to.equal(1);
    expect(scaled(trueFalse, { type: 'trueFalse', value: true })).to.equal(0);
    expect(scaled({ ...trueFalse, answer: true }, { type: 'trueFalse', value: true })).to.equal(1);
  });
});

describe('scoreItem: matching', () => {
  const answer = (matches: Record<string, string>): Response => ({ type: 'matching', matches });

  it('gives the fraction of right pairs by default', () => {
    const item = matching();
    expect(scaled(item, answer({ p1: 'uno', p2: 'dos', p3: 'tres', p4: 'cuatro' }))).to.equal(1);
    expect(scaled(item, answer({ p1: 'uno', p2: 'dos', p3: 'cinco' }))).to.equal(0.5);
    expect(scaled(item, answer({ p1: 'dos', p2: 'uno' }))).to.equal(0);
    expect(scaled(item, answer({ p1: 'uno', zzz: 'dos' }))).to.equal(0.25);
    expect(scaled(item, answer({ p1: 'Uno' }))).to.equal(0);
  });

  it('is all or nothing when asked', () => {
    const item = matching('allOrNothing');
    expect(scaled(item, answer({ p1: 'uno', p2: 'dos', p3: 'tres', p4: 'cuatro' }))).to.equal(1);
    expect(scaled(item, answer({ p1: 'uno', p2: 'dos', p3: 'tres', p4: 'cinco' }))).to.equal(0);
  });

  it('reads only the pairs themselves, never inherited properties', () => {
    const item: Item = {
      ...matching(),
      pairs: [
        { id: 'constructor', prompt: 'A', match: 'a' },
        { id: 'toString', prompt: 'B', match: 'b' },
      ],
    };
    expect(scaled(item, answer({}))).to.equal(0);
    expect(scaled(item, answer({ constructor: 'a', toString: 'b' }))).to.equal(1);
  });
});

describe('scoreItem: ordering', () => {
  const order = (...ids: string[]): Response => ({ type: 'ordering', order: ids });

  it('is all or nothing by default', () => {
    expect(scaled(ordering(), order('s1', 's2', 's3', 's4'))).to.equal(1);
    expect(scaled(ordering(), order('s1', 's2', 's4', 's3'))).to.equal(0);
    expect(scaled(ordering(), order('s1', 's2', 's3'))).to.equal(0);
    expect(scaled(ordering(), order('s1', 's2', 's3', 's4', 's5'))).to.equal(0);
  });

  it('gives the fraction of right positions with perPosition', () => {
    const item = ordering('perPosition');
    expect(scaled(item, order('s1', 's2', 's3', 's4'))).to.equal(1);
    expect(scaled(item, order('s1', 's2', 's4', 's3'))).to.equal(0.5);
    expect(scaled(item, order('s4', 's3', 's2', 's1'))).to.equal(0);
    expect(scaled(item, order('s2', 's1', 's3', 's4'))).to.equal(0.5);
  });

  it('scores a malformed order on its positions as given, never above 1', () => {
    const item = ordering('perPosition');
    expect(scaled(item, order('s1', 's2'))).to.equal(0.5);
    expect(scaled(item, order('s1', 's1', 's3', 's3'))).to.equal(0.5);
    expect(scaled(item, order())).to.equal(0);
    // extra ids widen the denominator: only the key itself earns full marks
    expect(scaled(item, order('s1', 's2', 's3', 's4', 's4'))).to.equal(0.8);
    expect(scoreItem(item, order('s1', 's2', 's3', 's4', 'zzz')).correct).to.equal(false);
  });
});

describe('scoreItem: shortText', () => {
  const text = (value: string): Response => ({ type: 'shortText', text: value });

  it('accepts any accepted answer, ignoring outer and repeated whitespace', () => {
    expect(scaled(shortText(), text('debt bondage'))).to.equal(1);
    expect(scaled(shortText(), text('  debt \t\n  bondage  '))).to.equal(1);
    expect(scaled(shortText(), text('debt\u00a0bondage'))).to.equal(1);
    expect(scaled(shortText(), text('café crème'))).to.equal(1);
    expect(scaled(shortText(), text('debtbondage'))).to.equal(0);
    expect(scaled(shortText(), text(''))).to.equal(0);
  });

  it('ignores case unless caseSensitive', () => {
    expect(scaled(shortText(), text('DEBT Bondage'))).to.equal(1);
    expect(scaled(shortText({ caseSensitive: false }), text('Debt Bondage'))).to.equal(1);
    expect(scaled(shortText({ caseSensitive: true }), text('Debt Bondage'))).to.equal(0);
    expect(scaled(shortText({ caseSensitive: true }), text('debt bondage'))).to.equal(1);
  });

  it('ignores diacritics by default and keeps them when ignoreDiacritics is false', () => {
    expect(scaled(shortText(), text('cafe creme'))).to.equal(1);
    expect(scaled(shortText(), text('débt bóndage'))).to.equal(1);
    expect(scaled(shortText({ ignoreDiacritics: false }), text('cafe creme'))).to.equal(0);
    expect(scaled(shortText({ ignoreDiacritics: false }), text('café crème'))).to.equal(1);
  });

  it('compares composed and decomposed spellings as the same text', () => {
    const decomposed = 'Cafe\u0301 cre\u0300me';
    expect(scaled(shortText({ ignoreDiacritics: false }), text(decomposed))).to.equal(1);
    expect(
      scaled(shortText({ ignoreDiacritics: false, caseSensitive: true }), text(decomposed)),
    ).to.equal(1);
  });
});

describe('normalizeAnswer', () => {
  it('trims, collapses whitespace, folds case and strips diacritics as asked', () => {
    const loose = { caseSensitive: false, ignoreDiacritics: true };
    const strict = { caseSensitive: true, ignoreDiacritics: false };
    expect(normalizeAnswer('  Crème   Brûlée ', loose)).to.equal('creme brulee');
    expect(normalizeAnswer('  Crème   Brûlée ', strict)).to.equal('Crème Brûlée');
    expect(normalizeAnswer('Cre\u0300me', strict)).to.equal('Crème');
    expect(normalizeAnswer('STRASSE', loose)).to.equal(normalizeAnswer('Straße', loose));
  });
});

describe('scoreItem: spotting', () => {
  const mark = (...cueIds: string[]): Response => ({ type: 'spotting', cueIds });

  it('gives (hits − false alarms) / indicators', () => {
    expect(scaled(spotting, mark('c1', 'c2', 'c3', 'c4'))).to.equal(1);
    expect(scaled(spotting, mark('c1', 'c2', 'c3'))).to.equal(0.75);
    expect(scaled(spotting, mark('c1', 'c2', 'c3', 'c5'))).to.equal(0.5);
    expect(scaled(spotting, mark('c1', 'c2', 'c3', 'c4', 'c5', 'c6'))).to.equal(0.5);
  });

  it('floors at 0', () => {
    expect(scaled(spotting, mark('c1', 'c5', 'c6'))).to.equal(0);
    expect(scaled(spotting, mark('c5'))).to.equal(0);
    expect(scaled(spotting, mark())).to.equal(0);
  });

  it('counts unknown ids as false alarms and duplicates once', () => {
    expect(scaled(spotting, mark('c1', 'c2', 'c3', 'c4', 'zzz'))).to.equal(0.75);
    expect(scaled(spotting, mark('c1', 'c1', 'c2', 'c2'))).to.equal(0.5);
    expect(scaled(spotting, mark('c1', 'c2', 'c5', 'c5'))).to.equal(0.25);
  });
});

describe('totalScore', () => {
  it('sums raw, min and max and scales the sum', () => {
    const total = totalScore([
      { raw: 1, min: 0, max: 2, scaled: 0.5 },
      { raw: 3, min: 0, max: 3, scaled: 1 },
      { raw: 0, min: 0, max: 0, scaled: 0 },
    ]);
    expect(total).to.deep.equal({ raw: 4, min: 0, max: 5, scaled: 0.8 });
    expect(totalScore([{ raw: 0, min: -2, max: 2, scaled: 0.5 }]).scaled).to.equal(0.5);
  });

  it('scales to 0 when there is nothing to score', () => {
    expect(totalScore([])).to.deep.equal({ raw: 0, min: 0, max: 0, scaled: 0 });
    expect(totalScore([{ raw: 0, min: 0, max: 0, scaled: 0 }]).scaled).to.equal(0);
  });
});

describe('keyFor', () => {
  it('gives the key of every item type', () => {
    expect(keyFor(single)).to.deep.equal({ type: 'single', optionId: 'b' });
    expect(keyFor(multiple())).to.deep.equal({ type: 'multiple', optionIds: ['a', 'b', 'c'] });
    expect(keyFor(trueFalse)).to.deep.equal({ type: 'trueFalse', value: false });
    expect(keyFor(matching())).to.deep.equal({
      type: 'matching',
      matches: { p1: 'uno', p2: 'dos', p3: 'tres', p4: 'cuatro' },
    });
    expect(keyFor(ordering())).to.deep.equal({ type: 'ordering', order: ['s1', 's2', 's3', 's4'] });
    expect(keyFor(shortText())).to.deep.equal({ type: 'shortText', text: 'debt bondage' });
    expect(keyFor(spotting)).to.deep.equal({ type: 'spotting', cueIds: ['c1', 'c2', 'c3', 'c4'] });
  });
});

// ── properties ────────────────────────────────────────────────────────────────────────────

const ID = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,5}$/);
const TEXT = fc.string({ minLength: 1, maxLength: 12 });
const WORD = fc.string({
  unit: fc.constantFrom('a', 'B', 'e', 'É', 'e\u0301', 'ß', 'İ', 'Ω', ' ', '\t'),
  minLength: 1,
  maxLength: 8,
});
const positiveWeight = fc.oneof(
  fc.constant(undefined),
  fc.integer({ min: 1, max: 100 }),
  fc.double({ min: 0.01, max: 100, noNaN: true }),
);
const anyWeight = fc.oneof(positiveWeight, fc.constant(0));

const idList = (max: number) => fc.uniqueArray(ID, { minLength: 2, maxLength: max });
const flagsFor = (n: number) =>
  fc.array(fc.boolean(), { minLength: n, maxLength: n }).filter((flags) => flags.includes(true));
const permutation = <T>(values: readonly T[]) =>
  fc.shuffledSubarray([...values], { minLength: values.length, maxLength: values.length });

const itemArbitrary: fc.Arbitrary<Item> = fc.oneof(
  idList(8).chain((ids) =>
    fc.nat({ max: ids.length - 1 }).map((k): Item => ({
      type: 'single',
      id: 'single',
      ...common,
      options: ids.map((id, i) => (i === k ? { id, text: id, correct: true } : { id, text: id })),
    })),
  ),
  idList(8).chain((ids) =>
    fc
      .tuple(flagsFor(ids.length), fc.constantFrom('allOrNothing', 'partial', undefined))
      .map(([flags, scoring]): Item => ({
        type: 'multiple',
        id: 'multiple',
        ...common,
        ...(scoring ? { scoring } : {}),
        options: ids.map((id, i) => ({ id, text: id, correct: flags[i]! })),
      })),
  ),
  fc.boolean().map((answer): Item => ({ type: 'trueFalse', id: 'tf', ...common, answer })),
  idList(6).chain((ids) =>
    fc
      .tuple(
        fc.uniqueArray(TEXT, { minLength: ids.length, maxLength: ids.length + 3 }),
        fc.constantFrom('allOrNothing', 'partial', undefined),
      )
      .map(([texts, scoring]): Item => ({
        type: 'matching',
        id: 'matching',
        ...common,
        ...(scoring ? { scoring } : {}),
        pairs: ids.map((id, i) => ({ id, prompt: id, match: texts[i]! })),
        distractors: texts.slice(ids.length),
      })),
  ),
  idList(6).chain((ids) =>
    fc.constantFrom('allOrNothing', 'perPosition', undefined).map((scoring): Item => ({
      type: 'ordering',
      id: 'ordering',
      ...common,
      ...(scoring ? { scoring } : {}),
      steps: ids.map((id) => ({ id, text: id })),
    })),
  ),
  fc
    .record(
      {
        accepted: fc.array(WORD, { minLength: 1, maxLength: 3 }),
        caseSensitive: fc.boolean(),
        ignoreDiacritics: fc.boolean(),
      },
      { requiredKeys: ['accepted'] },
    )
    .map((fields): Item => ({ type: 'shortText', id: 'short', ...common, ...fields })),
  idList(8).chain((ids) =>
    flagsFor(ids.length).map((flags): Item => ({
      type: 'spotting',
      id: 'spotting',
      ...common,
      scene: 'A scene',
      cues: ids.map((id, i) => ({ id, text: id, indicator: flags[i]! })),
    })),
  ),
);

const weighted = (weights: fc.Arbitrary<number | undefined>) =>
  fc
    .tuple(itemArbitrary, weights)
    .map(([item, weight]): Item => (weight === undefined ? item : { ...item, weight }));

/** Responses of the item's own type built from its own ids and texts, the key among them. */
function knownResponse(item: Item): fc.Arbitrary<Response> {
  const key = fc.constant(keyFor(item));
  switch (item.type) {
    case 'single':
      return fc
        .constantFrom(...item.options.map((option) => option.id))
        .map((optionId): Response => ({ type: 'single', optionId }));
    case 'multiple': {
      const ids = item.options.map((option) => option.id);
      return fc.oneof(
        key,
        fc.subarray(ids).map((optionIds): Response => ({ type: 'multiple', optionIds })),
      );
    }
    case 'trueFalse':
      return fc.boolean().map((value): Response => ({ type: 'trueFalse', value }));
    case 'matching': {
      const texts = [...item.pairs.map((pair) => pair.match), ...(item.distractors ?? [])];
      const chosen = fc.option(fc.constantFrom(...texts), { nil: undefined });
      const n = item.pairs.length;
      return fc.oneof(
        key,
        fc.array(chosen, { minLength: n, maxLength: n }).map((picks): Response => ({
          type: 'matching',
          matches: Object.fromEntries(
            item.pairs.flatMap((pair, i) => (picks[i] === undefined ? [] : [[pair.id, picks[i]]])),
          ),
        })),
      );
    }
    case 'ordering': {
      const ids = item.steps.map((step) => step.id);
      return fc.oneof(
        key,
        permutation(ids).map((order): Response => ({ type: 'ordering', order })),
        fc
          .array(fc.constantFrom(...ids), { maxLength: ids.length + 1 })
          .map((order): Response => ({ type: 'ordering', order })),
      );
    }
    case 'shortText':
      return fc
        .oneof(
          fc.constantFrom(...item.accepted),
          fc.constantFrom(...item.accepted).map((text) => ` ${text.toUpperCase()}  `),
          WORD,
        )
        .map((text): Response => ({ type: 'shortText', text }));
    case 'spotting': {
      const ids = item.cues.map((cue) => cue.id);
      return fc.oneof(
        key,
        fc.subarray(ids).map((cueIds): Response => ({ type: 'spotting', cueIds })),
      );
    }
  }
}

const anyResponse: fc.Arbitrary<Response> = fc.oneof(
  ID.map((optionId): Response => ({ type: 'single', optionId })),
  fc.array(ID).map((optionIds): Response => ({ type: 'multiple', optionIds })),
  fc.boolean().map((value): Response => ({ type: 'trueFalse', value })),
  fc.dictionary(ID, TEXT).map((matches): Response => ({ type: 'matching', matches })),
  fc.array(ID).map((order): Response => ({ type: 'ordering', order })),
  fc.string().map((text): Response => ({ type: 'shortText', text })),
  fc.array(ID).map((cueIds): Response => ({ type: 'spotting', cueIds })),
);

/** Known ids mixed with unknown ones and repeated, or another type, or nothing. */
function wildResponse(item: Item): fc.Arbitrary<Response | undefined> {
  const ids = (() => {
    switch (item.type) {
      case 'single':
      case 'multiple':
        return item.options.map((option) => option.id);
      case 'ordering':
        return item.steps.map((step) => step.id);
      case 'spotting':
        return item.cues.map((cue) => cue.id);
      case 'matching':
        return item.pairs.map((pair) => pair.id);
      default:
        return ['x'];
    }
  })();
  const mixed = fc.array(fc.oneof(fc.constantFrom(...ids), ID), { maxLength: ids.length + 3 });
  const sameType: fc.Arbitrary<Response> = mixed.map((list): Response => {
    switch (item.type) {
      case 'multiple':
        return { type: 'multiple', optionIds: list };
      case 'ordering':
        return { type: 'ordering', order: list };
      case 'spotting':
        return { type: 'spotting', cueIds: list };
      case 'matching':
        return { type: 'matching', matches: Object.fromEntries(list.map((id) => [id, id])) };
      default:
        return { type: 'single', optionId: list[0] ?? '' };
    }
  });
  return fc.oneof(knownResponse(item), sameType, anyResponse, fc.constant(undefined));
}

const sameSet = (a: readonly string[], b: readonly string[]) => {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((value) => right.has(value));
};

/** Whether a response says what the key says, decided apart from the scoring rules. */
function isKey(item: Item, response: Response): boolean {
  const key = keyFor(item);
  if (key.type === 'single' && response.type === 'single') {
    return key.optionId === response.optionId;
  }
  if (key.type === 'multiple' && response.type === 'multiple') {
    return sameSet(key.optionIds, response.optionIds);
  }
  if (key.type === 'trueFalse' && response.type === 'trueFalse') {
    return key.value === response.value;
  }
  if (key.type === 'matching' && response.type === 'matching') {
    return Object.entries(key.matches).every(
      ([id, text]) => Object.hasOwn(response.matches, id) && response.matches[id] === text,
    );
  }
  if (key.type === 'ordering' && response.type === 'ordering') {
    return (
      key.order.length === response.order.length &&
      key.order.every((id, i) => response.order[i] === id)
    );
  }
  if (key.type === 'spotting' && response.type === 'spotting') {
    return sameSet(key.cueIds, response.cueIds);
  }
  if (item.type === 'shortText' && response.type === 'shortText') {
    const options = {
      caseSensitive: item.caseSensitive ?? false,
      ignoreDiacritics: item.ignoreDiacritics ?? true,
    };
    const given = normalizeAnswer(response.text, options);
    return item.accepted.some((answer) => normalizeAnswer(answer, options) === given);
  }
  return false;
}

/** The same item with its options, cues, pairs, distractors or answers in another order. */
function permuted(item: Item): fc.Arbitrary<Item> {
  switch (item.type) {
    case 'single':
      return permutation(item.options).map((options): Item => ({ ...item, options }));
    case 'multiple':
      return permutation(item.options).map((options): Item => ({ ...item, options }));
    case 'spotting':
      return permutation(item.cues).map((cues): Item => ({ ...item, cues }));
    case 'matching':
      return fc
        .tuple(permutation(item.pairs), permutation(item.distractors ?? []))
        .map(([pairs, distractors]): Item => ({ ...item, pairs, distractors }));
    case 'shortText':
      return permutation(item.accepted).map((accepted): Item => ({ ...item, accepted }));
    case 'trueFalse':
    case 'ordering':
      return fc.constant(item);
  }
}

function permutedResponse(response: Response | undefined): fc.Arbitrary<Response | undefined> {
  switch (response?.type) {
    case 'multiple':
      return permutation(response.optionIds).map((optionIds) => ({ ...response, optionIds }));
    case 'spotting':
      return permutation(response.cueIds).map((cueIds) => ({ ...response, cueIds }));
    case 'matching':
      return permutation(Object.entries(response.matches)).map((entries) => ({
        ...response,
        matches: Object.fromEntries(entries),
      }));
    default:
      return fc.constant(response);
  }
}

describe('scoreItem: properties', () => {
  it('stays within [min, max] with scaled in [0, 1], whatever the response', () => {
    fc.assert(
      fc.property(
        weighted(anyWeight).chain((item) => fc.tuple(fc.constant(item), wildResponse(item))),
        ([item, response]) => {
          const score = scoreItem(item, response);
          expect(score.min).to.equal(0);
          expect(score.max).to.equal(item.weight ?? 1);
          expect(score.raw).to.be.within(score.min, score.max);
          expect(score.scaled).to.be.within(0, 1);
          expect(score.raw).to.equal(score.scaled * score.max);
          expect(score.correct).to.equal(score.scaled === 1);
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('does not depend on the order of options, cues, pairs or ids', () => {
    fc.assert(
      fc.property(
        weighted(anyWeight).chain((item) =>
          wildResponse(item).chain((response) =>
            fc.tuple(
              fc.constant(item),
              fc.constant(response),
              permuted(item),
              permutedResponse(response),
            ),
          ),
        ),
        ([item, response, otherItem, otherResponse]) => {
          expect(scoreItem(otherItem, otherResponse)).to.deep.equal(scoreItem(item, response));
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('gives full marks to the key', () => {
    fc.assert(
      fc.property(weighted(positiveWeight), (item) => {
        const score = scoreItem(item, keyFor(item));
        expect(score.correct).to.equal(true);
        expect(score.raw).to.equal(score.max);
      }),
    );
  });

  it('gives full marks if and only if the response is equivalent to the key', () => {
    fc.assert(
      fc.property(
        weighted(positiveWeight).chain((item) => fc.tuple(fc.constant(item), knownResponse(item))),
        ([item, response]) => {
          expect(scoreItem(item, response).correct).to.equal(isKey(item, response));
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
