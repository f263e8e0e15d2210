/** Driving `<cp-dashboard>` as a trainer does: pick a source, switch views, read tables. */
import { parse } from 'csv-parse/browser/esm/sync';
import type { CpDashboard } from '../../src/elements/cp-dashboard/cp-dashboard.ts';
import type { CpDashboardTable } from '../../src/elements/cp-dashboard/data-table.ts';
import { button, until } from './dom.ts';

export const root = (el: Element): ShadowRoot => el.shadowRoot!;
export const flat = (text: string | null | undefined): string =>
  (text ?? '').replace(/\s+/g, ' ').trim();

/** Text as a screen reader reads it: without `aria-hidden` parts (sort arrows, bars). */
export function spoken(node: Node): string {
  if (node instanceof Element && node.getAttribute('aria-hidden') === 'true') return '';
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  return [...node.childNodes].map(spoken).join('');
}

export function radio(el: CpDashboard, label: string): HTMLInputElement {
  const found = [...root(el).querySelectorAll('label')].find(
    (candidate) => flat(candidate.textContent) === label,
  );
  const input = found?.querySelector('input');
  if (!input) throw new Error(`no option "${label}"`);
  return input;
}

export function field<T extends HTMLElement = HTMLInputElement>(host: Element, label: string): T {
  const found = [...root(host).querySelectorAll('label')].find((candidate) =>
    flat(candidate.textContent).startsWith(label),
  );
  const control = found?.querySelector('input, select');
  if (!control) throw new Error(`no field "${label}"`);
  return control as unknown as T;
}

/** Waits for the results (or the error) after a source was read. */
export async function loaded(el: CpDashboard, timeout = 5_000): Promise<void> {
  await el.updateComplete;
  await until(
    () => !root(el).querySelector('.loading') && !!root(el).querySelector('#view-heading'),
    'the results',
    timeout,
  );
  await el.updateComplete;
}

export async function readDevice(el: CpDashboard): Promise<void> {
  button(el, 'Read results on this device').click();
  await loaded(el);
}

export async function chooseFiles(el: CpDashboard, files: readonly File[], timeout?: number) {
  radio(el, 'Results files').click();
  await el.updateComplete;
  const input = field(el, 'Results files (JSON)');
  const transfer = new DataTransfer();
  files.forEach((file) => transfer.items.add(file));
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await loaded(el, timeout);
}

export async function showView(el: CpDashboard, name: string): Promise<void> {
  button(el, name).click();
  await el.updateComplete;
  await Promise.all(tables(el).map((table) => table.updateComplete));
}

export const tables = (el: Element): CpDashboardTable[] => [
  ...root(el).querySelectorAll('cp-dashboard-table'),
];

export function table(el: Element, caption: string): CpDashboardTable {
  const found = tables(el).find((candidate) => candidate.caption === caption);
  if (!found) {
    throw new Error(
      `no table "${caption}" among ${tables(el)
        .map((t) => t.caption)
        .join(' | ')}`,
    );
  }
  return found;
}

export const headers = (table: CpDashboardTable): string[] =>
  [...root(table).querySelectorAll('thead th')].map((th) => flat(spoken(th)));

/** The visible rows (this page), cell texts. */
export const rows = (table: CpDashboardTable): string[][] =>
  [...root(table).querySelectorAll('tbody tr')].map((tr) =>
    [...tr.children].map((cell) => flat(spoken(cell))),
  );

export const column = (table: CpDashboardTable, name: string): string[] => {
  const index = headers(table).indexOf(name);
  if (index < 0) throw new Error(`no column "${name}" in ${headers(table).join(' | ')}`);
  return rows(table).map((row) => row[index]!);
};

export interface Download {
  readonly filename: string;
  readonly bytes: Uint8Array;
  readonly text: string;
  readonly records: string[][];
}

/** Clicks a table's "Download CSV" and reads the file the link points at. */
export async function downloadCsv(table: CpDashboardTable): Promise<Download> {
  let link: HTMLAnchorElement | undefined;
  const catcher = (event: Event) => {
    const target = event.target;
    if (target instanceof HTMLAnchorElement && target.download) {
      link = target;
      event.preventDefault(); // no real download in the test browser
    }
  };
  root(table).addEventListener('click', catcher, true);
  try {
    button(table, /^Download CSV/).click();
  } finally {
    root(table).removeEventListener('click', catcher, true);
  }
  if (!link) throw new Error('no download link was clicked');
  const blob = await (await fetch(link.href)).blob();
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const records = parse(text, { bom: true, relax_column_count: false }) as string[][];
  return { filename: link.download, bytes, text, records };
}
