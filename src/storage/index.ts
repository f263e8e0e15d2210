/** Storage: what the player and the LMS layer use. Nothing here renders. */
export { DB_NAME, DB_VERSION, openDatabase, type CheckpointDB, type StoreName } from './db.ts';
export type { Batch, CommitResult, ProgressChange } from './batch.ts';
export {
  memoryStore,
  openStore,
  type OpenStoreOptions,
  type StorageNotice,
  type StorageProblem,
  type Store,
} from './store.ts';
export {
  persistSession,
  type Persistence,
  type PersistOptions,
  type SaveState,
  type SaveStatus,
} from './persistence.ts';
export { loadResume, progressHistory, startOver, type ResumeOffer } from './resume.ts';
export { claimTab, type TabClaim, type TabState } from './tabs.ts';
export { exportResults, importResults, type ImportResult, type ResultsFile } from './transfer.ts';
export {
  addLearner,
  forgetLearner,
  listLearners,
  requestPersistence,
  type Forgotten,
} from './device.ts';
export { progressKey } from './ids.ts';
export * from './messages.ts';
export type {
  AttemptRecord,
  LearnerRecord,
  OutboxRecord,
  ProgressRecord,
  ResponseRecord,
} from './records.ts';
