/**
 * Learner, module, scenario and tag summaries of the class of ten (tests/fixtures/analytics),
 * reading results files, merging them, and the synthetic generator at 1,000 × 100.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  analyse,
  analyseScenarios,
  generateDataset,
  mergeDatasets,
  parseResults,
  summariseLearners,
  summariseModules,
  tagMastery,
  type Dataset,
} from '../../src/analytics/index.ts';
import type { Module } from '../../src/content/schema.ts';
import { classResults, MODULE } from '../fixtures/analytics/class-of-ten.ts';

function classDataset(): Dataset {
  const parsed = parseResults(classResults());
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.invalid, []);
  return { ...parsed.dataset, modules: [MODULE as Module] };
}

describe('learners and modules', () => {
  /*
   * Module score = mean of the quiz's and the scenario's graded (best) scaled scores, 0 for an
   * activity not ended; pass mark 60 %. Quiz: correct / 5. Scenario: max(0, total) / 4 with
   * listen +2, refer +2, rush 0, threaten −1, release 0.
   *   L01 quiz .8, runs 1.0 and .5 → best 1.0 → .9 passed; last .8/.5 → .65
   *   L03 .8, .5 → .65 passed; L04 .6, 0 → .3 failed; L05 .6, .5 → .55 failed
   *   L06 .4, no run → .2 in progress; L10 quiz .2 then 1.0 → .5 in progress; L11 not started
   */
  const rows = summariseLearners(classDataset());
  const row = (id: string) => rows.find((r) => r.learnerId === id)!;

  test('status, scores and attempts per learner', () => {
    assert.equal(rows.length, 11);
    assert.deepEqual(
      rows.map((r) => [r.learnerId, r.status]),
      [
        ['L01', 'passed'],
        ['L02', 'passed'],
        ['L03', 'passed'],
        ['L04', 'failed'],
        ['L05', 'failed'],
        ['L06', 'in-progress'],
        ['L07', 'in-progress'],
        ['L08', 'in-progress'],
        ['L09', 'in-progress'],
        ['L10', 'in-progress'],
        ['L11', 'not-started'],
      ],
    );
    assert.equal(row('L01').attempts, 3);
    assert.equal(row('L01').score, 0.9);
    assert.equal(row('L01').bestScore, 0.9);
    assert.equal(row('L01').lastScore, 0.65);
    assert.equal(row('L04').score, 0.3);
    assert.equal(row('L10').score, 0.5);
    assert.equal(row('L11').score, null);
    assert.equal(row('L01').learnerName, 'Learner 01');
  });

  test('time spent and completion date', () => {
    // Quiz 310 s; each scenario run 70 s.
    assert.equal(row('L01').timeSpent, 310_000 + 2 * 70_000);
    assert.equal(row('L06').timeSpent, 310_000);
    assert.equal(row('L11').timeSpent, 0);
    // L02 started 2026-03-03 08:00; the scenario (its last activity) ended at +10 min + 70 s.
    assert.equal(row('L02').completedAt, Date.UTC(2026, 2, 3, 8, 11, 10));
    assert.equal(row('L06').completedAt, null);
  });

  test('module summary: rates, distribution, medians', () => {
    const [module] = summariseModules(classDataset());
    assert.ok(module);
    assert.equal(module.learners, 11);
    assert.deepEqual(module.statusCounts, {
      'not-started': 1,
      'in-progress': 5,
      passed: 3,
      failed: 2,
      completed: 0,
    });
    assert.equal(module.completionRate, 5 / 11);
    assert.equal(module.passRate, 3 / 5);
    // Scores .9 .9 .65 .3 .55 .2 .2 .1 .1 .5
    assert.ok(Math.abs(module.meanScore! - 0.44) < 1e-9);
    assert.equal(module.medianScore, 0.4);
    assert.deepEqual(
      module.scoreDistribution.map((bin) => bin.count),
      [0, 2, 2, 1, 0, 2, 1, 0, 0, 2],
    );
    // Finished learners' times: 450 s (L01), 380 s × 4 → median 380 s.
    assert.equal(module.medianTime, 380_000);
  });
});

describe('scenario decisions', () => {
  const [stop] = analyseScenarios(classDataset());

  test('choices per scene with critical rates (first runs)', () => {
    assert.ok(stop);
    assert.equal(stop.runs, 5);
    assert.equal(stop.endedRuns, 5);
    assert.equal(stop.criticalRuns, 2);
    const [approach, decide] = stop.scenes;
    assert.deepEqual(
      approach!.choices.map((c) => [c.choiceId, c.count, c.share, c.critical, c.criticalRate]),
      [
        ['listen', 3, 0.6, false, 0],
        ['rush', 1, 0.2, false, 0],
        ['threaten', 1, 0.2, true, 1],
      ],
    );
    assert.equal(approach!.criticalRate, 0.2);
    assert.deepEqual(
      decide!.choices.map((c) => [c.choiceId, c.count]),
      [
        ['refer', 3],
        ['release', 1],
      ],
    );
    assert.equal(decide!.criticalRate, 0.25);
  });

  test('endings, outcomes and the most common paths', () => {
    assert.deepEqual(
      stop!.endings.map((e) => [e.endingId, e.outcome, e.count]),
      [
        ['referred', 'good', 2],
        ['partial', 'mixed', 1],
        ['harm', 'harmful', 2],
      ],
    );
    assert.deepEqual(stop!.outcomes, { good: 2, mixed: 1, harmful: 2 });
    assert.deepEqual(stop!.paths[0], { path: ['listen', 'refer'], count: 2, share: 0.4 });
    assert.equal(stop!.paths.length, 4);
    const top2 = analyseScenarios(classDataset(), { topPaths: 2 })[0]!;
    assert.equal(top2.paths.length, 2);
  });

  test('all runs count L01’s second run', () => {
    const [all] = analyseScenarios(classDataset(), { attempts: 'all' });
    assert.equal(all!.runs, 6);
    assert.equal(all!.scenes[0]!.choices.find((c) => c.choiceId === 'rush')!.count, 2);
  });
});

