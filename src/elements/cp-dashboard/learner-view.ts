/** One learner's full history: modules, attempts, answers and scenario decisions. */
import { learnerCount } from './counts.ts';
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import type { LearnerModuleSummary } from '../../analytics/types.ts';
import type { AttemptRecord, DecisionRecord, ItemResponseRecord } from '../../storage/records.ts';
import type { Column } from './data-table.ts';
import './data-table.ts';
import { formatPercent, isoTime, percentOf } from './format.ts';
import type { LearnerHistory } from './data.ts';
import { describeResponse, key, type HistoryIndex } from './history.ts';
import { outcomeLabel, statusLabel, yesNo } from './labels.ts';
import { learnerColumns } from './learners-view.ts';

export interface LearnerViewModel {
  readonly index: HistoryIndex;
  readonly learnerId: string | undefined;
  readonly summaries: readonly LearnerModuleSummary[];
  readonly search: string;
  readonly onSearch: (search: string) => void;
  readonly onOpen: (learnerId: string) => void;
}

const MATCHES_SHOWN = 20;

const percentCell = <Row>(id: string, label: string, share: (row: Row) => number | null) =>
  ({
    id,
    label,
    numeric: true,
    value: (row: Row) => percentOf(share(row)),
    format: (value: unknown) => formatPercent(value as number | null),
  }) satisfies Column<Row>;

function attemptColumns(index: HistoryIndex): Column<AttemptRecord>[] {
  return [
    {
      id: 'activity',
      label: msg('Activity'),
      value: (row) => index.activities.get(key(row.moduleId, row.activityId)) ?? row.activityId,
    },
    {
      id: 'module',
      label: msg('Module'),
      value: (row) => index.modules.get(row.moduleId) ?? row.moduleId,
    },
    { id: 'attempt', label: msg('Attempt'), numeric: true, value: (row) => row.attempt },
    {
      id: 'status',
      label: msg('Status'),
      value: (row) =>
        row.status === 'in-progress' ? statusLabel('in-progress') : statusLabel(row.status),
    },
    percentCell('score', msg('Score (%)'), (row: AttemptRecord) => row.score?.scaled ?? null),
    {
      id: 'outcome',
      label: msg('Ending'),
      value: (row) => (row.outcome ? outcomeLabel(row.outcome) : null),
    },
    { id: 'started', label: msg('Started (UTC)'), value: (row) => isoTime(row.startedAt) },
    { id: 'ended', label: msg('Ended (UTC)'), value: (row) => isoTime(row.endedAt) },
  ];
}

function answerColumns(index: HistoryIndex): Column<ItemResponseRecord>[] {
  const item = (row: ItemResponseRecord) =>
    index.items.get(key(row.moduleId, row.activityId, row.itemId));
  return [
    { id: 'item', label: msg('Item'), value: (row) => item(row)?.prompt ?? row.itemId },
    {
      id: 'activity',
      label: msg('Activity'),
      value: (row) => index.activities.get(key(row.moduleId, row.activityId)) ?? row.activityId,
    },
    { id: 'attempt', label: msg('Attempt'), numeric: true, value: (row) => row.attempt },
    {
      id: 'answer',
      label: msg('Answer'),
      value: (row) => describeResponse(row.response, item(row)),
    },
    {
      id: 'correct',
      label: msg('Correct'),
      value: (row) => row.correct,
      format: (value) => yesNo(value as boolean),
    },
    percentCell('score', msg('Score (%)'), (row: ItemResponseRecord) => row.score.scaled),
    {
      id: 'latency',
      label: msg('Time (s)'),
      numeric: true,
      value: (row) => Math.round(row.latency / 100) / 10,
    },
    { id: 'at', label: msg('Answered (UTC)'), value: (row) => isoTime(row.at) },
  ];
}

function decisionColumns(index: HistoryIndex): Column<DecisionRecord>[] {
  return [
    {
      id: 'scene',
      label: msg('Scene'),
      value: (row) =>
        index.scenes.get(key(row.moduleId, row.activityId, row.sceneId)) ?? row.sceneId,
    },
    {
      id: 'choice',
      label: msg('Choice'),
      value: (row) =>
        index.scenes.get(key(row.moduleId, row.activityId, row.sceneId, row.choiceId)) ??
        row.choiceId,
    },
    {
      id: 'activity',
      label: msg('Scenario'),
      value: (row) => index.activities.get(key(row.moduleId, row.activityId)) ?? row.activityId,
    },
    { id: 'attempt', label: msg('Run'), numeric: true, value: (row) => row.attempt },
    { id: 'delta', label: msg('Score change'), numeric: true, value: (row) => row.scoreDelta },
    {
      id: 'critical',
      label: msg('Critical'),
      value: (row) => row.critical,
      format: (value) => yesNo(value as boolean),
    },
    { id: 'at', label: msg('Decided (UTC)'), value: (row) => isoTime(row.at) },
  ];
}

function renderPicker(model: LearnerViewModel): TemplateResult {
  const needle = model.search.trim().toLocaleLowerCase();
  const matches = needle
    ? [...model.index.names].filter(
        ([id, name]) =>
          name.toLocaleLowerCase().includes(needle) || id.toLocaleLowerCase().includes(needle),
      )
    : [];
  return html`<form
      class="filters"
      role="search"
      @submit=${(event: Event) => event.preventDefault()}
    >
      <label class="field">
        ${msg('Find a learner by name or id')}
        <input
          type="search"
          .value=${model.search}
          @input=${(event: Event) => model.onSearch((event.target as HTMLInputElement).value)}
        />
      </label>
    </form>
    ${
      needle
        ? html`<p role="status">${msg(str`${learnerCount(matches.length)} found.`)}</p>
            <ul class="matches">
              ${matches.slice(0, MATCHES_SHOWN).map(
                ([id, name]) =>
                  html`<li>
                    <button class="link" @click=${() => model.onOpen(id)}>${name}</button>
                  </li>`,
              )}
            </ul>`
        : nothing
    }`;
}

export function renderLearner(model: LearnerViewModel, records: LearnerHistory): TemplateResult {
  const { index, learnerId } = model;
  if (learnerId === undefined) {
    return html`<p>${msg('Choose a learner in the learners table, or find one here.')}</p>
      ${renderPicker(model)}`;
  }
  const name = index.names.get(learnerId) ?? learnerId;
  return html`${renderPicker(model)}
    <h3>${name} <span class="muted">(${learnerId})</span></h3>
    <cp-dashboard-table
      caption=${msg(str`Modules of ${name}`)}
      filename="learner-modules"
      .columns=${learnerColumns(() => undefined).slice(1)}
      .rows=${model.summaries}
    ></cp-dashboard-table>
    <cp-dashboard-table
      caption=${msg(str`Attempts of ${name}`)}
      filename="learner-attempts"
      .columns=${attemptColumns(index)}
      .rows=${records.attempts}
    ></cp-dashboard-table>
    <cp-dashboard-table
      caption=${msg(str`Answers of ${name}`)}
      filename="learner-answers"
      .columns=${answerColumns(index)}
      .rows=${records.answers}
    ></cp-dashboard-table>
    <cp-dashboard-table
      caption=${msg(str`Scenario decisions of ${name}`)}
      filename="learner-decisions"
      .columns=${decisionColumns(index)}
      .rows=${records.decisions}
    ></cp-dashboard-table>`;
}
