/** Per module: learners, completion and pass rates, score distribution, median time. */
import { learnerCount } from './counts.ts';
import { msg, str } from '@lit/localize';
import { html, type TemplateResult } from 'lit';
import type { ModuleSummary, ScoreBin } from '../../analytics/types.ts';
import { renderBars } from './bars.ts';
import type { Column } from './data-table.ts';
import './data-table.ts';
import {
  formatMinutes,
  formatNumber,
  formatPercent,
  formatShare,
  minutesOf,
  percentOf,
} from './format.ts';
import { statusLabel } from './labels.ts';

const percentColumn = <Row>(
  id: string,
  label: string,
  share: (row: Row) => number | null,
): Column<Row> => ({
  id,
  label,
  numeric: true,
  value: (row) => percentOf(share(row)),
  format: (value) => formatPercent(value as number | null),
});

export const moduleColumns = (): Column<ModuleSummary>[] => [
  { id: 'module', label: msg('Module'), value: (row) => row.moduleTitle },
  { id: 'learners', label: msg('Learners'), numeric: true, value: (row) => row.learners },
  ...(['not-started', 'in-progress', 'passed', 'failed', 'completed'] as const).map(
    (status): Column<ModuleSummary> => ({
      id: status,
      label: statusLabel(status),
      numeric: true,
      value: (row) => row.statusCounts[status],
    }),
  ),
  percentColumn('completion', msg('Completion (%)'), (row) => row.completionRate),
  percentColumn('pass', msg('Pass rate (%)'), (row) => row.passRate),
  percentColumn('mean', msg('Mean score (%)'), (row) => row.meanScore),
  percentColumn('median', msg('Median score (%)'), (row) => row.medianScore),
  {
    id: 'time',
    label: msg('Median time (min)'),
    numeric: true,
    value: (row) => minutesOf(row.medianTime),
    format: (value) => formatMinutes(value as number | null),
  },
];

const binLabel = (bin: ScoreBin): string =>
  msg(str`${formatNumber(percentOf(bin.from))}–${formatNumber(percentOf(bin.to))} %`);

function renderModule(summary: ModuleSummary, index: number): TemplateResult {
  const most = Math.max(1, ...summary.scoreDistribution.map((bin) => bin.count));
  return html`<article class="card" aria-labelledby="module-${index}">
    <h3 id="module-${index}">${summary.moduleTitle}</h3>
    <dl class="figures">
      <dt>${msg('Learners')}</dt>
      <dd>${summary.learners}</dd>
      <dt>${msg('Completion')}</dt>
      <dd>${formatShare(summary.completionRate)}</dd>
      <dt>${msg('Pass rate')}</dt>
      <dd>${formatShare(summary.passRate)}</dd>
      <dt>${msg('Median score')}</dt>
      <dd>${formatShare(summary.medianScore)}</dd>
      <dt>${msg('Median time')}</dt>
      <dd>${formatMinutes(minutesOf(summary.medianTime))}</dd>
    </dl>
    ${renderBars(
      msg(str`Score distribution: learners per score band in ${summary.moduleTitle}`),
      summary.scoreDistribution.map((bin) => ({
        label: binLabel(bin),
        percent: (bin.count / most) * 100,
        value: learnerCount(bin.count),
      })),
    )}
  </article>`;
}

export function renderOverview(modules: readonly ModuleSummary[]): TemplateResult {
  return html`${
      modules.length
        ? html`<div class="cards">${modules.map(renderModule)}</div>`
        : html`<p>${msg('No module has results in this data yet.')}</p>`
    }
    <cp-dashboard-table
      caption=${msg('Modules')}
      filename="modules"
      .columns=${moduleColumns()}
      .rows=${modules}
    ></cp-dashboard-table>`;
}
