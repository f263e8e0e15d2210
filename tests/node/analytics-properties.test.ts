/**
 * Properties over arbitrary datasets: no analysis throws or yields NaN, every rate stays in
 * [0, 1], correlations in [−1, 1], on empty sets, one learner, all right, all wrong and random
 * records (including records that name no module and attempts without responses).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  analyse,
  emptyDataset,
  generateDataset,
  mergeDatasets,
  type AnalyticsReport,
  type Dataset,
} from '../../src/analytics/index.ts';
import type {
  AttemptRecord,
  DecisionRecord,
  ItemResponseRecord,
} from '../../src/storage/records.ts';

/** Every number in the report is finite; every field named as a share lies in [0, 1]. */
function assertSound(report: AnalyticsReport): void {
  const shareKeys = new Set([
    'facility',
    'share',
    'criticalRate',
    'completionRate',
    'passRate',
    'meanScore',
    'medianScore',
    'score',
    'bestScore',
    'lastScore',
    'gradedScore',
    'mastery',
    'itemMastery',
    'decisionMastery',
    'from',
    'to',
  ]);
  const correlations = new Set([
    'discriminationIndex',
    'pointBiserial',
    'correctedPointBiserial',
    'discriminationEfficiency',
  ]);
  const walk = (value: unknown, key: string): void => {
    if (typeof value === 'number') {
      assert.ok(Number.isFinite(value), `${key} is ${value}`);
      if (shareKeys.has(key)) assert.ok(value >= 0 && value <= 1, `${key} = ${value}`);
      if (correlations.has(key)) assert.ok(value >= -1 && value <= 1, `${key} = ${value}`);
      if (key === 'count' || key === 'responses' || key === 'learners')
        assert.ok(Number.isInteger(value) && value >= 0);
      return;
    }
    if (Array.isArray(value)) value.forEach((item) => walk(item, key));
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, k);
    }
  };
  walk(report, 'report');
}

const policy: AttemptRecord['policy'] = {
  passMark: 50,
  attempts: 0,
  grading: 'best',
  feedback: 'immediate',
  timeLimit: null,
  itemAttempts: 1,
};

const id = fc.constantFrom('a', 'b', 'c', 'd');
const time = fc.integer({ min: 0, max: 1_000_000 });

const attemptArb = fc.record({
  learner: id,
  activity: fc.constantFrom('quiz', 'scenario'),
  attempt: fc.integer({ min: 1, max: 3 }),
  status: fc.constantFrom('in-progress', 'passed', 'failed', 'completed'),
  scaled: fc.double({ min: 0, max: 1, noNaN: true }),
  startedAt: fc.option(time, { nil: undefined }),
  endedAt: fc.option(time, { nil: undefined }),
  outcome: fc.constantFrom('good', 'mixed', 'harmful'),
});

const responseArb = fc.record({
  learner: id,
  attempt: fc.integer({ min: 1, max: 3 }),
  item: fc.constantFrom('i1', 'i2', 'i3'),
  scaled: fc.constantFrom(0, 0.5, 1),
  decision: fc.boolean(),
  critical: fc.boolean(),
  delta: fc.integer({ min: -3, max: 3 }),
  at: time,
  tag: fc.constantFrom('concept:x', 'indicator:y'),
});

interface AttemptInput {
  readonly learner: string;
  readonly activity: string;
  readonly attempt: number;
  readonly status: string;
  readonly scaled: number;
  readonly startedAt: number | undefined;
  readonly endedAt: number | undefined;
  readonly outcome: string;
}
interface ResponseInput {
  readonly learner: string;
  readonly attempt: number;
  readonly item: string;
  readonly scaled: number;
  readonly decision: boolean;
  readonly critical: boolean;
  readonly delta: number;
  readonly at: number;
  readonly tag: string;
}

