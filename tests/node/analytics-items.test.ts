/**
 * Item analysis against numbers worked out by hand and against two published worked examples.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  analyseItems,
  discriminationIndex,
  mergeDatasets,
  emptyDataset,
  parseResults,
  type Dataset,
  type ItemAnalysis,
} from '../../src/analytics/index.ts';
import type { Module } from '../../src/content/schema.ts';
import type { AttemptRecord, ItemResponseRecord } from '../../src/storage/records.ts';
import { classResults, MODULE } from '../fixtures/analytics/class-of-ten.ts';

const close = (actual: number | null, expected: number, digits = 3) => {
  assert.notEqual(actual, null);
  assert.ok(
    Math.abs(actual! - expected) < 10 ** -digits,
    `expected ${expected}, got ${String(actual)}`,
  );
};

function classDataset(): Dataset {
  const parsed = parseResults(JSON.stringify(classResults()));
  assert.ok(parsed.ok);
  return { ...parsed.dataset, modules: [MODULE as Module] };
}

const byId = (rows: readonly ItemAnalysis[], id: string) => rows.find((row) => row.itemId === id)!;

describe('item analysis of the class of ten (first attempts)', () => {
  /*
   * By hand, from the matrix in class-of-ten.ts. n = 10; totals 4 4 4 3 3 2 2 1 1 1:
   * mean 2.5, Σ(t − 2.5)² = 3·2.25 + 2·0.25 + 2·0.25 + 3·2.25 = 14.5, population SD
   * St = √(14.5 / 10) = 1.20416. Groups: round(0.27 · 10) = 3, upper L01–L03 (total 4),
   * lower L08–L10 (total 1); no tie crosses either boundary.
   *
   * Facility p = correct / 10. SD (n − 1) of a 0/1 item = √(p q · 10 / 9).
   * D = upper correct / 3 − lower correct / 3.
   * Point-biserial r = (Mp − Mq) / St · √(p q), Mp / Mq = mean total of those right / wrong.
   *
   *       p    SD                    U    L    D       Mp              Mq             r
   *  I1  0.7  √(.21·10/9) = .48305  3/3  0/3  1       22/7 = 3.1429   3/3 = 1.0      2.1429/1.20416·√.21 = .81549
   *  I2  0.5  √(.25·10/9) = .52705  3/3  0/3  1       17/5 = 3.4      8/5 = 1.6      1.8/1.20416·.5 = .74741
   *  I3  0.6  √(.24·10/9) = .51640  2/3  3/3  −1/3    14/6 = 2.3333   11/4 = 2.75    −.41667/1.20416·√.24 = −.16952
   *  I4  0.1  √(.09·10/9) = .31623  1/3  0/3  1/3     4               21/9 = 2.3333  1.6667/1.20416·.3 = .41523
   *  I5  0.6  √(.24·10/9) = .51640  3/3  0/3  1       20/6 = 3.3333   5/4 = 1.25     2.0833/1.20416·√.24 = .84758
   *
   * Corrected (item against total − item), e.g. I3: rest = 4 3 3 3 2 2 2 0 0 0 for
   * L01…L10 in that order minus the item, r = −.50483; I1: .60075.
   */
  const items = analyseItems(classDataset());

  test('lists the module’s five items in order with their prompts and types', () => {
    assert.deepEqual(
      items.map((row) => [row.itemId, row.itemType, row.prompt, row.responses]),
      [1, 2, 3, 4, 5].map((n) => [`i${n}`, 'single', `Question ${n}`, 10]),
    );
  });

  test('facility and standard deviation', () => {
    const expected = [
      [0.7, 0.48305],
      [0.5, 0.52705],
      [0.6, 0.5164],
      [0.1, 0.31623],
      [0.6, 0.5164],
    ] as const;
    expected.forEach(([facility, sd], index) => {
      const row = items[index]!;
      close(row.facility, facility, 9);
      close(row.sd, sd, 4);
      assert.equal(row.correct, Math.round(facility * 10));
    });
  });

  test('discrimination index: upper 27 % minus lower 27 %', () => {
    [1, 1, -1 / 3, 1 / 3, 1].forEach((d, index) => close(items[index]!.discriminationIndex, d, 9));
  });

  test('point-biserial and corrected point-biserial', () => {
    [0.81549, 0.74741, -0.16952, 0.41523, 0.84758].forEach((r, index) =>
      close(items[index]!.pointBiserial, r, 4),
    );
    close(byId(items, 'i3').correctedPointBiserial, -0.50483, 4);
    close(byId(items, 'i1').correctedPointBiserial, 0.60075, 4);
  });

  test('distractor counts per option, key marked', () => {
    assert.deepEqual(
      byId(items, 'i4').options.map((o) => [o.id, o.correct, o.count, o.share]),
      [
        ['a', true, 1, 0.1],
        ['b', false, 7, 0.7],
        ['c', false, 2, 0.2],
      ],
    );
    assert.equal(byId(items, 'i4').options[1]!.text, 'Distractor 4b');
  });

  test('flags: too hard below 0.2, negative discrimination; 0.9 boundary not too easy', () => {
    assert.deepEqual(
      items.map((row) => row.flags),
      [[], [], ['negative-discrimination'], ['too-hard'], []],
    );
  });

  test('`all` attempts adds L10’s second, all-correct attempt; `first` does not', () => {
    const all = analyseItems(classDataset(), { attempts: 'all' });
    assert.equal(byId(all, 'i1').responses, 11);
    close(byId(all, 'i1').facility, 8 / 11, 9);
    const last = analyseItems(classDataset(), { attempts: 'last' });
    assert.equal(byId(last, 'i1').responses, 10);
    close(byId(last, 'i1').facility, 0.8, 9);
  });

  test('a retried item counts its last answer only', () => {
    const dataset = classDataset();
    const first = dataset.responses.find(
      (r): r is ItemResponseRecord =>
        r.kind === 'item' && r.learnerId === 'L08' && r.itemId === 'i1',
    )!;
    const retry: ItemResponseRecord = {
      ...first,
      id: 'retry',
      at: first.at + 1_000,
      response: { type: 'single', optionId: 'a' },
      correct: true,
      score: { raw: 1, min: 0, max: 1, scaled: 1 },
    };
    const rows = analyseItems({ ...dataset, responses: [...dataset.responses, retry] });
    assert.equal(byId(rows, 'i1').responses, 10);
    close(byId(rows, 'i1').facility, 0.8, 9);
  });
});

