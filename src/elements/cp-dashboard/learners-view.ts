/** Every learner in every module: filter by module and status, search by name, sort, page. */
import { msg, str } from '@lit/localize';
import { html, type TemplateResult } from 'lit';
import type { LearnerModuleSummary, LearnerStatus } from '../../analytics/types.ts';
import type { Column } from './data-table.ts';
import { memo } from './memo.ts';
import './data-table.ts';
import { formatMinutes, formatPercent, isoTime, minutesOf, percentOf } from './format.ts';
import { STATUSES, statusLabel } from './labels.ts';

export interface LearnerFilters {
  readonly moduleId: string;
  readonly status: LearnerStatus | '';
  readonly search: string;
}

export const NO_FILTERS: LearnerFilters = { moduleId: '', status: '', search: '' };

export interface LearnersViewModel {
  readonly learners: readonly LearnerModuleSummary[];
  /** `learners` through the filters (see `learnerFilter`). */
  readonly rows: readonly LearnerModuleSummary[];
  readonly modules: readonly { readonly id: string; readonly title: string }[];
  readonly filters: LearnerFilters;
  readonly onFilters: (filters: LearnerFilters) => void;
  readonly onOpenLearner: (learnerId: string) => void;
}

function filter(
  learners: readonly LearnerModuleSummary[],
  { moduleId, status, search }: LearnerFilters,
): readonly LearnerModuleSummary[] {
  const needle = search.trim().toLocaleLowerCase();
  if (!moduleId && !status && !needle) return learners;
  return learners.filter(
    (row) =>
      (!moduleId || row.moduleId === moduleId) &&
      (!status || row.status === status) &&
      (!needle ||
        row.learnerName.toLocaleLowerCase().includes(needle) ||
        row.learnerId.toLocaleLowerCase().includes(needle)),
  );
}

/** The rows the filters let through; the same array while neither argument changes. */
export const learnerFilter = () => memo(filter);

const percent = (
  id: string,
  label: string,
  share: (row: LearnerModuleSummary) => number | null,
): Column<LearnerModuleSummary> => ({
  id,
  label,
  numeric: true,
  value: (row) => percentOf(share(row)),
  format: (value) => formatPercent(value as number | null),
});

export const learnerColumns = (
  onOpen: (learnerId: string) => void,
): Column<LearnerModuleSummary>[] => [
  {
    id: 'learner',
    label: msg('Learner'),
    value: (row) => row.learnerName,
    render: (row) =>
      html`<button class="link" @click=${() => onOpen(row.learnerId)}>${row.learnerName}</button>`,
  },
  { id: 'module', label: msg('Module'), value: (row) => row.moduleTitle },
  {
    id: 'status',
    label: msg('Status'),
    value: (row) => statusLabel(row.status),
  },
  percent('score', msg('Score (%)'), (row) => row.score),
  percent('best', msg('Best score (%)'), (row) => row.bestScore),
  { id: 'attempts', label: msg('Attempts'), numeric: true, value: (row) => row.attempts },
  {
    id: 'time',
    label: msg('Time spent (min)'),
    numeric: true,
    value: (row) => minutesOf(row.timeSpent),
    format: (value) => formatMinutes(value as number | null),
  },
  { id: 'last', label: msg('Last active (UTC)'), value: (row) => isoTime(row.lastActiveAt) },
];

export function renderLearners(model: LearnersViewModel): TemplateResult {
  const { filters, onFilters } = model;
  const { rows } = model;
  return html`<form
      class="filters"
      role="search"
      @submit=${(event: Event) => event.preventDefault()}
    >
      <label class="field">
        ${msg('Module')}
        <select
          .value=${filters.moduleId}
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
      </label>
      <label class="field">
        ${msg('Status')}
        <select
          @change=${(event: Event) =>
            onFilters({
              ...filters,
              status: (event.target as HTMLSelectElement).value as LearnerStatus | '',
            })}
        >
          <option value="" ?selected=${!filters.status}>${msg('Any status')}</option>
          ${STATUSES.map(
            (status) =>
              html`<option value=${status} ?selected=${filters.status === status}>
                ${statusLabel(status)}
              </option>`,
          )}
        </select>
      </label>
      <label class="field">
        ${msg('Search learners')}
        <input
          type="search"
          .value=${filters.search}
          @input=${(event: Event) =>
            onFilters({ ...filters, search: (event.target as HTMLInputElement).value })}
        />
      </label>
    </form>
    <p role="status">${msg(str`${rows.length} of ${model.learners.length} rows shown.`)}</p>
    <cp-dashboard-table
      caption=${msg('Learners')}
      filename="learners"
      .columns=${learnerColumns(model.onOpenLearner)}
      .rows=${rows}
    ></cp-dashboard-table>`;
}
