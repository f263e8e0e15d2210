/** Item analysis: facility, discrimination, and flags written out as words. */
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import type { ItemAnalysis } from '../../analytics/types.ts';
import type { Column } from './data-table.ts';
import './data-table.ts';
import { formatNumber, formatPercent, percentOf } from './format.ts';
import { flagLabel } from './labels.ts';
import { memo } from './memo.ts';

export interface ItemFilters {
  readonly moduleId: string;
  readonly flaggedOnly: boolean;
}

export const NO_ITEM_FILTERS: ItemFilters = { moduleId: '', flaggedOnly: false };

export interface ItemsViewModel {
  readonly items: readonly ItemAnalysis[];
  readonly rows: readonly ItemAnalysis[];
  readonly modules: readonly { readonly id: string; readonly title: string }[];
  readonly filters: ItemFilters;
  readonly onFilters: (filters: ItemFilters) => void;
}

export const itemFilter = () =>
  memo((items: readonly ItemAnalysis[], { moduleId, flaggedOnly }: ItemFilters) =>
    !moduleId && !flaggedOnly
      ? items
      : items.filter(
          (item) =>
            (!moduleId || item.moduleId === moduleId) && (!flaggedOnly || item.flags.length > 0),
        ),
  );

const decimal = (value: number | null): number | null =>
  value === null ? null : Math.round(value * 100) / 100;

export const itemColumns = (): Column<ItemAnalysis>[] => [
  { id: 'item', label: msg('Item'), value: (row) => row.prompt },
  { id: 'id', label: msg('Item id'), value: (row) => row.itemId },
  { id: 'activity', label: msg('Activity'), value: (row) => row.activityId },
  { id: 'module', label: msg('Module'), value: (row) => row.moduleId },
  { id: 'responses', label: msg('Responses'), numeric: true, value: (row) => row.responses },
  {
    id: 'facility',
    label: msg('Facility (%)'),
    numeric: true,
    value: (row) => percentOf(row.facility),
    format: (value) => formatPercent(value as number | null),
  },
  {
    id: 'discrimination',
    label: msg('Discrimination index'),
    numeric: true,
    value: (row) => decimal(row.discriminationIndex),
    format: (value) => formatNumber(value as number | null),
  },
  {
    id: 'correlation',
    label: msg('Item–rest correlation'),
    numeric: true,
    value: (row) => decimal(row.correctedPointBiserial),
    format: (value) => formatNumber(value as number | null),
  },
  {
    id: 'latency',
    label: msg('Mean time (s)'),
    numeric: true,
    value: (row) => (row.meanLatency === null ? null : Math.round(row.meanLatency / 100) / 10),
    format: (value) => formatNumber(value as number | null),
  },
  {
    id: 'flags',
    label: msg('Flags'),
    value: (row) => row.flags.map(flagLabel).join('; '),
    render: (row) =>
      row.flags.length
        ? html`${row.flags.map((flag) => html`<span class="flag">${flagLabel(flag)}</span>`)}`
        : msg('None'),
  },
];

export function renderItems(model: ItemsViewModel): TemplateResult {
  const { filters, onFilters, rows } = model;
  const flagged = model.items.filter((item) => item.flags.length).length;
  return html`<p>
      ${msg(
        'Facility is the share of full marks. The discrimination index compares the top and bottom 27 % of attempts; the item–rest correlation relates the item to the rest of the attempt. Items are flagged when very easy, very hard, or when stronger learners do worse on them than weaker ones.',
      )}
    </p>
    <form class="filters" @submit=${(event: Event) => event.preventDefault()}>
      ${
        model.modules.length > 1
          ? html`<label class="field">
              ${msg('Module')}
              <select
                @change=${(event: Event) =>
                  onFilters({ ...filters, moduleId: (event.target as HTMLSelectElement).value })}
              >
                <option value="" ?selected=${!filters.moduleId}>${msg('All modules')}</option>
                ${model.modules.map(
                  (module) =>
                    html`<option value=${module.id} ?selected=${filters.moduleId === module.id}>
                      ${module.title}
                    </option>`,
                )}
              </select>
            </label>`
          : nothing
      }
      <label class="check">
        <input
          type="checkbox"
          .checked=${filters.flaggedOnly}
          @change=${(event: Event) =>
            onFilters({ ...filters, flaggedOnly: (event.target as HTMLInputElement).checked })}
        />
        ${msg(str`Flagged items only (${flagged} of ${model.items.length})`)}
      </label>
    </form>
    <cp-dashboard-table
      caption=${msg('Item analysis')}
      filename="items"
      .columns=${itemColumns()}
      .rows=${rows}
    ></cp-dashboard-table>`;
}
