/**
 * scorm-again's SCORM 1.2 and 2004 run-times, the LMS side of the reporter tests. Its ES builds
 * export the classes by name while its type declarations describe a default export: the named
 * exports are read here under the declared types.
 */
import type Scorm12ApiClass from 'scorm-again/scorm12';
import * as scorm12 from 'scorm-again/scorm12';
import type Scorm2004ApiClass from 'scorm-again/scorm2004';
import * as scorm2004 from 'scorm-again/scorm2004';

export const Scorm12API = (scorm12 as unknown as { Scorm12API: typeof Scorm12ApiClass }).Scorm12API;
export const Scorm2004API = (scorm2004 as unknown as { Scorm2004API: typeof Scorm2004ApiClass })
  .Scorm2004API;

/** Quiet, and nothing sent anywhere: the tests read the run-time's data model directly. */
export const LMS_SETTINGS = { logLevel: 5, autocommit: false, lmsCommitUrl: false } as const;
