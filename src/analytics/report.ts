/** Every table of the trainer's report from one preparation of the dataset. */
import { itemRows } from './items.ts';
import { learnerRows, moduleRows } from './learners.ts';
import { prepare } from './prepare.ts';
import { scenarioRows } from './scenarios.ts';
import { tagRows } from './tags.ts';
import type { AnalysisOptions, AnalyticsReport, Dataset } from './types.ts';

export function analyse(dataset: Dataset, options: AnalysisOptions = {}): AnalyticsReport {
  const prepared = prepare(dataset, options);
  const learners = learnerRows(prepared);
  return {
    learners,
    modules: moduleRows(prepared, learners),
    items: itemRows(prepared),
    scenarios: scenarioRows(prepared),
    tags: tagRows(prepared),
  };
}
