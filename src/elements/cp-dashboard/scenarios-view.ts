/** Scenario decisions: how often each choice was taken, scene by scene, and where runs ended. */
import { criticalRuns, runCount } from './counts.ts';
import { msg, str } from '@lit/localize';
import { html, type TemplateResult } from 'lit';
import type { ScenarioAnalysis } from '../../analytics/types.ts';
import { renderBars } from './bars.ts';
import type { Column } from './data-table.ts';
import './data-table.ts';
import { formatPercent, formatShare, percentOf } from './format.ts';
import { outcomeLabel, yesNo } from './labels.ts';

/** One scene × choice: the table form of the charts. */
export interface ChoiceRow {
  readonly scene: string;
  readonly choice: string;
  readonly critical: boolean;
  readonly count: number;
  readonly share: number;
  readonly meanScoreDelta: number;
}

const rowsOf = new WeakMap<ScenarioAnalysis, readonly ChoiceRow[]>();

/** The same array for the same analysis, so that a table keeps its page across updates. */
export function choiceRows(scenario: ScenarioAnalysis): readonly ChoiceRow[] {
  let rows = rowsOf.get(scenario);
  if (!rows) {
    rows = flatten(scenario);
    rowsOf.set(scenario, rows);
  }
  return rows;
}

const flatten = (scenario: ScenarioAnalysis): ChoiceRow[] =>
  scenario.scenes.flatMap((scene) =>
    scene.choices.map((choice) => ({
      scene: scene.title,
      choice: choice.text,
      critical: choice.critical,
      count: choice.count,
      share: choice.share,
      meanScoreDelta: choice.meanScoreDelta,
    })),
  );

export const choiceColumns = (): Column<ChoiceRow>[] => [
  { id: 'scene', label: msg('Scene'), value: (row) => row.scene },
  { id: 'choice', label: msg('Choice'), value: (row) => row.choice },
  {
    id: 'critical',
    label: msg('Critical'),
    value: (row) => row.critical,
    format: (value) => yesNo(value as boolean),
  },
  { id: 'count', label: msg('Times chosen'), numeric: true, value: (row) => row.count },
  {
    id: 'share',
    label: msg('Share of decisions (%)'),
    numeric: true,
    value: (row) => percentOf(row.share),
    format: (value) => formatPercent(value as number | null),
  },
  {
    id: 'delta',
    label: msg('Mean score change'),
    numeric: true,
    value: (row) => Math.round(row.meanScoreDelta * 100) / 100,
  },
];

function renderScenario(scenario: ScenarioAnalysis, index: number): TemplateResult {
  const critical = msg('critical');
  return html`<section class="scenario" aria-labelledby="scenario-${index}">
    <h3 id="scenario-${index}">${scenario.title}</h3>
    <p>
      ${msg(
        str`${runCount(scenario.runs)}, ${scenario.endedRuns} ended; ${criticalRuns(scenario.criticalRuns)}`,
      )}
    </p>
    ${scenario.scenes.map((scene) =>
      renderBars(
        msg(str`Scene “${scene.title}”: ${scene.decisions} decisions`),
        scene.choices.map((choice) => ({
          label: choice.text,
          percent: choice.share * 100,
          value: msg(str`${choice.count} (${formatShare(choice.share)})`),
          ...(choice.critical ? { mark: critical } : {}),
        })),
      ),
    )}
    ${renderBars(
      msg(str`Endings reached in “${scenario.title}”`),
      scenario.endings.map((ending) => ({
        label: `${ending.title} — ${outcomeLabel(ending.outcome)}`,
        percent: ending.share * 100,
        value: msg(str`${ending.count} (${formatShare(ending.share)})`),
        ...(ending.outcome === 'harmful' ? { mark: outcomeLabel('harmful') } : {}),
      })),
    )}
    <details>
      <summary>${msg(str`The decisions in “${scenario.title}” as a table`)}</summary>
      <cp-dashboard-table
        caption=${msg(str`Decisions in ${scenario.title}`)}
        filename=${`decisions-${scenario.activityId}`}
        .columns=${choiceColumns()}
        .rows=${choiceRows(scenario)}
      ></cp-dashboard-table>
    </details>
  </section>`;
}

export function renderScenarios(scenarios: readonly ScenarioAnalysis[]): TemplateResult {
  if (!scenarios.length) return html`<p>${msg('No scenario decisions in this data.')}</p>`;
  return html`${scenarios.map(renderScenario)}`;
}
