/**
 * Scenario decisions: per scene how often each choice was taken and how often it was a critical
 * error, which endings and outcomes the runs reached, and the most common paths. Every recorded
 * decision counts, including one the learner later stepped back from: it is still a choice the
 * learner made first. Paths are the ones recorded when a run ended (without stepped-back
 * choices); for a run without one, its decisions in time order.
 */
import type { Scenario } from '../content/schema.ts';
import { plainText } from '../content/plain-text.ts';
import type { DecisionRecord } from '../storage/records.ts';
import { isEnded, prepare, scenarioOf, type AttemptInfo, type Prepared } from './prepare.ts';
import { ratio } from './stats.ts';
import type {
  AnalysisOptions,
  ChoiceStatistics,
  Dataset,
  EndingCount,
  PathCount,
  ScenarioAnalysis,
  SceneStatistics,
} from './types.ts';

const DEFAULT_TOP_PATHS = 5;
const text = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

interface Tally {
  count: number;
  critical: number;
  delta: number;
}

interface ScenarioTally {
  readonly moduleId: string;
  readonly activityId: string;
  readonly runs: AttemptInfo[];
  readonly scenes: Map<string, Map<string, Tally>>;
  readonly decisions: Map<string, DecisionRecord[]>;
}

function sceneRows(scenario: Scenario | undefined, tally: ScenarioTally): SceneStatistics[] {
  const sceneIds = [
    ...(scenario?.scenes.map((scene) => scene.id) ?? []),
    ...[...tally.scenes.keys()]
      .filter((id) => !scenario?.scenes.some((scene) => scene.id === id))
      .sort(text),
  ];
  return sceneIds.map((sceneId) => {
    const scene = scenario?.scenes.find((candidate) => candidate.id === sceneId);
    const counts = tally.scenes.get(sceneId) ?? new Map<string, Tally>();
    let decisions = 0;
    let critical = 0;
    for (const value of counts.values()) {
      decisions += value.count;
      critical += value.critical;
    }
    const choiceIds = [
      ...(scene?.choices.map((choice) => choice.id) ?? []),
      ...[...counts.keys()].filter((id) => !scene?.choices.some((c) => c.id === id)).sort(text),
    ];
    const choices = choiceIds.map((choiceId): ChoiceStatistics => {
      const choice = scene?.choices.find((candidate) => candidate.id === choiceId);
      const value = counts.get(choiceId) ?? { count: 0, critical: 0, delta: 0 };
      return {
        choiceId,
        text: choice ? plainText(choice.text) : choiceId,
        critical: choice?.critical === true || value.critical > 0,
        count: value.count,
        share: ratio(value.count, decisions),
        criticalCount: value.critical,
        criticalRate: ratio(value.critical, value.count),
        meanScoreDelta: value.count ? value.delta / value.count : (choice?.score ?? 0),
      };
    });
    return {
      sceneId,
      title: scene?.title ?? sceneId,
      decisions,
      criticalRate: ratio(critical, decisions),
      choices,
    };
  });
}

function endingRows(scenario: Scenario | undefined, ended: readonly AttemptInfo[]): EndingCount[] {
  const counts = new Map<string, number>();
  const outcomes = new Map<string, EndingCount['outcome']>();
  for (const info of ended) {
    const id = info.record?.endingId;
    if (id === undefined) continue;
    counts.set(id, (counts.get(id) ?? 0) + 1);
    if (info.record?.outcome !== undefined) outcomes.set(id, info.record.outcome);
  }
  const ids = [
    ...(scenario?.endings.map((ending) => ending.id) ?? []),
    ...[...counts.keys()].filter((id) => !scenario?.endings.some((e) => e.id === id)).sort(text),
  ];
  return ids.map((endingId) => {
    const ending = scenario?.endings.find((candidate) => candidate.id === endingId);
    const count = counts.get(endingId) ?? 0;
    return {
      endingId,
      title: ending?.title ?? endingId,
      outcome: ending?.outcome ?? outcomes.get(endingId) ?? null,
      count,
      share: ratio(count, ended.length),
    };
  });
}