/** Builds a dataset from a 0/1 matrix: one single-choice item per column, one attempt per row. */
function matrixDataset(rows: readonly (readonly number[])[], weights?: readonly number[]): Dataset {
  const attempts: AttemptRecord[] = [];
  const responses: ItemResponseRecord[] = [];
  rows.forEach((row, r) => {
    const learnerId = `s${String(r).padStart(2, '0')}`;
    const id = `${learnerId}|q|1`;
    const common = { learnerId, moduleId: 'm', version: '1.0.0', runId: learnerId };
    attempts.push({
      ...common,
      id,
      activityId: 'q',
      kind: 'quiz',
      attempt: 1,
      status: 'passed',
      policy: {
        passMark: 0,
        attempts: 0,
        grading: 'best',
        feedback: 'immediate',
        timeLimit: null,
        itemAttempts: 1,
      },
      startedAt: 0,
      endedAt: 1,
    });
    row.forEach((value, c) => {
      const max = weights?.[c] ?? 1;
      const scaled = value / max;
      responses.push({
        ...common,
        id: `${id}|${c}`,
        kind: 'item',
        activityId: 'q',
        attempt: 1,
        attemptId: id,
        itemId: `q${String(c + 1).padStart(2, '0')}`,
        response: { type: 'single', optionId: scaled === 1 ? 'key' : 'other' },
        correct: scaled === 1,
        score: { raw: value, min: 0, max, scaled },
        tags: [],
        at: c,
        latency: 1,
      });
    });
  });
  return mergeDatasets(emptyDataset(), { ...emptyDataset(), attempts, responses });
}

