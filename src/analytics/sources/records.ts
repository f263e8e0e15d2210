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
