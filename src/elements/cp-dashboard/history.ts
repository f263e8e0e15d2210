/**
 * Texts for one learner's history: items, options, scenes, choices, activities and modules by
 * id, from the report and the module definitions — no walk over the records.
 */
import type { AnalyticsReport, ItemAnalysis } from '../../analytics/types.ts';
import type { Module } from '../../content/schema.ts';
import type { Response } from '../../engine/types.ts';

export interface HistoryIndex {
  /** Learner id → name, sorted by name. */
  readonly names: ReadonlyMap<string, string>;
  readonly items: ReadonlyMap<string, ItemAnalysis>;
  /** `module|activity|scene` → scene title, `…|scene|choice` → choice text. */
  readonly scenes: ReadonlyMap<string, string>;
  readonly activities: ReadonlyMap<string, string>;
  readonly modules: ReadonlyMap<string, string>;
}

export const key = (...parts: readonly string[]): string => JSON.stringify(parts);

export function indexHistory(
  report: AnalyticsReport,
  modules: readonly Module[],
  names: readonly (readonly [string, string])[],
): HistoryIndex {
  const items = new Map(
    report.items.map((item) => [key(item.moduleId, item.activityId, item.itemId), item]),
  );
  const scenes = new Map<string, string>();
  for (const scenario of report.scenarios) {
    for (const scene of scenario.scenes) {
      scenes.set(key(scenario.moduleId, scenario.activityId, scene.sceneId), scene.title);
      for (const choice of scene.choices) {
        scenes.set(
          key(scenario.moduleId, scenario.activityId, scene.sceneId, choice.choiceId),
          choice.text,
        );
      }
    }
  }
  const activities = new Map<string, string>();
  const moduleTitles = new Map<string, string>();
  for (const row of report.learners) {
    moduleTitles.set(row.moduleId, row.moduleTitle);
    for (const activity of row.activities) {
      activities.set(key(row.moduleId, activity.activityId), activity.activityTitle);
    }
  }
  for (const module of modules) {
    moduleTitles.set(module.id, module.title);
    for (const activity of module.activities) {
      activities.set(key(module.id, activity.id), activity.title);
    }
  }
  return { names: new Map(names), items, scenes, activities, modules: moduleTitles };
}

/** A response in words, with option texts where the module is known. */
export function describeResponse(response: Response, item: ItemAnalysis | undefined): string {
  const text = (id: string) => item?.options.find((option) => option.id === id)?.text ?? id;
  switch (response.type) {
    case 'single':
      return text(response.optionId);
    case 'multiple':
      return response.optionIds.map(text).join('; ');
    case 'trueFalse':
      return text(String(response.value));
    case 'matching':
      return Object.entries(response.matches)
        .map(([pair, match]) => `${text(pair)} → ${match}`)
        .join('; ');
    case 'ordering':
      return response.order.map(text).join(' → ');
    case 'shortText':
      return response.text;
    case 'spotting':
      return response.cueIds.map(text).join('; ');
  }
}