describe('tag mastery', () => {
  test('items by full credit, decisions by not critical and delta ≥ 0', () => {
    const tags = tagMastery(classDataset());
    const tag = (name: string) => tags.find((t) => t.tag === name)!;
    assert.deepEqual(
      tags.map((t) => t.tag),
      ['concept:consent', 'concept:referral', 'indicator:control', 'indicator:documents'],
    );
    // I1 7 + I2 5 right of 20.
    assert.equal(tag('indicator:documents').mastery, 12 / 20);
    // I3 6 of 10; listen ×3 mastered, threaten ×1 not.
    assert.equal(tag('indicator:control').mastery, 9 / 14);
    assert.equal(tag('indicator:control').itemMastery, 0.6);
    assert.equal(tag('indicator:control').decisionMastery, 0.75);
    assert.equal(tag('concept:consent').mastery, 7 / 20);
    assert.equal(tag('concept:consent').decisionMastery, null);
    assert.equal(tag('concept:referral').mastery, 3 / 4);
    assert.equal(tag('concept:referral').kind, 'concept');
  });
});

describe('reading and merging results files', () => {
  test('the same file twice counts every record once', () => {
    const file = JSON.stringify(classResults());
    const a = parseResults(file);
    const b = parseResults(file);
    assert.ok(a.ok && b.ok);
    const merged = mergeDatasets(a.dataset, b.dataset);
    assert.equal(merged.learners.length, 11);
    assert.equal(merged.attempts.length, a.dataset.attempts.length);
    assert.equal(merged.responses.length, a.dataset.responses.length);
    const twice = summariseModules({ ...merged, modules: [MODULE as Module] })[0]!;
    assert.equal(twice.learners, 11);
  });

  test('an ended copy of an attempt wins over the copy still in progress', () => {
    const results = classResults();
    const ended = results.attempts[0]!;
    const open = { ...ended, status: 'in-progress' as const };
    delete (open as { endedAt?: number }).endedAt;
    const early = parseResults({ ...results, attempts: [open] });
    const late = parseResults(results);
    assert.ok(early.ok && late.ok);
    const merged = mergeDatasets(early.dataset, late.dataset);
    assert.equal(merged.attempts.find((a) => a.id === ended.id)!.status, ended.status);
  });

  test('damaged records are skipped and named; other files are refused', () => {
    const results = classResults();
    const parsed = parseResults({ ...results, attempts: [{ id: 'x' }, ...results.attempts] });
    assert.ok(parsed.ok);
    assert.equal(parsed.invalid.length, 1);
    assert.equal(parsed.invalid[0]!.store, 'attempts');
    assert.equal(parsed.invalid[0]!.index, 0);
    assert.equal(parsed.dataset.attempts.length, results.attempts.length);
    assert.deepEqual(parseResults('not json'), {
      ok: false,
      problem: 'not-json',
      message: 'The file is not JSON.',
    });
    assert.equal(parseResults({ format: 'other' }).ok, false);
    assert.equal(parseResults({ ...results, version: 99 }).ok, false);
  });
});

describe('synthetic data', () => {
  test('the generator is seeded: same options, same records', () => {
    const a = generateDataset({ learners: 5, items: 4, scenes: 2, seed: 3 });
    const b = generateDataset({ learners: 5, items: 4, scenes: 2, seed: 3 });
    const c = generateDataset({ learners: 5, items: 4, scenes: 2, seed: 4 });
    assert.deepEqual(a, b);
    assert.notDeepEqual(a.responses, c.responses);
    assert.equal(a.learners.length, 5);
    assert.equal(a.responses.filter((r) => r.kind === 'item').length, 20);
    assert.equal(a.responses.filter((r) => r.kind === 'decision').length, 10);
  });

  test('1,000 learners × 100 items: every table, timed', () => {
    const dataset = generateDataset({ learners: 1_000, items: 100, scenes: 5, seed: 11 });
    const started = performance.now();
    const report = analyse(dataset);
    const ms = performance.now() - started;
    console.log(
      `analytics: ${dataset.responses.length} responses (1,000 learners × 100 items + scenario) analysed in ${ms.toFixed(0)} ms`,
    );
    assert.equal(report.items.length, 100);
    assert.equal(report.learners.length, 1_000);
    assert.ok(report.items.every((item) => item.responses === 1_000));
    // The model's items that run against ability should mostly come out flagged.
    assert.ok(report.items.some((item) => item.flags.includes('negative-discrimination')));
    assert.ok(report.items.every((item) => (item.pointBiserial ?? 0) <= 1));
  });
});
