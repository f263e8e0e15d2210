/**
 * The records every source produces, as this device's database holds them: the same shapes for
 * this device, imported results files and statements read back from an LRS.
 */
import type { Dataset } from '../types.ts';

/** A dataset without the module definitions, which come from the page, not from a source. */
export type Records = Omit<Dataset, 'modules'>;

/** The records joined with the modules they refer to, ready for `analyse`. */
export const withModules = (records: Records, modules: Dataset['modules']): Dataset => ({
  learners: records.learners,
  progress: records.progress,
  attempts: records.attempts,
  responses: records.responses,
  modules,
});

export const emptyRecords = (): Records => ({
  learners: [],
  progress: [],
  attempts: [],
  responses: [],
});

type Keyed = { readonly id: string };

/**
 * Adds `incoming` to `into` by id: a record already there is kept unless `prefer` says the
 * incoming one is better (e.g. a finished attempt over the same attempt still in progress).
 */
export function mergeById<T extends Keyed>(
  into: Map<string, T>,
  incoming: readonly T[],
  prefer: (existing: T, incoming: T) => T = (existing) => existing,
): number {
  let added = 0;
  for (const record of incoming) {
    const existing = into.get(record.id);
    if (existing) into.set(record.id, prefer(existing, record));
    else {
      into.set(record.id, record);
      added++;
    }
  }
  return added;
}
