import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { Item, Module, Quiz } from '../../src/content/schema.ts';
import { createRandom, newSeed, shuffle } from '../../src/engine/random.ts';
import { selectItems, type Selection } from '../../src/engine/selection.ts';
import { fixtureJson } from '../helpers/fixtures.ts';

const showcase = await fixtureJson<Module>('modules/showcase/module.json');
const showcaseQuiz = showcase.activities.find(
  (activity): activity is Quiz => activity.type === 'quiz',
)!;

const common = { prompt: 'Prompt', rationale: 'Why' };
const SEED = fc.integer({ min: 0, max: 0xffff_ffff });
const SEEDS = 10_000;
/** The 0.999 quantile of the chi-square distribution with 5 degrees of freedom. */
const CHI_SQUARE_5_999 = 20.52;

const single = (id: string, tags: string[] = [], n = 3): Item => ({
  type: 'single',
  id,
  ...common,
  tags,
  options: Array.from({ length: n }, (_, i) => ({
    id: `${id}-o${i}`,
    text: `Option ${i}`,
    ...(i === 0 ? { correct: true } : {}),
  })),
});

const quiz = (items: Item[], extra: Partial<Quiz> = {}): Quiz => ({
  type: 'quiz',
  id: 'quiz',
  title: 'Quiz',
  items,
  ...extra,
});

const everyType: Item[] = [
  single('s'),
  {
    type: 'multiple',
    id: 'm',
    ...common,
    options: [
      { id: 'm1', text: '1', correct: true },
      { id: 'm2', text: '2' },
      { id: 'm3', text: '3', correct: true },
    ],
  },
  { type: 'trueFalse', id: 'tf', ...common, answer: true },
  {
    type: 'matching',
    id: 'match',
    ...common,
    pairs: [
      { id: 'p1', prompt: 'One', match: 'uno' },
      { id: 'p2', prompt: 'Two', match: 'dos' },
    ],
    distractors: ['tres'],
  },
  {
    type: 'ordering',
    id: 'two-steps',
    ...common,
    steps: [
      { id: 'first', text: 'First' },
      { id: 'second', text: 'Second' },
    ],
  },
  {
    type: 'ordering',
    id: 'four-steps',
    ...common,
    steps: ['a', 'b', 'c', 'd'].map((id) => ({ id, text: id })),
  },
  { type: 'shortText', id: 'st', ...common, accepted: ['yes'] },
  {
    type: 'spotting',
    id: 'spot',
    ...common,
    scene: 'A scene',
    cues: [
      { id: 'c1', text: '1', indicator: true },
      { id: 'c2', text: '2', indicator: false },
      { id: 'c3', text: '3', indicator: true },
    ],
  },
];

/** Six core items, four extra, one tagged with both: the second draw must skip what the first took. */
const pooled = quiz(
  [
    ...['c1', 'c2', 'c3', 'c4', 'c5', 'c6'].map((id) => single(id, ['pool:core'])),
    ...['e1', 'e2', 'e3', 'e4'].map((id) => single(id, ['pool:extra'])),
    single('both', ['pool:core', 'pool:extra']),
  ],
  {
    draw: [
      { tag: 'pool:core', count: 3 },
      { tag: 'pool:extra', count: 2 },
    ],
    shuffleOptions: true,
  },
);

const itemsById = (q: Quiz) => new Map(q.items.map((item) => [item.id, item]));

function chiSquare(counts: readonly number[], expected: number): number {
  return counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
}

/**
 * The selected items can be dealt out so that each draw gets exactly `count` items carrying its
 * tag. By Hall's theorem that holds when every set of draws finds, among the selected items,
 * at least as many carrying one of its tags as the set asks for in all.
 */
