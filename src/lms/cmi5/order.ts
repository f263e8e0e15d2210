/**
 * The order cmi5 allows statements in, as a pure decision: given what was already sent, send this
 * statement or drop it (and why). An LMS voids or rejects statements out of order, and a second
 * "passed" in a registration can count a learner twice; dropping here keeps the LMS's record clean.
 *
 * Within a session (cmi5 9.3): "initialized" first and once; no cmi5 defined verb twice; at most one
 * of "passed"/"failed"; "terminated" last, nothing after it. Within a registration: "completed"
 * once, "passed" once, no "failed" after "passed". Browse and Review launches record no judgement
 * or completion. A scaled score on "passed" is at least the mastery score, on "failed" below it.
 */

export type Cmi5DefinedVerb = 'initialized' | 'completed' | 'passed' | 'failed' | 'terminated';
export type LaunchModeName = 'Normal' | 'Browse' | 'Review';

/** A statement about to be sent: a cmi5 defined one, or any other ("cmi5 allowed"). */
export type Candidate =
  | { readonly verb: Cmi5DefinedVerb; readonly scaled?: number | undefined }
  | { readonly verb: 'allowed' };

/** What was sent. Split by lifetime: `session` for this launch, `registration` for the enrolment. */
export interface OrderMemory {
  readonly session: {
    readonly initialized: boolean;
    readonly terminated: boolean;
    /** The one judgement this session may carry. */
    readonly judged?: 'passed' | 'failed';
  };
  readonly registration: { readonly passed: boolean; readonly completed: boolean };
}

export const FRESH_MEMORY: OrderMemory = {
  session: { initialized: false, terminated: false },
  registration: { passed: false, completed: false },
};

export interface OrderRules {
  readonly launchMode: LaunchModeName;
  /** 0–1, from `LMS.LaunchData`. */
  readonly masteryScore?: number | undefined;
}

export type Decision = { readonly send: true } | { readonly send: false; readonly reason: string };

const SEND: Decision = { send: true };
const drop = (reason: string): Decision => ({ send: false, reason });

/** Whether the candidate may be sent now. */
export function decide(memory: OrderMemory, rules: OrderRules, candidate: Candidate): Decision {
  const { session, registration } = memory;
  if (session.terminated) return drop('the session is terminated: nothing may follow "terminated"');
  if (candidate.verb === 'initialized')
    return session.initialized ? drop('"initialized" was already sent in this session') : SEND;
  if (!session.initialized) return drop(`"${candidate.verb}" before "initialized"`);
  if (candidate.verb === 'allowed' || candidate.verb === 'terminated') return SEND;

  if (rules.launchMode !== 'Normal')
    return drop(`a ${rules.launchMode} launch records no "${candidate.verb}"`);
  const mastery = rules.masteryScore;
  switch (candidate.verb) {
    case 'completed':
      return registration.completed
        ? drop('"completed" was already sent in this registration')
        : SEND;
    case 'passed':
      if (registration.passed) return drop('"passed" was already sent in this registration');
      if (session.judged) return drop(`"${session.judged}" was already sent in this session`);
      if (mastery !== undefined && candidate.scaled !== undefined && candidate.scaled < mastery)
        return drop(
          `"passed" with a score of ${candidate.scaled}, below the mastery score ${mastery}`,
        );
      return SEND;
    case 'failed':
      if (registration.passed) return drop('"failed" may not follow "passed" in a registration');
      if (session.judged) return drop(`"${session.judged}" was already sent in this session`);
      if (mastery !== undefined && candidate.scaled !== undefined && candidate.scaled >= mastery)
        return drop(
          `"failed" with a score of ${candidate.scaled}, at or above the mastery score ${mastery}`,
        );
      return SEND;
  }
}

/** The memory after the candidate was sent. */
export function remember(memory: OrderMemory, candidate: Candidate): OrderMemory {
  const { session, registration } = memory;
  switch (candidate.verb) {
    case 'allowed':
      return memory;
    case 'initialized':
      return { ...memory, session: { ...session, initialized: true } };
    case 'terminated':
      return { ...memory, session: { ...session, terminated: true } };
    case 'completed':
      return { ...memory, registration: { ...registration, completed: true } };
    case 'passed':
      return {
        session: { ...session, judged: 'passed' },
        registration: { ...registration, passed: true },
      };
    case 'failed':
      return { ...memory, session: { ...session, judged: 'failed' } };
  }
}

/** Decides, and when the answer is send, remembers: the one call a reporter needs. */
export function admit(
  memory: OrderMemory,
  rules: OrderRules,
  candidate: Candidate,
): { readonly decision: Decision; readonly memory: OrderMemory } {
  const decision = decide(memory, rules, candidate);
  return { decision, memory: decision.send ? remember(memory, candidate) : memory };
}
