/**
 * Mastery per tag (`indicator:…`, `concept:…`) over the analysed attempts. An item response
 * masters its tags when it earned full credit; a scenario decision when it is not critical and
 * its score delta is ≥ 0 (a choice that cost points or was a critical error shows the tag's
 * point was missed). A record's own tags are used; an item response without any takes the
 * item's tags from the module.
 */
import { contentKey, prepare, type Prepared } from './prepare.ts';
import { ratioOrNull } from './stats.ts';
import type { AnalysisOptions, Dataset, TagMastery } from './types.ts';

interface Tally {
  itemResponses: number;
  itemsMastered: number;
  decisions: number;
  decisionsMastered: number;
  readonly learners: Set<string>;
}

export function tagRows(prepared: Prepared): TagMastery[] {
  const tallies = new Map<string, Tally>();
  const add = (tags: readonly string[], learnerId: string, item: boolean, mastered: boolean) => {
    for (const tag of new Set(tags)) {
      let tally = tallies.get(tag);
      if (!tally) {
        tally = {
          itemResponses: 0,
          itemsMastered: 0,
          decisions: 0,
          decisionsMastered: 0,
          learners: new Set(),
        };
        tallies.set(tag, tally);
      }
      tally.learners.add(learnerId);
      if (item) {
        tally.itemResponses++;
        if (mastered) tally.itemsMastered++;
      } else {
        tally.decisions++;
        if (mastered) tally.decisionsMastered++;
      }
    }
  };
  for (const answered of prepared.answers.values()) {
    for (const response of answered.values()) {
      const tags = response.tags.length
        ? response.tags
        : (prepared.content
            .get(response.moduleId)
            ?.items.get(contentKey(response.activityId, response.itemId))?.tags ?? []);
      add(tags, response.learnerId, true, response.correct);
    }
  }
  for (const decision of prepared.decisions) {
    add(decision.tags, decision.learnerId, false, !decision.critical && decision.scoreDelta >= 0);
  }
  return [...tallies]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([tag, tally]) => ({
      tag,
      kind: tag.includes(':') ? tag.slice(0, tag.indexOf(':')) : '',
      itemResponses: tally.itemResponses,
      itemsMastered: tally.itemsMastered,
      decisions: tally.decisions,
      decisionsMastered: tally.decisionsMastered,
      mastery: ratioOrNull(
        tally.itemsMastered + tally.decisionsMastered,
        tally.itemResponses + tally.decisions,
      ),
      itemMastery: ratioOrNull(tally.itemsMastered, tally.itemResponses),
      decisionMastery: ratioOrNull(tally.decisionsMastered, tally.decisions),
      learners: tally.learners.size,
    }));
}

/** Mastery per tag over item responses and scenario decisions of the analysed attempts. */
export function tagMastery(dataset: Dataset, options: AnalysisOptions = {}): TagMastery[] {
  return tagRows(prepare(dataset, options));
}
