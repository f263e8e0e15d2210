/**
 * One pass over a dataset that every analysis starts from: records filtered by module and
 * version, attempts indexed by id (with the times their responses add), the attempts each
 * analysis reads, and each analysed attempt's item responses (the last answer per item).
 */
import type { Activity, Item, Module, Scenario } from '../content/schema.ts';
import type {
  AttemptRecord,
  DecisionRecord,
  ItemResponseRecord,
  ProgressRecord,
} from '../storage/records.ts';
import type { AnalysisOptions, Dataset } from './types.ts';

/** An attempt as the records tell it: its record when there is one, else what responses say. */
export interface AttemptInfo {
  readonly id: string;
  readonly learnerId: string;
  readonly moduleId: string;
  readonly activityId: string;
  readonly kind: 'quiz' | 'scenario';
  readonly attempt: number;
  record: AttemptRecord | undefined;
  /** Earliest and latest response. */
  firstAt: number | undefined;
  lastAt: number | undefined;
}

/** Content of one module, indexed for lookups. */
export interface ContentIndex {
  readonly module: Module;
  readonly activities: ReadonlyMap<string, Activity>;
  readonly items: ReadonlyMap<string, Item>;
  readonly order: ReadonlyMap<string, number>;
}

export interface Prepared {
  readonly options: AnalysisOptions;
  readonly names: ReadonlyMap<string, string>;
  readonly content: ReadonlyMap<string, ContentIndex>;
  /** Modules with any record, sorted. */
  readonly moduleIds: readonly string[];
  readonly progress: readonly ProgressRecord[];
  /** Every attempt of the filtered records. */
  readonly attempts: ReadonlyMap<string, AttemptInfo>;
  /** The attempts the item, scenario and tag analyses read. */
  readonly analysed: ReadonlySet<string>;
  /** Per analysed quiz attempt: item id → the last response to it. */
  readonly answers: ReadonlyMap<string, Map<string, ItemResponseRecord>>;
  /** Decisions of the analysed scenario runs. */
  readonly decisions: readonly DecisionRecord[];
}

export const contentKey = (activityId: string, itemId: string): string =>
  `${activityId}\u0000${itemId}`;

/** Compares "1.2.10" after "1.2.9". */
function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function indexContent(module: Module): ContentIndex {
  const activities = new Map<string, Activity>();
  const items = new Map<string, Item>();
  const order = new Map<string, number>();
  module.activities.forEach((activity, index) => {
    activities.set(activity.id, activity);
    order.set(activity.id, index);
    if (activity.type !== 'quiz') return;
    activity.items.forEach((item, itemIndex) => {
      items.set(contentKey(activity.id, item.id), item);
      order.set(contentKey(activity.id, item.id), itemIndex);
    });
  });
  return { module, activities, items, order };
}

/** One definition per module id: the version asked for, else the latest. */
function chooseModules(modules: readonly Module[], version: string | undefined) {
  const chosen = new Map<string, Module>();
  for (const module of modules) {
    const kept = chosen.get(module.id);
    const better =
      !kept ||
      (kept.version !== version &&
        (module.version === version || compareVersions(module.version, kept.version) > 0));
    if (better) chosen.set(module.id, module);
  }
  return new Map([...chosen].map(([id, module]) => [id, indexContent(module)]));
}

const startOf = (info: AttemptInfo): number =>
  info.record?.startedAt ?? info.firstAt ?? info.record?.endedAt ?? Number.POSITIVE_INFINITY;

/** Attempts in the order they were made: start, then number, then id. */
export const byStart = (a: AttemptInfo, b: AttemptInfo): number =>
  startOf(a) - startOf(b) || a.attempt - b.attempt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export const isEnded = (info: AttemptInfo): boolean =>
  info.record !== undefined && info.record.status !== 'in-progress';