function expectValidDraw(q: Quiz, selection: Selection): void {
  const draws = q.draw!;
  const items = itemsById(q);
  const tagsOf = (id: string) => items.get(id)?.tags ?? [];
  expect(new Set(selection.itemIds).size, 'no repeats').to.equal(selection.itemIds.length);
  expect(selection.itemIds).to.have.length(draws.reduce((sum, draw) => sum + draw.count, 0));
  for (let subset = 1; subset < 1 << draws.length; subset++) {
    const chosen = draws.filter((_, i) => subset & (1 << i));
    const wanted = chosen.reduce((sum, draw) => sum + draw.count, 0);
    const available = selection.itemIds.filter((id) =>
      chosen.some((draw) => tagsOf(id).includes(draw.tag)),
    ).length;
    expect(available, chosen.map((draw) => draw.tag).join(' + ')).to.be.at.least(wanted);
  }
}

describe('random', () => {
  it('repeats its stream for a seed and stays in [0, 1)', () => {
    fc.assert(
      fc.property(SEED, (seed) => {
        const a = createRandom(seed);
        const b = createRandom(seed);
        for (let i = 0; i < 20; i++) {
          const value = a();
          expect(value).to.equal(b());
          expect(value).to.be.at.least(0).and.below(1);
        }
      }),
    );
  });

  it('shuffles into a new array holding the same values', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), SEED, (values, seed) => {
        const copy = [...values];
        const result = shuffle(values, createRandom(seed));
        expect(values).to.deep.equal(copy);
        expect(result).to.not.equal(values);
        expect([...result].sort()).to.deep.equal([...values].sort());
      }),
    );
  });

  it('makes fresh unsigned 32-bit seeds', () => {
    const seeds = Array.from({ length: 100 }, newSeed);
    for (const seed of seeds) {
      expect(Number.isInteger(seed)).to.equal(true);
      expect(seed).to.be.at.least(0).and.at.most(0xffff_ffff);
    }
    expect(new Set(seeds).size).to.be.greaterThan(95);
  });
});

