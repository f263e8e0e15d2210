/** Where the dashboard reads data: this device, results files, or an LRS. */
export type {
  DataSource,
  FileProblemKind,
  LoadOptions,
  SourceKind,
  SourceNote,
  SourceProblem,
  SourceProblemKind,
  SourceResult,
} from './source.ts';
export { emptyRecords, withModules, type Records } from './records.ts';
export { deviceSource, type DeviceSourceOptions } from './device.ts';
export { filesSource, type ResultsInput } from './files.ts';
export { lrsSource, type LrsSourceOptions } from './lrs.ts';
export { statementsToRecords } from './lrs-map.ts';
