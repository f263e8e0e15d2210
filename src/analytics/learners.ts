/**
 * Learner × module summaries (status, scores, time) and the module summaries built from them.
 * Every attempt counts here, whatever the analysis's attempt selection.
 */
import type { Module } from '../content/schema.ts';
import { grade } from '../engine/policy.ts';
import { byStart, isEnded, prepare, type AttemptInfo, type Prepared } from './prepare.ts';
import { clamp, finite, mean, median, ratio, ratioOrNull } from './stats.ts';
import type {
  AnalysisOptions,
  Dataset,
  LearnerActivitySummary,
  LearnerModuleSummary,
  LearnerStatus,
  ModuleSummary,
  ScoreBin,
} from './types.ts';

const scoreOf = (info: AttemptInfo): number => clamp(finite(info.record?.score?.scaled), 0, 1);

/** Whether a pass mark in percent is reached, with the engine's tolerance for float error. */
const reaches = (scaled: number, passMark: number): boolean => scaled * 100 + 1e-9 >= passMark;

interface ActivityPlan {
  readonly id: string;
  readonly title: string;
  readonly kind: 'quiz' | 'scenario';
  readonly scored: boolean;
}

/** The quizzes and scenarios a learner has to end: the module's, else those seen in attempts. */
function activityPlan(module: Module | undefined, seen: readonly AttemptInfo[]): ActivityPlan[] {
  if (module) {
    return module.activities.flatMap((activity): ActivityPlan[] =>
      activity.type === 'lesson'
        ? []
        : [
            {
              id: activity.id,
              title: activity.title,
              kind: activity.type,
              scored: activity.type === 'quiz' || activity.mode === 'assessment',
            },
          ],
    );
  }
  const plans = new Map<string, ActivityPlan>();
  for (const info of [...seen].sort(byStart)) {
    // A practice scenario's ended attempt carries no `passed`.
    const scored = info.kind === 'quiz' || info.record?.passed !== undefined;
    const known = plans.get(info.activityId);
    plans.set(info.activityId, {
      id: info.activityId,
      title: info.activityId,
      kind: info.kind,
      scored: scored || (known?.scored ?? false),
    });
  }
  return [...plans.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function summariseActivity(plan: ActivityPlan, attempts: readonly AttemptInfo[]) {
  const ordered = [...attempts].sort(byStart);
  const ended = ordered.filter(isEnded);
  const graded = ended.map((info) => ({
    info,
    score: { raw: 0, min: 0, max: 1, scaled: scoreOf(info) },
    passed: info.record?.passed ?? false,
  }));
  const grading = ordered.at(-1)?.record?.policy.grading ?? 'best';
  const counted = grade(graded, grading);
  const best = graded.length ? Math.max(...graded.map((g) => g.score.scaled)) : null;
  const summary: LearnerActivitySummary = {
    activityId: plan.id,
    activityTitle: plan.title,
    kind: plan.kind,
    attempts: ordered.length,
    endedAttempts: ended.length,
    bestScore: best,
    lastScore: graded.at(-1)?.score.scaled ?? null,
    gradedScore: counted?.score.scaled ?? null,
    passed: counted ? (counted.info.record?.passed ?? null) : null,
  };
  const firstEnd = ended.reduce<number | null>((earliest, info) => {
    const at = info.record?.endedAt;
    return at === undefined || !Number.isFinite(at) ? earliest : Math.min(earliest ?? at, at);
  }, null);
  return { summary, firstEnd };
}

/** Milliseconds from an attempt's start to its end (or its last response while open). */
function duration(info: AttemptInfo): number {
  const start = info.record?.startedAt ?? info.firstAt;
  const end = info.record?.endedAt ?? info.lastAt;
  return start !== undefined && end !== undefined ? Math.max(0, finite(end - start)) : 0;
}

function moduleScore(
  plans: readonly ActivityPlan[],
  rows: readonly LearnerActivitySummary[],
  pick: (row: LearnerActivitySummary) => number | null,
): number | null {
  const scored = plans.filter((plan) => plan.scored);
  const values = scored.map((plan) => pick(rows.find((row) => row.activityId === plan.id)!));
  if (!values.some((value) => value !== null)) return null;
  return mean(values.map((value) => value ?? 0));
}

function statusOf(
  started: boolean,
  plans: readonly ActivityPlan[],
  rows: readonly LearnerActivitySummary[],
  score: number | null,
  passMark: number,
): LearnerStatus {
  if (!started) return 'not-started';
  const done = plans.length > 0 && rows.every((row) => row.endedAttempts > 0);
  if (!done) return 'in-progress';
  if (!plans.some((plan) => plan.scored)) return 'completed';
  return reaches(score ?? 0, passMark) ? 'passed' : 'failed';
}

function summariseOne(
  prepared: Prepared,
  learnerId: string,
  moduleId: string,
  attempts: readonly AttemptInfo[],
  progressTimes: readonly number[],
): LearnerModuleSummary {
  const module = prepared.content.get(moduleId)?.module;
  const plans = activityPlan(module, attempts);
  const results = plans.map((plan) =>
    summariseActivity(
      plan,
      attempts.filter((info) => info.activityId === plan.id),
    ),
  );
  const rows = results.map((result) => result.summary);
  const passMark =
    module?.assessment.passMark ??
    attempts.find((info) => info.record)?.record?.policy.passMark ??
    100;
  const score = moduleScore(plans, rows, (row) => row.gradedScore);
  const status = statusOf(
    attempts.length > 0 || progressTimes.length > 0,
    plans,
    rows,
    score,
    passMark,
  );
  const times = [
    ...progressTimes,
    ...attempts.flatMap((info) => [
      info.record?.startedAt,
      info.record?.endedAt,
      info.firstAt,
      info.lastAt,
    ]),
  ].filter((time): time is number => time !== undefined && Number.isFinite(time));
  const finished = status === 'passed' || status === 'failed' || status === 'completed';
  const ends = results.map((result) => result.firstEnd);
  return {
    learnerId,
    learnerName: prepared.names.get(learnerId) ?? learnerId,
    moduleId,
    moduleTitle: module?.title ?? moduleId,
    status,
    attempts: attempts.length,
    score,
    bestScore: moduleScore(plans, rows, (row) => row.bestScore),
    lastScore: moduleScore(plans, rows, (row) => row.lastScore),
    timeSpent: attempts.reduce((sum, info) => sum + duration(info), 0),
    startedAt: times.length ? Math.min(...times) : null,
    lastActiveAt: times.length ? Math.max(...times) : null,
    completedAt:
      finished && ends.every((end) => end !== null) && ends.length
        ? Math.max(...(ends as number[]))
        : null,
    activities: rows,
  };
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function learnerRows(prepared: Prepared): LearnerModuleSummary[] {
  const groups = new Map<string, { attempts: AttemptInfo[]; progress: number[] }>();
  const group = (learnerId: string, moduleId: string) => {
    const key = `${moduleId}\u0000${learnerId}`;
    let found = groups.get(key);
    if (!found) groups.set(key, (found = { attempts: [], progress: [] }));
    return found;
  };
  for (const info of prepared.attempts.values()) {
    group(info.learnerId, info.moduleId).attempts.push(info);
  }
  for (const record of prepared.progress) {
    group(record.learnerId, record.moduleId).progress.push(record.startedAt, record.savedAt);
  }
  for (const moduleId of prepared.moduleIds) {
    for (const learnerId of prepared.names.keys()) group(learnerId, moduleId);
  }
  const rows = [...groups].map(([key, { attempts, progress }]) => {
    const [moduleId = '', learnerId = ''] = key.split('\u0000');
    return summariseOne(prepared, learnerId, moduleId, attempts, progress);
  });
  return rows.sort(
    (a, b) =>
      compareText(a.moduleId, b.moduleId) ||
      compareText(a.learnerName, b.learnerName) ||
      compareText(a.learnerId, b.learnerId),
  );
}

/**
 * One row per learner × module: every learner with an attempt, a response or progress in a
 * module, and every learner record as `not-started` in the other modules of the dataset.
 */
export function summariseLearners(
  dataset: Dataset,
  options: AnalysisOptions = {},
): LearnerModuleSummary[] {
  return learnerRows(prepare(dataset, options));
}

const DEFAULT_BINS = 10;

export function scoreBins(scores: readonly number[], bins: number): ScoreBin[] {
  const count = Math.max(1, Math.min(1_000, Math.floor(finite(bins, DEFAULT_BINS))));
  const result = Array.from({ length: count }, (_, index) => ({
    from: index / count,
    to: (index + 1) / count,
    count: 0,
  }));
  for (const score of scores) {
    // The tolerance keeps 0.7 (stored as 0.6999…) in the 0.7 bin.
    const index = Math.min(count - 1, Math.max(0, Math.floor(score * count + 1e-9)));
    result[index]!.count++;
  }
  return result;
}

export function moduleRows(
  prepared: Prepared,
  learners: readonly LearnerModuleSummary[],
): ModuleSummary[] {
  return prepared.moduleIds.map((moduleId) => {
    const rows = learners.filter((row) => row.moduleId === moduleId);
    const statusCounts: Record<LearnerStatus, number> = {
      'not-started': 0,
      'in-progress': 0,
      passed: 0,
      failed: 0,
      completed: 0,
    };
    for (const row of rows) statusCounts[row.status]++;
    const finished = rows.filter(
      (row) => row.status === 'passed' || row.status === 'failed' || row.status === 'completed',
    );
    const scores = rows.flatMap((row) => (row.score === null ? [] : [row.score]));
    return {
      moduleId,
      moduleTitle: prepared.content.get(moduleId)?.module.title ?? moduleId,
      learners: rows.length,
      statusCounts,
      completionRate: ratio(finished.length, rows.length),
      passRate: ratioOrNull(statusCounts.passed, statusCounts.passed + statusCounts.failed),
      meanScore: mean(scores),
      medianScore: median(scores),
      scoreDistribution: scoreBins(scores, prepared.options.scoreBins ?? DEFAULT_BINS),
      medianTime: median(finished.map((row) => row.timeSpent)),
    };
  });
}

/** One row per module with records. */
export function summariseModules(dataset: Dataset, options: AnalysisOptions = {}): ModuleSummary[] {
  const prepared = prepare(dataset, options);
  return moduleRows(prepared, learnerRows(prepared));
}
