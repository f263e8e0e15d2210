/**
 * CSV as RFC 4180 writes it: records end with CRLF (the last one too), a field holding a comma,
 * a double quote, CR or LF is quoted, and a quote inside is doubled. UTF-8 text; `bom` starts it
 * with U+FEFF, which spreadsheet programs need to read UTF-8 rather than a legacy code page.
 *
 * Formula injection (OWASP "CSV injection"): a spreadsheet runs a cell starting with `=`, `+`,
 * `-`, `@`, TAB or CR as a formula, and names, answers and titles come from learners and
 * authors. Such a text cell gets a leading apostrophe, which spreadsheets show as text and hide.
 * Numbers are not touched: a value typed as a number is written as one (`-3`), and so is a text
 * cell that is nothing but a plain decimal number (`-0.25`, `+4`) — a spreadsheet reads it as a
 * number, never a formula, and an apostrophe would turn the number into text.
 */
import type { CsvColumn, CsvOptions, CsvValue } from './types.ts';

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]/;

/** The text of one cell, quoted and neutralised as needed. */
export function csvCell(value: CsvValue, options: CsvOptions = {}): string {
  let text: string;
  if (value === null || value === undefined) text = '';
  else if (typeof value === 'number') text = Number.isFinite(value) ? String(value) : '';
  else if (typeof value === 'boolean') text = value ? 'true' : 'false';
  else {
    text = value;
    if (
      (options.neutraliseFormulas ?? true) &&
      FORMULA_START.test(text) &&
      !PLAIN_NUMBER.test(text)
    ) {
      text = `'${text}`;
    }
  }
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A header record, then one record per row. */
export function toCsv<Row>(
  columns: readonly CsvColumn<Row>[],
  rows: Iterable<Row>,
  options: CsvOptions = {},
): string {
  const lines = [columns.map((column) => csvCell(column.header, options)).join(',')];
  for (const row of rows) {
    lines.push(columns.map((column) => csvCell(column.value(row), options)).join(','));
  }
  return `${options.bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;
}
