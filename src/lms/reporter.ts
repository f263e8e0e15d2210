/**
 * The one contract between a running module and whatever LMS or learning record store the page
 * lives in. A reporter hears the engine's facts (the only input: no machine or element ever calls
 * an LMS), keeps the LMS's copy of the learner's resume record, and ends the LMS session once.
 *
 * Every method is safe to call in any order and never throws: a missing, broken or slow LMS
 * becomes a notice for the learner, and the learner's work stays on the device (IndexedDB).
 */
import type { Module } from '../content/schema.ts';
import type { ModuleStatus } from '../engine/course.machine.ts';
import type { Fact } from '../engine/events.ts';

export type LmsKind = 'none' | 'scorm12' | 'scorm2004' | 'cmi5' | 'xapi';

/** `lms="…"` on `<cp-player>`: a kind, or `auto` to detect one. */
export type LmsChoice = LmsKind | 'auto';

/** What the LMS told us when its session opened. */
export interface LaunchInfo {
  /** The learner as the LMS knows them: progress on the device is kept under this id. */
  readonly learner?: { readonly id: string; readonly name?: string };
  /**
   * A pass mark the LMS imposes, in % (0–100): SCORM 1.2 `mastery_score`, SCORM 2004
   * `scaled_passing_score` × 100, cmi5 `masteryScore` × 100. It replaces the module's own.
   */
  readonly passMark?: number;
  /** The resume record the LMS saved for this learner (see `ResumeRecord`), if any. */
  readonly resume?: string;
  /** `normal` records; `browse` and `review` (cmi5, SCORM 2004 `cmi.mode`) record nothing. */
  readonly mode: 'normal' | 'browse' | 'review';
  /** Where the learner goes back to when the module is done (cmi5 `returnURL`). */
  readonly returnUrl?: string;
}

export const STANDALONE: LaunchInfo = { mode: 'normal' };

/** Something the learner should be told about the LMS connection. */
export interface LmsNotice {
  readonly kind:
    | 'standalone' // no LMS found: progress stays on this device only
    | 'unreachable' // the LMS/LRS did not answer: kept on the device and sent later
    | 'refused' // the LMS refused a call (error code in `detail`)
    | 'recovered' // the LMS answers again: everything queued was delivered
    | 'too-large'; // the resume record does not fit the LMS's limit even compressed
  readonly message: string;
  /** Technical detail for a trainer or administrator (an error code, a status). */
  readonly detail?: string;
}

export interface Reporter {
  readonly kind: LmsKind;
  /**
   * Longest resume record (in characters) the LMS keeps: SCORM 1.2 4,096, SCORM 2004 64,000;
   * undefined when there is no practical limit (xAPI State API) or nothing is kept.
   */
  readonly resumeLimit: number | undefined;
  /** Opens the LMS session (`LMSInitialize`, the cmi5 token, …). Called once. */
  start(module: Module): Promise<LaunchInfo>;
  /** A fact the engine emitted, with the module's status right after it. In order. */
  record(fact: Fact, status: ModuleStatus): void;
  /**
   * The learner's place changed: keep `resume` (an encoded `ResumeRecord`, already within
   * `resumeLimit`) and `location` (the activity id the learner is in) in the LMS.
   */
  save(resume: string, location: string): void;
  /**
   * The page is going away (`pagehide`) or the player left it: last writes, then end the LMS
   * session. Exactly once; every call after the first, and every other call after it, is ignored.
   */
  finish(): void;
  /**
   * The page is going away but the LMS session may go on after a reload (cmi5: a reload must not
   * end the session, so "terminated" waits for the learner's exit). Delivers what is queued. A
   * reporter without it is finished when its page goes away.
   */
  leave?(): void;
  /** Problems and recoveries the learner should see. Returns an unsubscribe function. */
  onNotice(listener: (notice: LmsNotice) => void): () => void;
}
