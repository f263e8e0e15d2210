/**
 * What a SCORM edition tells the session that runs it: which data-model elements hold what, in
 * which format, and where its API lives.
 */
import type { Module } from '../../content/schema.ts';
import type { ModuleStatus } from '../../engine/course.machine.ts';
import type { Fact } from '../../engine/events.ts';
import type { LaunchInfo, LmsKind } from '../reporter.ts';
import type { ApiKind } from './api.ts';

/** A data-model element and the value to set it to. */
export type Write = readonly [element: string, value: string];

/** What the LMS said when the session opened, in an edition's terms. */
export interface Opening {
  readonly launch: LaunchInfo;
  /** The LMS already records the module as completed (a later visit). */
  readonly completed: boolean;
  /** Interactions the LMS already holds: new ones are written after them. */
  readonly interactions: number;
  /** Values the LMS holds now, so that unchanged ones are not written again. */
  readonly current: readonly Write[];
  /** Values to set as the session opens (an attempt in progress). */
  readonly writes: readonly Write[];
}

/** Where the learner stands, as the LMS should record it. */
export interface Standing {
  readonly status: ModuleStatus;
  /** Every activity is completed. */
  readonly completed: boolean;
  /** Passed or failed once completed; undefined while incomplete or with nothing scored. */
  readonly passed: boolean | undefined;
}

export interface Edition {
  readonly kind: Extract<LmsKind, 'scorm12' | 'scorm2004'>;
  readonly api: ApiKind;
  readonly resumeLimit: number;
  readonly locationLimit: number;
  readonly suspendData: string;
  readonly location: string;
  /** Read codes that mean "no value" or "not implemented" rather than a refusal. */
  readonly quietReadCodes: readonly string[];
  open(read: (element: string) => string | undefined): Opening;
  /**
   * The fields of the interaction that records `fact`, named under `cmi.interactions.n.` (the
   * LMS decides n), its id first; none for other facts.
   */
  interaction(fact: Fact, module: Module): readonly Write[];
  standing(standing: Standing): readonly Write[];
  /** Last values before the session ends. */
  closing(elapsed: number, completed: boolean): readonly Write[];
}
