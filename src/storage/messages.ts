/**
 * Every sentence storage gives the player to show a learner, in one place so that the player can
 * localise them. Short, plain, and each says what happens to the learner's work.
 */

export const STORAGE_MESSAGES = {
  unavailable:
    "Progress can't be saved in this browser (private mode or storage turned off). You can keep going, but your answers will be lost when you close this page.",
  timeout:
    "This browser's storage is not responding. You can keep going: your answers are kept in this page and saved as soon as storage responds.",
  blocked:
    'Checkpoint needs to update its storage, but this course is still open in another tab. Close or reload the other tabs. Until then your answers are kept in this page only.',
  versionchange:
    'Checkpoint was updated in another tab. Reload this page to keep saving your progress. Until then your answers are kept in this page only.',
  newer:
    'A newer version of Checkpoint saved progress on this device. Reload this page to use it. Until then your answers are kept in this page only.',
  terminated:
    'The browser closed the progress storage. Your answers are kept in this page; reload the page to keep saving.',
  quota:
    'This device is out of storage space. You can keep going: your answers are kept in this page and saved as soon as there is space again.',
  'write-failed':
    'Your latest answers could not be saved yet. They are kept in this page and saving will be tried again.',
  conflict:
    'This course was saved from another tab in the meantime. This tab is now read-only so that neither tab overwrites the other; answers given here are still kept. Reload the page to continue.',
  recovered: 'Saving works again: all your answers are saved.',
  deleted:
    'Saved progress on this device was deleted by the browser or another page. Your place and answers in this course have been saved again; anything else that was saved on this device is gone.',
} as const;

/** A stored record that could not be read. */
export const corruptMessage = (store: string, key: string): string =>
  `A damaged saved record was skipped (${store} "${key}"). Everything else was loaded.`;

export const SAVE_MESSAGES = {
  saving: 'Saving…',
  saved: 'Saved',
  memory: 'Not saved on this device yet: kept in this page only.',
  error: 'Your latest answers could not be saved. Keep this page open.',
  'read-only': STORAGE_MESSAGES.conflict,
} as const;

export const RESUME_MESSAGES = {
  offer: 'You have started this course before. Continue where you left off, or start over?',
  startOver: 'Starting over keeps your earlier results in your history.',
  restart:
    'This course was updated since your last visit and your saved place no longer fits it, so it starts again. Your earlier results are kept.',
  unreadable:
    'Your saved place in this course could not be read, so it starts again. Your earlier results are kept.',
} as const;

/** The course changed, but the learner's progress could be carried over. */
export const migratedMessage = (restartedTitles: readonly string[]): string =>
  restartedTitles.length
    ? `This course was updated since your last visit. Your progress is kept, but these activities changed and start again: ${restartedTitles.join(', ')}.`
    : 'This course was updated since your last visit. Your progress is kept.';

export const TAB_MESSAGES = {
  owner: '',
  'open-elsewhere':
    'This course is open in another tab. This tab is read-only, so that your answers are not saved twice. Choose "Continue here" to move the course to this tab.',
  'taken-over':
    'You continued this course in another tab. This tab is now read-only; your answers so far are saved.',
  'took-over': 'The course moved to this tab. Your latest progress is loaded.',
} as const;

export const PERSISTENCE_MESSAGES = {
  granted: '',
  denied:
    'This browser may delete saved progress when the device runs low on space. Finish or export your results when you can.',
} as const;

export const TRANSFER_MESSAGES = {
  notJson: 'This file is not a Checkpoint results file (it is not JSON).',
  wrongFormat: 'This file is not a Checkpoint results file.',
  newerFormat:
    'This results file was made by a newer version of Checkpoint. Update this page and try again.',
  badRecords: (count: number): string =>
    `${count} damaged ${count === 1 ? 'record was' : 'records were'} skipped; everything else was imported.`,
  imported: (added: number, skipped: number): string =>
    `${added} new ${added === 1 ? 'record' : 'records'} imported, ${skipped} already on this device.`,
} as const;
