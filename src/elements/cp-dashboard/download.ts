/**
 * A CSV file handed to the browser's downloads: UTF-8 with a byte order mark (so spreadsheet
 * programs read accents and Arabic right), through a Blob URL and a link the dashboard clicks —
 * no inline script, no data: URL.
 */
import { toCsv } from '../../analytics/csv.ts';
import type { CsvColumn } from '../../analytics/types.ts';

/** Blob URLs live a minute: long enough for the download to start, then they are released. */
const URL_LIFETIME_MS = 60_000;

export function downloadCsv<Row>(
  root: Element | ShadowRoot,
  filename: string,
  columns: readonly CsvColumn<Row>[],
  rows: Iterable<Row>,
): void {
  const text = toCsv(columns, rows, { bom: true });
  const blob = new Blob([text], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `${filename}.csv`;
  link.hidden = true;
  // In the element's own tree, so that the click stays inside it; removed right after.
  root.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), URL_LIFETIME_MS);
}