function pathRows(tally: ScenarioTally, ended: readonly AttemptInfo[], top: number): PathCount[] {
  const counts = new Map<string, { path: string[]; count: number }>();
  for (const info of ended) {
    const path =
      info.record?.path ??
      (tally.decisions.get(info.id) ?? [])
        .slice()
        .sort((a, b) => a.at - b.at)
        .map((decision) => decision.choiceId);
    const key = path.join('\u0000');
    const found = counts.get(key);
    if (found) found.count++;
    else counts.set(key, { path: [...path], count: 1 });
  }
  return [...counts.entries()]
    .sort(([ka, a], [kb, b]) => b.count - a.count || text(ka, kb))
    .slice(0, Math.max(0, Math.floor(top)))
    .map(([, { path, count }]) => ({ path, count, share: ratio(count, ended.length) }));
}

export function scenarioRows(prepared: Prepared): ScenarioAnalysis[] {
  const tallies = new Map<string, ScenarioTally>();
  const tallyOf = (moduleId: string, activityId: string) => {
    const key = `${moduleId}\u0000${activityId}`;
    let tally = tallies.get(key);
    if (!tally) {
      tally = { moduleId, activityId, runs: [], scenes: new Map(), decisions: new Map() };
      tallies.set(key, tally);
    }
    return tally;
  };
  for (const id of prepared.analysed) {
    const info = prepared.attempts.get(id);
    if (info?.kind === 'scenario') tallyOf(info.moduleId, info.activityId).runs.push(info);
  }
  for (const decision of prepared.decisions) {
    const tally = tallyOf(decision.moduleId, decision.activityId);
    let scene = tally.scenes.get(decision.sceneId);
    if (!scene) tally.scenes.set(decision.sceneId, (scene = new Map()));
    let value = scene.get(decision.choiceId);
    if (!value) scene.set(decision.choiceId, (value = { count: 0, critical: 0, delta: 0 }));
    value.count++;
    if (decision.critical) value.critical++;
    value.delta += Number.isFinite(decision.scoreDelta) ? decision.scoreDelta : 0;
    const list = tally.decisions.get(decision.attemptId);
    if (list) list.push(decision);
    else tally.decisions.set(decision.attemptId, [decision]);
  }
  // Scenarios of the analysed modules that nobody ran are listed too.
  for (const moduleId of prepared.moduleIds) {
    for (const activity of prepared.content.get(moduleId)?.module.activities ?? []) {
      if (activity.type === 'scenario') tallyOf(moduleId, activity.id);
    }
  }
  const top = prepared.options.topPaths ?? DEFAULT_TOP_PATHS;
  const rows = [...tallies.values()].map((tally): ScenarioAnalysis => {
    const index = prepared.content.get(tally.moduleId);
    const scenario = scenarioOf(index, tally.activityId);
    const ended = tally.runs.filter(isEnded);
    const outcomes = { good: 0, mixed: 0, harmful: 0 };
    for (const info of ended) {
      const outcome = info.record?.outcome;
      if (outcome !== undefined) outcomes[outcome]++;
    }
    return {
      moduleId: tally.moduleId,
      activityId: tally.activityId,
      title: scenario?.title ?? tally.activityId,
      runs: tally.runs.length,
      endedRuns: ended.length,
      criticalRuns: ended.filter((info) => info.record?.critical === true).length,
      scenes: sceneRows(scenario, tally),
      endings: endingRows(scenario, ended),
      outcomes,
      paths: pathRows(tally, ended, top),
    };
  });
  const order = (row: ScenarioAnalysis) =>
    prepared.content.get(row.moduleId)?.order.get(row.activityId) ?? Number.MAX_SAFE_INTEGER;
  return rows.sort(
    (a, b) =>
      text(a.moduleId, b.moduleId) || order(a) - order(b) || text(a.activityId, b.activityId),
  );
}

/** Decisions, endings and paths per scenario, over the analysed runs (see `AttemptSelection`). */
export function analyseScenarios(
  dataset: Dataset,
  options: AnalysisOptions = {},
): ScenarioAnalysis[] {
  return scenarioRows(prepare(dataset, options));
}
