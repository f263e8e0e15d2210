/**
 * The showcase module for reporting tests, read from modules/showcase (node only); the walk
 * through it is in lrs-walk.ts.
 */
import { readFileSync } from 'node:fs';
import { validateModule } from '../../src/content/loader.ts';
import type { Module, ModuleData } from '../../src/content/schema.ts';

export { runShowcase, wrongFor, type RecordedFact } from './lrs-walk.ts';

/**
 * The showcase module. `allItems` drops the question pools so that every item (and so every item
 * type) is asked in each attempt.
 */
export function showcaseModule(options: { readonly allItems?: boolean } = {}): Module {
  const loaded = validateModule(showcaseData(options));
  if (!loaded.ok) throw new Error(loaded.errors.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return loaded.module;
}

/** The module's JSON data (for pages that load it themselves). */
export function showcaseData(options: { readonly allItems?: boolean } = {}): ModuleData {
  const url = new URL('../../modules/showcase/module.json', import.meta.url);
  const data = JSON.parse(readFileSync(url, 'utf8')) as ModuleData;
  if (options.allItems) {
    data.activities = data.activities.map((activity) =>
      activity.type === 'quiz'
        ? (Object.fromEntries(
            Object.entries(activity).filter(([field]) => field !== 'draw'),
          ) as typeof activity)
        : activity,
    );
  }
  return data;
}