describe('selectItems', () => {
  it('presents every item in authored order when nothing is drawn', () => {
    const q = quiz(everyType);
    const selection = selectItems(q, 42);
    expect(selection.itemIds).to.deep.equal(everyType.map((item) => item.id));
    expect(selection.order['s']).to.deep.equal(['s-o0', 's-o1', 's-o2']);
    expect(selection.order['m']).to.deep.equal(['m1', 'm2', 'm3']);
    expect(selection.order['spot']).to.deep.equal(['c1', 'c2', 'c3']);
    expect([...selection.order['match']!].sort()).to.deep.equal(['dos', 'tres', 'uno']);
    expect(selection.order['four-steps']).to.have.members(['a', 'b', 'c', 'd']);
    expect(selection.order).to.not.have.property('tf');
    expect(selection.order).to.not.have.property('st');
  });

  it('is a pure function of quiz and seed', () => {
    fc.assert(
      fc.property(SEED, (seed) => {
        for (const q of [showcaseQuiz, pooled, quiz(everyType, { shuffleOptions: true })]) {
          expect(selectItems(q, seed)).to.deep.equal(selectItems(q, seed));
        }
      }),
    );
  });

  it('draws differently for different seeds', () => {
    for (const q of [showcaseQuiz, pooled]) {
      const seen = new Set<string>();
      for (let seed = 0; seed < 100; seed++) seen.add(JSON.stringify(selectItems(q, seed)));
      expect(seen.size, q.id).to.be.greaterThan(95);
    }
    const itemLists = new Set<string>();
    for (let seed = 0; seed < 100; seed++) itemLists.add(selectItems(pooled, seed).itemIds.join());
    expect(itemLists.size).to.be.greaterThan(90);
  });

  it('respects every pool tag and count and never repeats an item', () => {
    fc.assert(
      fc.property(SEED, (seed) => {
        expectValidDraw(showcaseQuiz, selectItems(showcaseQuiz, seed));
        expectValidDraw(pooled, selectItems(pooled, seed));
      }),
      { numRuns: 500 },
    );
  });

  it('gives a draw what an earlier, overlapping draw left', () => {
    const q = quiz([single('a', ['x', 'y']), single('b', ['x', 'y']), single('c', ['y'])], {
      draw: [
        { tag: 'x', count: 2 },
        { tag: 'y', count: 2 },
      ],
    });
    for (let seed = 0; seed < 20; seed++) {
      expect([...selectItems(q, seed).itemIds].sort()).to.deep.equal(['a', 'b', 'c']);
    }
  });

  it('shuffles options and cues only when shuffleOptions is set', () => {
    const plain = quiz(everyType);
    const shuffled = quiz(everyType, { shuffleOptions: true });
    const optionOrders = new Set<string>();
    for (let seed = 0; seed < 100; seed++) {
      expect(selectItems(plain, seed).order['s']).to.deep.equal(['s-o0', 's-o1', 's-o2']);
      const order = selectItems(shuffled, seed).order;
      expect(order['m']).to.have.members(['m1', 'm2', 'm3']);
      expect(order['spot']).to.have.members(['c1', 'c2', 'c3']);
      optionOrders.add(order['s']!.join());
    }
    expect(optionOrders.size).to.equal(6);
  });

  it('always shuffles the match texts', () => {
    const orders = new Set<string>();
    for (let seed = 0; seed < 100; seed++) {
      const order = selectItems(quiz(everyType), seed).order['match']!;
      expect(order).to.have.members(['uno', 'dos', 'tres']);
      orders.add(order.join());
    }
    expect(orders.size).to.equal(6);
  });

  it('never presents ordering steps in key order', () => {
    fc.assert(
      fc.property(SEED, fc.boolean(), (seed, shuffleOptions) => {
        const order = selectItems(quiz(everyType, { shuffleOptions }), seed).order;
        expect(order['two-steps']).to.deep.equal(['second', 'first']);
        expect(order['four-steps']).to.have.members(['a', 'b', 'c', 'd']);
        expect(order['four-steps']).to.not.deep.equal(['a', 'b', 'c', 'd']);
        const showcaseOrder = selectItems(showcaseQuiz, seed).order['q-first-steps'];
        if (showcaseOrder) {
          expect(showcaseOrder).to.not.deep.equal([
            'note',
            'second-line',
            'separate',
            'interpreter',
            'questions',
            'refer',
          ]);
        }
      }),
      { numRuns: 1_000 },
    );
  });
});

describe('selectItems: uniform over seeds (chi-square, p = 0.001)', () => {
  const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
  const draw2of6 = quiz(
    ids.map((id) => single(id, ['pool:six'])),
    { draw: [{ tag: 'pool:six', count: 2 }] },
  );
  const selections = Array.from({ length: SEEDS }, (_, seed) => selectItems(draw2of6, seed));

  it('draws each of 6 items equally often', () => {
    const counts = ids.map(
      (id) => selections.filter((selection) => selection.itemIds.includes(id)).length,
    );
    expect(chiSquare(counts, (SEEDS * 2) / 6)).to.be.below(CHI_SQUARE_5_999);
  });

  it('puts each item first equally often', () => {
    const counts = ids.map(
      (id) => selections.filter((selection) => selection.itemIds[0] === id).length,
    );
    expect(chiSquare(counts, SEEDS / 6)).to.be.below(CHI_SQUARE_5_999);
  });

  it('gives each of the 6 orders of 3 options equally often', () => {
    const threeOptions = quiz([single('q', [], 3)], { shuffleOptions: true });
    const counts = new Map<string, number>();
    for (let seed = 0; seed < SEEDS; seed++) {
      const key = selectItems(threeOptions, seed).order['q']!.join();
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).to.equal(6);
    expect(chiSquare([...counts.values()], SEEDS / 6)).to.be.below(CHI_SQUARE_5_999);
  });
});
