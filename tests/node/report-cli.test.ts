/** `npm run report` on the class of ten's results file, as a trainer runs it. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { classResults } from '../fixtures/analytics/class-of-ten.ts';

const RESULTS = 'tests/fixtures/analytics/class-of-ten.results.json';
const MODULES = 'tests/fixtures/analytics/modules';

function report(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/report.ts', ...args], {
    encoding: 'utf8',
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

/** The line of a table whose first cells are `start`, split on runs of spaces. */
function row(out: string, start: string): string[] {
  const line = out.split('\n').find((l) => l.trim().startsWith(start));
  assert.ok(line, `no line starting with ${start}`);
  return line.trim().split(/\s{2,}/);
}

describe('npm run report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cp-report-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the fixture file matches its source', () => {
    assert.deepEqual(JSON.parse(readFileSync(RESULTS, 'utf8')), classResults());
  });

  test('prints modules, learners, items with flags, decisions and tags', () => {
    const { code, out, err } = report(RESULTS, '--modules', MODULES);
    assert.equal(code, 0, err);
    assert.match(out, /1 file, 11 learners, 17 attempts, 66 responses/);
    // Learners 11; not started 1, in progress 5, passed 3, failed 2; completion 45.5 %, pass 60 %.
    assert.deepEqual(row(out, 'class-check  Class check'), [
      'class-check',
      'Class check',
      '11',
      '1',
      '5',
      '3',
      '2',
      '0',
      '45.5',
      '60',
      '44',
      '40',
      '6.3',
    ]);
    assert.deepEqual(row(out, 'class-check  Learner 04').slice(0, 6), [
      'class-check',
      'Learner 04',
      'L04',
      'failed',
      '2',
      '30',
    ]);
    // Item i3: facility 60 %, SD 51.6 %, D −0.333, r −0.17, corrected −0.505, flagged.
    assert.deepEqual(row(out, 'quiz      i3').slice(0, 11), [
      'quiz',
      'i3',
      'single',
      '10',
      '60',
      '51.6',
      '-0.333',
      '-0.17',
      '-0.505',
      '-60.7',
      'negative-discrimination',
    ]);
    assert.ok(row(out, 'quiz      i4').includes('too-hard'));
    assert.ok(row(out, 'quiz      i4').includes('*a:1 b:7 c:2'));
    assert.deepEqual(row(out, 'class-check  stop      approach  threaten'), [
      'class-check',
      'stop',
      'approach',
      'threaten',
      'yes',
      '1',
      '20',
      '100',
      'Threaten the passengers',
    ]);
    assert.match(out, /path 1: 2 \(40%\) {2}listen → refer/);
    assert.deepEqual(row(out, 'indicator:control'), [
      'indicator:control',
      '10',
      '10',
      '4',
      '64.3',
      '60',
      '75',
    ]);
  });

  test('--attempts all counts L10’s second attempt', () => {
    const { code, out } = report(RESULTS, '--modules', MODULES, '--attempts', 'all');
    assert.equal(code, 0);
    // i1: 8 right of 11 → 72.7 %.
    assert.deepEqual(row(out, 'quiz      i1').slice(3, 5), ['11', '72.7']);
  });

  test('--csv writes the learners table and one file per other table', () => {
    const file = join(dir, 'class.csv');
    const { code, out } = report(RESULTS, RESULTS, '--modules', MODULES, '--csv', file, '--bom');
    assert.equal(code, 0);
    assert.match(out, /CSV written: .*class\.csv, .*class-modules\.csv/);
    const learners = readFileSync(file, 'utf8');
    assert.ok(learners.startsWith('\uFEFF'));
    const records = parse(learners, { bom: true, columns: true }) as Record<string, string>[];
    // The same file given twice: every learner once.
    assert.equal(records.length, 11);
    const items = parse(readFileSync(join(dir, 'class-items.csv'), 'utf8'), {
      bom: true,
      columns: true,
    }) as Record<string, string>[];
    assert.equal(items[2]!['Discrimination'], '-0.333');
    for (const suffix of ['modules', 'scenarios', 'tags']) {
      assert.ok(readFileSync(join(dir, `class-${suffix}.csv`), 'utf8').includes('\r\n'));
    }
  });

  test('a file that is not a results file: a message naming it, exit 1', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"hello": 1}');
    const { code, err } = report(bad, '--modules', MODULES);
    assert.equal(code, 1);
    assert.match(err, /bad\.json: The file is not a Checkpoint results file\./);
  });

  test('no file or a bad option: usage, exit 2', () => {
    assert.equal(report().code, 2);
    const { code, err } = report(RESULTS, '--attempts', 'some');
    assert.equal(code, 2);
    assert.match(err, /--attempts takes first, last or all/);
  });
});
