/**
 * Trainer analytics: pure functions over storage records and module definitions. No DOM, no
 * IndexedDB — they run in node (the `report` command), in a page (<cp-dashboard>) and in a
 * worker. Types and conventions: types.ts.
 */
export type * from './types.ts';
export { emptyDataset, mergeDatasets, parseResults } from './dataset.ts';
export { summariseLearners, summariseModules } from './learners.ts';
export { analyseItems, discriminationIndex, ITEM_FLAG_THRESHOLDS } from './items.ts';
export { ANSWER_LIMIT } from './options.ts';
export { analyseScenarios } from './scenarios.ts';
export { tagMastery } from './tags.ts';
export { analyse } from './report.ts';
export { csvCell, toCsv } from './csv.ts';
export {
  ITEM_COLUMNS,
  LEARNER_COLUMNS,
  MODULE_COLUMNS,
  SCENARIO_COLUMNS,
  TAG_COLUMNS,
  type ScenarioChoiceRow,
  scenarioChoiceRows,
} from './tables.ts';
export { generateDataset } from './generate.ts';