function selectAttempts(
  attempts: ReadonlyMap<string, AttemptInfo>,
  options: AnalysisOptions,
): Set<string> {
  const selection = options.attempts ?? 'first';
  const groups = new Map<string, AttemptInfo[]>();
  for (const info of attempts.values()) {
    if (!options.includeUnfinished && !isEnded(info)) continue;
    const key = `${info.learnerId}\u0000${info.moduleId}\u0000${info.activityId}`;
    const group = groups.get(key);
    if (group) group.push(info);
    else groups.set(key, [info]);
  }
  const chosen = new Set<string>();
  for (const group of groups.values()) {
    if (selection === 'all') {
      for (const info of group) chosen.add(info.id);
      continue;
    }
    group.sort(byStart);
    const pick = selection === 'first' ? group[0] : group.at(-1);
    if (pick) chosen.add(pick.id);
  }
  return chosen;
}

export function prepare(dataset: Dataset, options: AnalysisOptions = {}): Prepared {
  const keep = (record: { moduleId: string; version: string }) =>
    (options.moduleId === undefined || record.moduleId === options.moduleId) &&
    (options.version === undefined || record.version === options.version);

  const attempts = new Map<string, AttemptInfo>();
  const moduleIds = new Set<string>();
  for (const record of dataset.attempts) {
    if (!keep(record)) continue;
    moduleIds.add(record.moduleId);
    attempts.set(record.id, {
      id: record.id,
      learnerId: record.learnerId,
      moduleId: record.moduleId,
      activityId: record.activityId,
      kind: record.kind,
      attempt: record.attempt,
      record,
      firstAt: undefined,
      lastAt: undefined,
    });
  }
  const responses = dataset.responses.filter(keep);
  for (const response of responses) {
    moduleIds.add(response.moduleId);
    let info = attempts.get(response.attemptId);
    if (!info) {
      info = {
        id: response.attemptId,
        learnerId: response.learnerId,
        moduleId: response.moduleId,
        activityId: response.activityId,
        kind: response.kind === 'item' ? 'quiz' : 'scenario',
        attempt: response.attempt,
        record: undefined,
        firstAt: undefined,
        lastAt: undefined,
      };
      attempts.set(info.id, info);
    }
    if (Number.isFinite(response.at)) {
      if (info.firstAt === undefined || response.at < info.firstAt) info.firstAt = response.at;
      if (info.lastAt === undefined || response.at > info.lastAt) info.lastAt = response.at;
    }
  }
  const progress = dataset.progress.filter(keep);
  for (const record of progress) moduleIds.add(record.moduleId);
  if (options.moduleId !== undefined && dataset.modules.some((m) => m.id === options.moduleId)) {
    moduleIds.add(options.moduleId);
  }

  const analysed = selectAttempts(attempts, options);
  const answers = new Map<string, Map<string, ItemResponseRecord>>();
  const decisions: DecisionRecord[] = [];
  for (const response of responses) {
    if (!analysed.has(response.attemptId)) continue;
    if (response.kind === 'decision') {
      decisions.push(response);
      continue;
    }
    let answered = answers.get(response.attemptId);
    if (!answered) answers.set(response.attemptId, (answered = new Map()));
    const key = contentKey(response.activityId, response.itemId);
    const earlier = answered.get(key);
    if (!earlier || response.at >= earlier.at) answered.set(key, response);
  }

  return {
    options,
    names: new Map(dataset.learners.map((learner) => [learner.id, learner.name])),
    content: chooseModules(dataset.modules, options.version),
    moduleIds: [...moduleIds].sort(),
    progress,
    attempts,
    analysed,
    answers,
    decisions,
  };
}

export const scenarioOf = (index: ContentIndex | undefined, activityId: string) => {
  const activity = index?.activities.get(activityId);
  return activity?.type === 'scenario' ? (activity as Scenario) : undefined;
};

/** Rounds away float noise for display and export (null stays null). */
export const round = (value: number | null, digits = 4): number | null =>
  value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits;
