/** CSV export: RFC 4180 text that csv-parse reads back to the same rows, safe in spreadsheets. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import {
  analyse,
  csvCell,
  LEARNER_COLUMNS,
  parseResults,
  toCsv,
  type CsvColumn,
} from '../../src/analytics/index.ts';
import type { Module } from '../../src/content/schema.ts';
import { classResults, MODULE } from '../fixtures/analytics/class-of-ten.ts';

interface Row {
  readonly name: string;
  readonly score: number | null;
}
const columns: CsvColumn<Row>[] = [
  { header: 'Name', value: (row) => row.name },
  { header: 'Score', value: (row) => row.score },
];

describe('toCsv', () => {
  test('CRLF records, quotes doubled, fields with comma, quote, CR or LF quoted', () => {
    const text = toCsv(columns, [
      { name: 'Ana, "Bo"', score: 1 },
      { name: 'two\nlines', score: null },
      { name: 'cr\rhere', score: 0.5 },
      { name: 'plain', score: -3 },
    ]);
    assert.equal(
      text,
      'Name,Score\r\n"Ana, ""Bo""",1\r\n"two\nlines",\r\n"cr\rhere",0.5\r\nplain,-3\r\n',
    );
  });

  test('the byte order mark only when asked', () => {
    assert.ok(toCsv(columns, [], { bom: true }).startsWith('\uFEFFName'));
    assert.ok(toCsv(columns, []).startsWith('Name'));
  });

  test('formula-like text gets an apostrophe; numbers and plain numeric text do not', () => {
    assert.equal(csvCell('=HYPERLINK("http://x","y")'), `"'=HYPERLINK(""http://x"",""y"")"`);
    assert.equal(csvCell('+1+2'), "'+1+2");
    assert.equal(csvCell('-2+3+cmd|" /C calc"!A0'), `"'-2+3+cmd|"" /C calc""!A0"`);
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvCell('\tTAB'), "'\tTAB");
    assert.equal(csvCell('\rCR'), `"'\rCR"`);
    assert.equal(csvCell(-3), '-3');
    assert.equal(csvCell('-0.25'), '-0.25');
    assert.equal(csvCell('+4'), '+4');
    assert.equal(csvCell('a=b'), 'a=b');
    assert.equal(csvCell('=1', { neutraliseFormulas: false }), '=1');
    assert.equal(csvCell(Number.NaN), '');
    assert.equal(csvCell(true), 'true');
  });

  test('round trip through csv-parse gives back every row', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 20 });
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text), { maxLength: 10 }), (rows) => {
        const csv = toCsv(
          [
            { header: 'a', value: (row: [string, string]) => row[0] },
            { header: 'b', value: (row: [string, string]) => row[1] },
          ],
          rows,
          { neutraliseFormulas: false, bom: true },
        );
        const parsed = parse(csv, { bom: true, relax_column_count: false }) as string[][];
        assert.deepEqual(parsed, [['a', 'b'], ...rows]);
      }),
      { numRuns: 300 },
    );
  });

  test('neutralised cells read back as the text with one leading apostrophe', () => {
    const rows = [{ name: '=cmd', score: 1 }];
    const parsed = parse(toCsv(columns, rows)) as string[][];
    assert.deepEqual(parsed[1], ["'=cmd", '1']);
  });

  test('the learners table of the class of ten', () => {
    const parsed = parseResults(classResults());
    assert.ok(parsed.ok);
    const report = analyse({ ...parsed.dataset, modules: [MODULE as Module] });
    const records = parse(toCsv(LEARNER_COLUMNS, report.learners, { bom: true }), {
      bom: true,
      columns: true,
    }) as Record<string, string>[];
    assert.equal(records.length, 11);
    assert.deepEqual(
      { ...records[0] },
      {
        Module: 'class-check',
        Learner: 'Learner 01',
        'Learner id': 'L01',
        Status: 'passed',
        Attempts: '3',
        'Score %': '90',
        'Best %': '90',
        'Last %': '65',
        'Time (min)': '7.5',
        Started: '2026-03-02T08:00:00.000Z',
        Completed: '2026-03-02T08:11:10.000Z',
      },
    );
    assert.equal(records[10]!['Score %'], '');
  });
});
