/**
 * xAPI 1.0.3 types Checkpoint writes, and the IRIs it uses. Verbs and activity types come from the
 * ADL vocabulary; what ADL has no term for (scenario details, tags) is a Checkpoint extension
 * under `CHECKPOINT_IRI`, which never changes with the deployment.
 */

export type LanguageMap = Readonly<Record<string, string>>;

export interface AgentAccount {
  readonly homePage: string;
  readonly name: string;
}

/** An Agent with exactly one identifier; `name` is the person's name (opt-in). */
export type Agent = {
  readonly objectType?: 'Agent';
  readonly name?: string;
} & (
  | { readonly account: AgentAccount }
  | { readonly mbox: string }
  | { readonly mbox_sha1sum: string }
  | { readonly openid: string }
);

export interface InteractionComponent {
  readonly id: string;
  readonly description: LanguageMap;
}

export type InteractionType =
  | 'choice'
  | 'true-false'
  | 'matching'
  | 'sequencing'
  | 'fill-in'
  | 'long-fill-in'
  | 'likert'
  | 'numeric'
  | 'performance'
  | 'other';

export interface ActivityDefinition {
  readonly name?: LanguageMap;
  readonly description?: LanguageMap;
  readonly type?: string;
  readonly interactionType?: InteractionType;
  readonly correctResponsesPattern?: readonly string[];
  readonly choices?: readonly InteractionComponent[];
  readonly source?: readonly InteractionComponent[];
  readonly target?: readonly InteractionComponent[];
  readonly steps?: readonly InteractionComponent[];
  readonly extensions?: Readonly<Record<string, unknown>>;
}

export interface Activity {
  readonly objectType: 'Activity';
  readonly id: string;
  readonly definition?: ActivityDefinition;
}

export interface Verb {
  readonly id: string;
  readonly display: LanguageMap;
}

export interface Result {
  readonly score?: {
    readonly scaled?: number;
    readonly raw?: number;
    readonly min?: number;
    readonly max?: number;
  };
  readonly success?: boolean;
  readonly completion?: boolean;
  readonly response?: string;
  readonly duration?: string;
  readonly extensions?: Readonly<Record<string, unknown>>;
}

export interface ContextActivities {
  readonly parent?: readonly Activity[];
  readonly grouping?: readonly Activity[];
  readonly category?: readonly Activity[];
  readonly other?: readonly Activity[];
}

export interface Context {
  readonly registration?: string;
  readonly contextActivities?: ContextActivities;
  readonly revision?: string;
  readonly platform?: string;
  readonly language?: string;
  readonly extensions?: Readonly<Record<string, unknown>>;
}

/** A statement as Checkpoint sends it: `version`, `stored` and `authority` are the LRS's. */
export interface Statement {
  readonly id: string;
  readonly actor: Agent;
  readonly verb: Verb;
  readonly object: Activity;
  readonly result?: Result;
  readonly context?: Context;
  readonly timestamp: string;
}

const ADL_VERB = 'http://adlnet.gov/expapi/verbs/';

export const VERBS = {
  initialized: { id: `${ADL_VERB}initialized`, display: { en: 'initialized' } },
  answered: { id: `${ADL_VERB}answered`, display: { en: 'answered' } },
  /** A decision in a scenario scene: the learner responded to a situation. */
  responded: { id: `${ADL_VERB}responded`, display: { en: 'responded' } },
  /** A scenario ending the learner reached. */
  experienced: { id: `${ADL_VERB}experienced`, display: { en: 'experienced' } },
  passed: { id: `${ADL_VERB}passed`, display: { en: 'passed' } },
  failed: { id: `${ADL_VERB}failed`, display: { en: 'failed' } },
  completed: { id: `${ADL_VERB}completed`, display: { en: 'completed' } },
  terminated: { id: `${ADL_VERB}terminated`, display: { en: 'terminated' } },
} as const satisfies Record<string, Verb>;

const ADL_TYPE = 'http://adlnet.gov/expapi/activities/';

export const ACTIVITY_TYPES = {
  module: `${ADL_TYPE}course`,
  lesson: `${ADL_TYPE}lesson`,
  quiz: `${ADL_TYPE}assessment`,
  scenario: `${ADL_TYPE}simulation`,
  interaction: `${ADL_TYPE}cmi.interaction`,
} as const;

/** Checkpoint's own terms. The host is reserved (RFC 2606): these IRIs name, they do not resolve. */
export const CHECKPOINT_IRI = 'https://checkpoint.invalid/xapi/';

export const EXTENSIONS = {
  /** Content tags of an item or choice, e.g. `indicator:document-control`. */
  tags: `${CHECKPOINT_IRI}extensions/tags`,
  /** 1-based attempt at a quiz. */
  attempt: `${CHECKPOINT_IRI}extensions/attempt`,
  /** Points a scenario choice added to (or took from) the running score. */
  scoreDelta: `${CHECKPOINT_IRI}extensions/score-delta`,
  /** The scenario's running score after a choice. */
  runningScore: `${CHECKPOINT_IRI}extensions/running-score`,
  /** A choice (or a run) marked critical: it can harm the person in the scenario. */
  critical: `${CHECKPOINT_IRI}extensions/critical`,
  /** A scenario ending's outcome: good, mixed or harmful. */
  outcome: `${CHECKPOINT_IRI}extensions/outcome`,
  /** The score band a scenario run ended in. */
  band: `${CHECKPOINT_IRI}extensions/band`,
  /** The scene ids of a scenario run, in order. */
  path: `${CHECKPOINT_IRI}extensions/path`,
  /** Why a quiz attempt ended: submitted or timeout. */
  reason: `${CHECKPOINT_IRI}extensions/reason`,
  /** Module progress, 0–1, when a statement is sent. */
  progress: `${CHECKPOINT_IRI}extensions/progress`,
} as const;

/** The default base of activity ids; a deployment sets its own (`activityBase`). */
export const DEFAULT_ACTIVITY_BASE = `${CHECKPOINT_IRI}`;
