/**
 * Classical item analysis, as Moodle's quiz statistics report it: facility, standard deviation,
 * discrimination (upper − lower group, point-biserial, corrected point-biserial, efficiency) and
 * how often each option was chosen. One pass over the analysed responses builds, per item, the
 * item score and the attempt's total of every attempt that answered it.
 */
import type { Item } from '../content/schema.ts';
import { plainText } from '../content/plain-text.ts';
import type { ItemResponseRecord } from '../storage/records.ts';
import { optionCounts } from './options.ts';
import { contentKey, prepare, type Prepared } from './prepare.ts';
import { clamp, covarianceEfficiency, finite, mean, pearson, sampleSd } from './stats.ts';
import type {
  AnalysisOptions,
  Dataset,
  ItemAnalysis,
  ItemFlag,
  ItemFlagThresholds,
} from './types.ts';

/**
 * Flag thresholds. Facility above 0.9 or below 0.2 follows the usual reading of classical item
 * analysis (most testing centres flag outside 0.2–0.9); a discrimination index or corrected
 * point-biserial below 0 means stronger learners did worse on the item than weaker ones. The
 * upper and lower groups are the top and bottom 27 % (Kelley), which maximises the contrast
 * while keeping the groups large.
 */
export const ITEM_FLAG_THRESHOLDS: ItemFlagThresholds = {
  tooEasyAbove: 0.9,
  tooHardBelow: 0.2,
  negativeDiscriminationBelow: 0,
  groupShare: 0.27,
};

interface Observation {
  readonly learnerId: string;
  readonly attemptId: string;
  readonly score: number;
  readonly raw: number;
  readonly total: number;
  readonly response: ItemResponseRecord;
}

/**
 * Mean item score of the top group minus the bottom group, attempts ranked by total (ties by
 * learner, then attempt id, so the split is the same on every run). Each group holds
 * round(share × n) attempts, at least 1 and at most n / 2. Null below two attempts or when every
 * total is equal.
 */
export function discriminationIndex(
  observations: readonly { score: number; total: number; learnerId: string; attemptId: string }[],
  share: number,
): number | null {
  const n = observations.length;
  if (n < 2) return null;
  const ranked = [...observations].sort(
    (a, b) =>
      b.total - a.total ||
      (a.learnerId < b.learnerId ? -1 : a.learnerId > b.learnerId ? 1 : 0) ||
      (a.attemptId < b.attemptId ? -1 : a.attemptId > b.attemptId ? 1 : 0),
  );
  if (ranked[0]!.total === ranked[n - 1]!.total) return null;
  const size = Math.min(
    Math.floor(n / 2),
    Math.max(1, Math.round(clamp(finite(share), 0, 0.5) * n)),
  );
  const upper = mean(ranked.slice(0, size).map((o) => o.score)) ?? 0;
  const lower = mean(ranked.slice(n - size).map((o) => o.score)) ?? 0;
  return clamp(upper - lower, -1, 1);
}

function flagsOf(
  facility: number | null,
  index: number | null,
  corrected: number | null,
  thresholds: ItemFlagThresholds,
): ItemFlag[] {
  const flags: ItemFlag[] = [];
  if (facility !== null && facility > thresholds.tooEasyAbove) flags.push('too-easy');
  if (facility !== null && facility < thresholds.tooHardBelow) flags.push('too-hard');
  if (
    (index !== null && index < thresholds.negativeDiscriminationBelow) ||
    (corrected !== null && corrected < thresholds.negativeDiscriminationBelow)
  ) {
    flags.push('negative-discrimination');
  }
  return flags;
}

/** Per item key: every analysed attempt's last answer, with the attempt's total. */
function observe(prepared: Prepared): Map<string, Observation[]> {
  const byItem = new Map<string, Observation[]>();
  for (const [attemptId, answered] of prepared.answers) {
    let total = 0;
    for (const response of answered.values()) total += finite(response.score.raw);
    for (const response of answered.values()) {
      const key = `${response.moduleId}\u0000${contentKey(response.activityId, response.itemId)}`;
      let list = byItem.get(key);
      if (!list) byItem.set(key, (list = []));
      list.push({
        learnerId: response.learnerId,
        attemptId,
        score: clamp(finite(response.score.scaled), 0, 1),
        raw: finite(response.score.raw),
        total,
        response,
      });
    }
  }
  return byItem;
}

function promptText(item: Item | undefined, itemId: string): string {
  return item ? plainText(item.prompt) : itemId;
}

function analyseOne(
  prepared: Prepared,
  key: string,
  observations: readonly Observation[],
  thresholds: ItemFlagThresholds,
): ItemAnalysis {
  const [moduleId = '', activityId = '', itemId = ''] = key.split('\u0000');
  const item = prepared.content.get(moduleId)?.items.get(contentKey(activityId, itemId));
  const scores = observations.map((o) => o.score);
  const totals = observations.map((o) => o.total);
  const rests = observations.map((o) => o.total - o.raw);
  const facility = mean(scores);
  const index = discriminationIndex(observations, thresholds.groupShare);
  const corrected = pearson(scores, rests);
  const tags = item?.tags ?? observations[0]?.response.tags ?? [];
  return {
    moduleId,
    activityId,
    itemId,
    itemType: item?.type ?? observations[0]?.response.response.type ?? null,
    prompt: promptText(item, itemId),
    tags: [...tags],
    responses: observations.length,
    correct: observations.filter((o) => o.response.correct).length,
    facility,
    sd: sampleSd(scores),
    discriminationIndex: index,
    pointBiserial: pearson(scores, totals),
    correctedPointBiserial: corrected,
    discriminationEfficiency: covarianceEfficiency(scores, rests),
    meanLatency: mean(observations.map((o) => Math.max(0, finite(o.response.latency)))),
    options: optionCounts(
      item,
      observations.map((o) => o.response),
    ),
    flags: flagsOf(facility, index, corrected, thresholds),
  };
}

export function itemRows(prepared: Prepared): ItemAnalysis[] {
  const thresholds = { ...ITEM_FLAG_THRESHOLDS, ...prepared.options.thresholds };
  const byItem = observe(prepared);
  // Items of the analysed modules that nobody answered are listed too, with empty statistics.
  for (const moduleId of prepared.moduleIds) {
    const index = prepared.content.get(moduleId);
    for (const key of index?.items.keys() ?? []) {
      const full = `${moduleId}\u0000${key}`;
      if (!byItem.has(full)) byItem.set(full, []);
    }
  }
  const rows = [...byItem].map(([key, observations]) =>
    analyseOne(prepared, key, observations, thresholds),
  );
  const position = (row: ItemAnalysis): [number, number] => {
    const index = prepared.content.get(row.moduleId);
    return [
      index?.order.get(row.activityId) ?? Number.MAX_SAFE_INTEGER,
      index?.order.get(contentKey(row.activityId, row.itemId)) ?? Number.MAX_SAFE_INTEGER,
    ];
  };
  const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return rows.sort((a, b) => {
    const [aa, ai] = position(a);
    const [ba, bi] = position(b);
    return (
      text(a.moduleId, b.moduleId) ||
      aa - ba ||
      text(a.activityId, b.activityId) ||
      ai - bi ||
      text(a.itemId, b.itemId)
    );
  });
}

/**
 * Classical item analysis per quiz item of the analysed attempts (see `AttemptSelection`);
 * items of the analysed modules never answered are listed with empty statistics.
 */
export function analyseItems(dataset: Dataset, options: AnalysisOptions = {}): ItemAnalysis[] {
  return itemRows(prepare(dataset, options));
}
