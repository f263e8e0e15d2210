/**
 * The report's tables as columns: the same definitions feed the CSV export (`toCsv`), the
 * terminal report and any table a page draws. Shares and scores are percentages with one
 * decimal, correlations three decimals, durations minutes with one decimal, times ISO 8601 (UTC);
 * a value the data cannot define is an empty cell.
 */
import { round } from './prepare.ts';
import type {
  CsvColumn,
  ItemAnalysis,
  LearnerModuleSummary,
  ModuleSummary,
  ScenarioAnalysis,
  TagMastery,
} from './types.ts';

/** One row per scenario × scene × choice: the flat form of `ScenarioAnalysis` for tables. */
export interface ScenarioChoiceRow {
  readonly moduleId: string;
  readonly activityId: string;
  readonly scenario: string;
  readonly sceneId: string;
  readonly scene: string;
  readonly choiceId: string;
  readonly choice: string;
  readonly critical: boolean;
  readonly count: number;
  readonly share: number;
  readonly criticalRate: number;
}

export function scenarioChoiceRows(scenarios: readonly ScenarioAnalysis[]): ScenarioChoiceRow[] {
  return scenarios.flatMap((scenario) =>
    scenario.scenes.flatMap((scene) =>
      scene.choices.map((choice) => ({
        moduleId: scenario.moduleId,
        activityId: scenario.activityId,
        scenario: scenario.title,
        sceneId: scene.sceneId,
        scene: scene.title,
        choiceId: choice.choiceId,
        choice: choice.text,
        critical: choice.critical,
        count: choice.count,
        share: choice.share,
        criticalRate: choice.criticalRate,
      })),
    ),
  );
}

const percent = (value: number | null): number | null =>
  value === null ? null : round(value * 100, 1);
const minutes = (ms: number | null): number | null => (ms === null ? null : round(ms / 60_000, 1));
const iso = (time: number | null): string | null =>
  time === null || !Number.isFinite(time) ? null : new Date(time).toISOString();

export const LEARNER_COLUMNS: readonly CsvColumn<LearnerModuleSummary>[] = [
  { header: 'Module', value: (r) => r.moduleId },
  { header: 'Learner', value: (r) => r.learnerName },
  { header: 'Learner id', value: (r) => r.learnerId },
  { header: 'Status', value: (r) => r.status },
  { header: 'Attempts', value: (r) => r.attempts },
  { header: 'Score %', value: (r) => percent(r.score) },
  { header: 'Best %', value: (r) => percent(r.bestScore) },
  { header: 'Last %', value: (r) => percent(r.lastScore) },
  { header: 'Time (min)', value: (r) => minutes(r.timeSpent) },
  { header: 'Started', value: (r) => iso(r.startedAt) },
  { header: 'Completed', value: (r) => iso(r.completedAt) },
];

export const MODULE_COLUMNS: readonly CsvColumn<ModuleSummary>[] = [
  { header: 'Module', value: (r) => r.moduleId },
  { header: 'Title', value: (r) => r.moduleTitle },
  { header: 'Learners', value: (r) => r.learners },
  { header: 'Not started', value: (r) => r.statusCounts['not-started'] },
  { header: 'In progress', value: (r) => r.statusCounts['in-progress'] },
  { header: 'Passed', value: (r) => r.statusCounts.passed },
  { header: 'Failed', value: (r) => r.statusCounts.failed },
  { header: 'Completed', value: (r) => r.statusCounts.completed },
  { header: 'Completion %', value: (r) => percent(r.completionRate) },
  { header: 'Pass %', value: (r) => percent(r.passRate) },
  { header: 'Mean score %', value: (r) => percent(r.meanScore) },
  { header: 'Median score %', value: (r) => percent(r.medianScore) },
  { header: 'Median time (min)', value: (r) => minutes(r.medianTime) },
];

export const ITEM_COLUMNS: readonly CsvColumn<ItemAnalysis>[] = [
  { header: 'Module', value: (r) => r.moduleId },
  { header: 'Activity', value: (r) => r.activityId },
  { header: 'Item', value: (r) => r.itemId },
  { header: 'Type', value: (r) => r.itemType },
  { header: 'Responses', value: (r) => r.responses },
  { header: 'Facility %', value: (r) => percent(r.facility) },
  { header: 'SD %', value: (r) => percent(r.sd) },
  { header: 'Discrimination', value: (r) => round(r.discriminationIndex, 3) },
  { header: 'Point-biserial', value: (r) => round(r.pointBiserial, 3) },
  { header: 'Corrected r', value: (r) => round(r.correctedPointBiserial, 3) },
  { header: 'Efficiency %', value: (r) => percent(r.discriminationEfficiency) },
  { header: 'Flags', value: (r) => r.flags.join(' ') },
  {
    header: 'Options',
    value: (r) => r.options.map((o) => `${o.correct ? '*' : ''}${o.id}:${o.count}`).join(' '),
  },
  { header: 'Prompt', value: (r) => r.prompt },
];

export const SCENARIO_COLUMNS: readonly CsvColumn<ScenarioChoiceRow>[] = [
  { header: 'Module', value: (r) => r.moduleId },
  { header: 'Scenario', value: (r) => r.activityId },
  { header: 'Scene', value: (r) => r.sceneId },
  { header: 'Choice', value: (r) => r.choiceId },
  { header: 'Critical', value: (r) => (r.critical ? 'yes' : '') },
  { header: 'Chosen', value: (r) => r.count },
  { header: 'Share %', value: (r) => percent(r.share) },
  { header: 'Critical %', value: (r) => percent(r.criticalRate) },
  { header: 'Text', value: (r) => r.choice },
];

export const TAG_COLUMNS: readonly CsvColumn<TagMastery>[] = [
  { header: 'Tag', value: (r) => r.tag },
  { header: 'Learners', value: (r) => r.learners },
  { header: 'Item responses', value: (r) => r.itemResponses },
  { header: 'Decisions', value: (r) => r.decisions },
  { header: 'Mastery %', value: (r) => percent(r.mastery) },
  { header: 'Items %', value: (r) => percent(r.itemMastery) },
  { header: 'Decisions %', value: (r) => percent(r.decisionMastery) },
];