describe('published worked examples', () => {
  test('difficulty p and discrimination D of an item analysis worksheet (halves)', () => {
    /*
     * "Item Analysis Worksheet", https://studylib.net/doc/25270846/item-anaylsis- : ten students,
     * ten questions, upper half (Joe, Dave, Sujie, Darrell, Eliza) against lower half; the answer
     * key gives p and D per question. Totals from the matrix: 10 9 7 7 7 6 6 5 5 3 (the sheet's
     * 100 90 70 70 70 60 60 50 50 30 %), so the halves split between 7 and 6.
     */
    const worksheet = [
      [1, 1, 1, 1, 1, 1, 1, 1, 1, 1], // Joe
      [1, 1, 1, 1, 1, 1, 1, 1, 0, 1], // Dave
      [1, 1, 0, 1, 1, 1, 1, 1, 0, 0], // Sujie
      [0, 1, 1, 1, 1, 1, 0, 1, 0, 1], // Darrell
      [1, 1, 1, 0, 1, 1, 1, 0, 0, 1], // Eliza
      [1, 1, 1, 0, 1, 1, 0, 1, 0, 0], // Zoe
      [0, 1, 1, 0, 1, 1, 0, 1, 0, 1], // Grace
      [0, 1, 1, 1, 0, 0, 1, 0, 1, 0], // Hannah
      [1, 1, 1, 0, 1, 0, 0, 0, 0, 1], // Ricky
      [0, 1, 0, 0, 0, 1, 0, 0, 1, 0], // Anita
    ];
    const published = [
      [0.6, 0.4],
      [1, 0],
      [0.8, 0],
      [0.5, 0.6],
      [0.8, 0.4],
      [0.8, 0.4],
      [0.5, 0.6],
      [0.6, 0.4],
      [0.3, -0.2],
      [0.6, 0.4],
    ] as const;
    const rows = analyseItems(matrixDataset(worksheet), { thresholds: { groupShare: 0.5 } });
    assert.equal(rows.length, 10);
    published.forEach(([p, d], index) => {
      close(rows[index]!.facility, p, 9);
      close(rows[index]!.discriminationIndex, d, 9);
    });
    // Question 9, the sheet's item to delete, is flagged; question 2 (p = 1) is too easy.
    assert.ok(rows[8]!.flags.includes('negative-discrimination'));
    assert.deepEqual(rows[1]!.flags, ['too-easy']);
  });

  test('point-biserial of J. D. Brown’s example (whole-test totals)', () => {
    /*
     * J. D. Brown, "Point-biserial correlation coefficients", Shiken: JALT Testing & Evaluation
     * SIG Newsletter, https://hosted.jalt.org/test/bro_12.htm , Table 2: eight students, totals
     * 50 45 45 40 35 30 30 25 (mean 37.50, SD 8.29), items 1–3 shown. Published: item 1
     * r = .91 (Mp 45, Mq 30, p = .5), item 2 r = −.91, item 3 (everyone right) .00 — which
     * this analysis reports as null, since a constant item has no correlation. Items 4, 5, 6…
     * are given here as one item worth the rest of each total (out of 50).
     */
    const totals = [50, 45, 45, 40, 35, 30, 30, 25];
    const item1 = [1, 1, 1, 1, 0, 0, 0, 0];
    const item2 = [0, 0, 0, 0, 1, 1, 1, 1];
    const item3 = [1, 1, 1, 1, 1, 1, 1, 1];
    const matrix = totals.map((total, s) => [
      item1[s]!,
      item2[s]!,
      item3[s]!,
      total - item1[s]! - item2[s]! - item3[s]!,
    ]);
    const rows = analyseItems(matrixDataset(matrix, [1, 1, 1, 50]));
    close(rows[0]!.pointBiserial, 0.91, 2);
    close(rows[1]!.pointBiserial, -0.91, 2);
    assert.equal(rows[2]!.pointBiserial, null);
    assert.equal(rows[2]!.facility, 1);
    assert.equal(rows[2]!.sd, 0);
    // Formula check at full precision: (45 − 30) / 8.2916 · √(.5 · .5) = .90453.
    close(rows[0]!.pointBiserial, 15 / Math.sqrt(68.75) / 2, 9);
  });
});

describe('discriminationIndex', () => {
  const obs = (scores: number[], totals: number[]) =>
    scores.map((score, i) => ({
      score,
      total: totals[i]!,
      learnerId: `l${i}`,
      attemptId: `a${i}`,
    }));

  test('null for fewer than two attempts or equal totals; groups at least one attempt', () => {
    assert.equal(discriminationIndex([], 0.27), null);
    assert.equal(discriminationIndex(obs([1], [3]), 0.27), null);
    assert.equal(discriminationIndex(obs([1, 0, 1], [2, 2, 2]), 0.27), null);
    // n = 2: round(0.54) = 1 per group.
    assert.equal(discriminationIndex(obs([1, 0], [2, 1]), 0.27), 1);
    assert.equal(discriminationIndex(obs([0, 1], [2, 1]), 0.27), -1);
  });
});
