/**
 * One table of the dashboard: sortable by every column (the header buttons, `aria-sort`), paged
 * so that the DOM stays small however many rows there are, and exportable as CSV with exactly
 * the columns and order shown.
 */
import { localized, msg, str } from '@lit/localize';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { baseStyles } from '../shared/styles.ts';
import { downloadCsv } from './download.ts';
import { tableStyles } from './data-table.styles.ts';

export type CellValue = string | number | boolean | null;

export interface Column<Row> {
  readonly id: string;
  readonly label: string;
  /** What the column sorts by and exports. */
  readonly value: (row: Row) => CellValue;
  /** What the cell shows; defaults to the value as text. */
  readonly format?: (value: CellValue, row: Row) => string;
  /** Renders the cell (a button, a list); defaults to `format`. */
  readonly render?: (row: Row) => TemplateResult | string;
  readonly numeric?: boolean;
}

type Direction = 'ascending' | 'descending';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function compare(a: CellValue, b: CellValue): number {
  // Empty cells last in both directions is handled by the caller.
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return collator.compare(String(a), String(b));
}

export const cellText = <Row>(column: Column<Row>, row: Row): string => {
  const value = column.value(row);
  if (column.format) return column.format(value, row);
  return value === null ? '' : String(value);
};

/**
 * @summary A sortable, paged data table with CSV export (part of `<cp-dashboard>`).
 * @csspart table - The table.
 */
@localized()
@customElement('cp-dashboard-table')
export class CpDashboardTable<Row = unknown> extends LitElement {
  static override styles = [baseStyles, tableStyles];

  @state() private sortColumn: string | undefined;
  @state() private direction: Direction = 'ascending';
  @state() private page = 0;

  /** The table's caption, also the accessible name of its export button. */
  @property() caption = '';
  /** File name of the CSV export, without extension. */
  @property() filename = 'table';
  @property({ type: Number, attribute: 'page-size' }) pageSize = 50;
  @property({ attribute: false }) columns: readonly Column<Row>[] = [];
  @property({ attribute: false }) rows: readonly Row[] = [];

  private sorted: readonly Row[] = [];

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('rows') || changed.has('sortColumn') || changed.has('direction')) {
      this.sorted = this.sortRows();
      if (changed.has('rows')) this.page = 0;
    }
    this.page = Math.min(this.page, Math.max(0, this.pages - 1));
  }

  private get pages(): number {
    return Math.max(1, Math.ceil(this.sorted.length / this.pageSize));
  }

  private sortRows(): readonly Row[] {
    const column = this.columns.find((candidate) => candidate.id === this.sortColumn);
    if (!column) return this.rows;
    const sign = this.direction === 'ascending' ? 1 : -1;
    const keyed = this.rows.map((row, index) => ({ row, index, key: column.value(row) }));
    keyed.sort((a, b) => {
      if (a.key === null || b.key === null) {
        if (a.key === b.key) return a.index - b.index;
        return a.key === null ? 1 : -1;
      }
      return sign * compare(a.key, b.key) || a.index - b.index;
    });
    return keyed.map(({ row }) => row);
  }

  private sortBy(id: string): void {
    if (this.sortColumn === id) {
      this.direction = this.direction === 'ascending' ? 'descending' : 'ascending';
    } else {
      this.sortColumn = id;
      this.direction = 'ascending';
    }
    this.page = 0;
  }

  private goTo(page: number): void {
    this.page = page;
  }

  private export(): void {
    downloadCsv(
      this.shadowRoot ?? this,
      this.filename,
      this.columns.map((column) => ({ header: column.label, value: column.value })),
      this.sorted,
    );
  }

  private renderHeader(column: Column<Row>): TemplateResult {
    const sorted = this.sortColumn === column.id ? this.direction : undefined;
    const arrow = sorted === 'ascending' ? '▲' : sorted === 'descending' ? '▼' : '';
    return html`<th
      scope="col"
      class=${column.numeric ? 'numeric' : ''}
      aria-sort=${sorted ?? nothing}
    >
      <button class="sort" @click=${() => this.sortBy(column.id)}>
        ${column.label}<span class="arrow" aria-hidden="true">${arrow}</span>
      </button>
    </th>`;
  }

  private renderPager(): TemplateResult | typeof nothing {
    if (this.sorted.length <= this.pageSize) return nothing;
    const first = this.page * this.pageSize + 1;
    const last = Math.min(this.sorted.length, first + this.pageSize - 1);
    return html`<nav class="pager" aria-label=${msg(str`Pages of ${this.caption}`)}>
      <button ?disabled=${this.page === 0} @click=${() => this.goTo(this.page - 1)}>
        ${msg('Previous page')}
      </button>
      <span role="status">
        ${msg(str`Page ${this.page + 1} of ${this.pages}: rows ${first}–${last} of ${this.sorted.length}`)}
      </span>
      <button ?disabled=${this.page >= this.pages - 1} @click=${() => this.goTo(this.page + 1)}>
        ${msg('Next page')}
      </button>
    </nav>`;
  }

  override render() {
    const start = this.page * this.pageSize;
    const shown = this.sorted.slice(start, start + this.pageSize);
    return html`<div class="table-tools">
        <button class="export" @click=${this.export}>
          ${msg('Download CSV')}<span class="visually-hidden">: ${this.caption}</span>
        </button>
      </div>
      <div class="table-scroll">
        <table part="table">
          <caption>
            ${this.caption}
            ${this.rows.length ? nothing : html`<span class="muted">(${msg('no rows')})</span>`}
          </caption>
          <thead>
            <tr>
              ${this.columns.map((column) => this.renderHeader(column))}
            </tr>
          </thead>
          <tbody>
            ${shown.map(
              (row) =>
                html`<tr>
                  ${this.columns.map((column, index) => {
                    const content = column.render ? column.render(row) : cellText(column, row);
                    const cls = column.numeric ? 'numeric' : '';
                    return index === 0
                      ? html`<th scope="row" class=${cls}>${content}</th>`
                      : html`<td class=${cls}>${content}</td>`;
                  })}
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${this.renderPager()}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cp-dashboard-table': CpDashboardTable;
  }
}