function build(attempts: readonly AttemptInput[], responses: readonly ResponseInput[]): Dataset {
  const common = (learner: string) => ({
    learnerId: learner,
    moduleId: 'm',
    version: '1.0.0',
    runId: `r-${learner}`,
  });
  const attemptRecords: AttemptRecord[] = attempts.map((a) => ({
    ...common(a.learner),
    id: `${a.learner}|${a.activity}|${a.attempt}`,
    activityId: a.activity,
    kind: a.activity === 'quiz' ? 'quiz' : 'scenario',
    attempt: a.attempt,
    status: a.status as AttemptRecord['status'],
    policy,
    ...(a.startedAt === undefined ? {} : { startedAt: a.startedAt }),
    ...(a.endedAt === undefined ? {} : { endedAt: a.endedAt }),
    score: { raw: a.scaled, min: 0, max: 1, scaled: a.scaled },
    ...(a.status === 'in-progress'
      ? {}
      : { passed: a.scaled >= 0.5, endingId: a.outcome, outcome: a.outcome as 'good' }),
  }));
  const responseRecords = responses.map((r, index): ItemResponseRecord | DecisionRecord => {
    const kind = r.decision ? 'scenario' : 'quiz';
    const base = {
      ...common(r.learner),
      id: `resp-${index}`,
      activityId: kind,
      attempt: r.attempt,
      attemptId: `${r.learner}|${kind}|${r.attempt}`,
      at: r.at,
      tags: [r.tag],
    };
    return r.decision
      ? {
          ...base,
          kind: 'decision',
          sceneId: r.item,
          choiceId: `${r.item}-${r.delta}`,
          scoreDelta: r.delta,
          total: r.delta,
          critical: r.critical,
        }
      : {
          ...base,
          kind: 'item',
          itemId: r.item,
          response: { type: 'single', optionId: r.scaled === 1 ? 'key' : 'other' },
          correct: r.scaled === 1,
          score: { raw: r.scaled, min: 0, max: 1, scaled: r.scaled },
          latency: 10,
        };
  });
  return mergeDatasets({
    ...emptyDataset(),
    learners: ['a', 'b', 'c'].map((learner) => ({ id: learner, name: learner, createdAt: 0 })),
    attempts: attemptRecords,
    responses: responseRecords,
  });
}

const selections = fc.constantFrom('first', 'last', 'all') as fc.Arbitrary<
  'first' | 'last' | 'all'
>;

describe('analytics properties', () => {
  test('an empty dataset gives empty tables', () => {
    const report = analyse(emptyDataset());
    assert.deepEqual(report, { learners: [], modules: [], items: [], scenarios: [], tags: [] });
  });

  test('random records: no throw, no NaN, rates in [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.array(attemptArb, { maxLength: 12 }),
        fc.array(responseArb, { maxLength: 40 }),
        selections,
        fc.boolean(),
        (attempts, responses, selection, includeUnfinished) => {
          assertSound(
            analyse(build(attempts, responses), { attempts: selection, includeUnfinished }),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  test('one learner, everyone right, everyone wrong: statistics undefined are null', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.constantFrom(0, 1), (learners, value) => {
        const attempts = Array.from({ length: learners }, (_, l) => ({
          learner: `l${l}`,
          activity: 'quiz',
          attempt: 1,
          status: 'passed',
          scaled: value,
          startedAt: 0,
          endedAt: 1,
          outcome: 'good',
        }));
        const responses = attempts.flatMap((a) =>
          ['i1', 'i2'].map((item) => ({
            learner: a.learner,
            attempt: 1,
            item,
            scaled: value,
            decision: false,
            critical: false,
            delta: 0,
            at: 0,
            tag: 'concept:x',
          })),
        );
        const report = analyse(build(attempts, responses));
        assertSound(report);
        for (const item of report.items) {
          assert.equal(item.facility, value);
          assert.equal(item.pointBiserial, null);
          assert.equal(item.correctedPointBiserial, null);
          // Every total is the same: no upper and lower group to compare.
          assert.equal(item.discriminationIndex, null);
          assert.equal(item.sd, learners > 1 ? 0 : null);
        }
      }),
      { numRuns: 40 },
    );
  });

  test('generated datasets of any size and seed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer(),
        selections,
        (learners, items, scenes, attemptsPerLearner, seed, selection) => {
          const dataset = generateDataset({ learners, items, scenes, attemptsPerLearner, seed });
          const report = analyse(dataset, { attempts: selection });
          assertSound(report);
          // A module without records is not listed.
          assert.equal(report.items.length, learners ? items : 0);
          for (const item of report.items) {
            const expected = selection === 'all' ? learners * attemptsPerLearner : learners;
            assert.equal(item.responses, expected);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
