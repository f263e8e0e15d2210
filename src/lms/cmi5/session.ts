/**
 * One open cmi5 session: the order guard's memory, the outbox, the statements of each fact, and
 * the module's State API document. Built by the reporter once `connect()` has succeeded.
 */
import type { Module } from '../../content/schema.ts';
import type { ModuleStatus } from '../../engine/course.machine.ts';
import type { Fact } from '../../engine/events.ts';
import type { Score } from '../../engine/types.ts';
import { lmsNotice } from '../messages.ts';
import type { LaunchInfo, LmsNotice } from '../reporter.ts';
import { Outbox } from '../xapi/outbox.ts';
import { buildStatements, type StatementContext } from '../xapi/statements.ts';
import type { Statement } from '../xapi/vocabulary.ts';
import type { Store } from '../../storage/store.ts';
import { CHECKPOINT_STATE_ID, type CheckpointState, type Connected } from './connect.ts';
import {
  loadRegistration,
  loadSession,
  mergeRegistration,
  saveRegistration,
  saveSession,
  toRegistration,
  type SessionRecord,
} from './memory.ts';
import {
  admit,
  FRESH_MEMORY,
  type Candidate,
  type Cmi5DefinedVerb,
  type OrderMemory,
} from './order.ts';
import type { Cmi5ReporterOptions } from './reporter.ts';
import {
  asAllowed,
  definedStatement,
  inSession,
  SESSION_ID_EXTENSION,
  type SessionContext,
} from './statements.ts';
import type { KeyValueStore } from './token.ts';

const MODES = { Normal: 'normal', Browse: 'browse', Review: 'review' } as const;

export interface LiveOptions extends Cmi5ReporterOptions {
  readonly now: () => number;
  readonly tabStorage: KeyValueStore | undefined;
  readonly deviceStorage: KeyValueStore | undefined;
  readonly tell: (notice: LmsNotice) => void;
}

/** One open cmi5 session. */
export class Live {
  readonly connected: Connected;
  readonly #outbox: Outbox;
  readonly #ctx: StatementContext;
  readonly #session: SessionContext;
  readonly #options: LiveOptions;
  #record: SessionRecord;
  #memory: OrderMemory;
  #state: CheckpointState;
  #saving: Promise<unknown> | undefined;
  #saveAgain = false;

  constructor(module: Module, connected: Connected, store: Store, options: LiveOptions) {
    this.connected = connected;
    this.#options = options;
    const { launch, launchData, client } = connected;
    const kept = loadSession(options.tabStorage, launch);
    const templateId = launchData.contextTemplate.extensions?.[SESSION_ID_EXTENSION];
    const sessionId =
      typeof templateId === 'string' ? templateId : (kept?.sessionId ?? crypto.randomUUID());
    const at = options.now();
    this.#record = kept ?? {
      memory: FRESH_MEMORY.session,
      sessionId,
      startedAt: at,
      lastAt: at - 1,
    };
    this.#state = connected.state ?? {};
    this.#memory = {
      session: this.#record.memory,
      registration: mergeRegistration(
        loadRegistration(options.deviceStorage, launch),
        toRegistration(this.#state.sent),
      ),
    };
    this.#session = { template: launchData.contextTemplate, sessionId };
    this.#ctx = {
      module,
      actor: launch.actor,
      registration: launch.registration,
      moduleActivityId: launch.activityId,
      startedAt: (activityId) => (activityId === undefined ? this.#record.startedAt : undefined),
      decorate: (statement) => asAllowed(inSession(statement, this.#session)),
    };
    this.#outbox = new Outbox({ ...options.outbox, store, client });
    this.#outbox.onNotice(options.tell);
  }

  launchInfo(): LaunchInfo {
    const { launch, launchData } = this.connected;
    return {
      learner: {
        id: launch.actor.account.name,
        ...(launch.actor.name ? { name: launch.actor.name } : {}),
      },
      mode: MODES[launchData.launchMode],
      ...(launchData.masteryScore === undefined ? {} : { passMark: launchData.masteryScore * 100 }),
      ...(this.#state.resume === undefined ? {} : { resume: this.#state.resume }),
      ...(launchData.returnURL === undefined ? {} : { returnUrl: launchData.returnURL }),
    };
  }

  begin(): void {
    if (this.#memory.session.terminated) {
      this.#options.tell(
        lmsNotice(
          'refused',
          'this cmi5 session has ended; open the module again from the LMS to record more',
        ),
      );
      return;
    }
    if (this.#memory.session.initialized) return; // a reload: the session goes on
    const at = this.#options.now();
    this.#record = { ...this.#record, startedAt: at, lastAt: at - 1 };
    this.#send([this.#defined('initialized', at)]);
  }

  record(fact: Fact, status: ModuleStatus): void {
    if (fact.type !== 'module.completed') {
      this.#send(
        buildStatements(fact, status, this.#ctx).map((statement) =>
          this.#allowed(statement, fact.at),
        ),
      );
      return;
    }
    const mastery = this.connected.launchData.masteryScore;
    const scaled = fact.score?.scaled;
    const passing = mastery !== undefined && scaled !== undefined ? scaled >= mastery : fact.passed;
    const out: Pending[] = [];
    if (passing) {
      out.push(this.#defined('passed', fact.at, fact.score));
    } else if (!this.#memory.registration.passed && !this.#memory.session.judged) {
      this.#record = {
        ...this.#record,
        pendingFailed: { at: fact.at, ...(fact.score ? { score: fact.score } : {}) },
      };
    }
    out.push(this.#defined('completed', fact.at));
    this.#send(out);
  }

  save(resume: string, location: string): void {
    if (this.connected.launchData.launchMode !== 'Normal') return; // browse and review leave no trace
    this.#state = { ...this.#state, resume, location };
    this.#putState(false);
  }

  /**
   * The page is going away, perhaps to be reloaded: what is queued goes now (keepalive) and the
   * latest resume record with it, but the session stays open — no "terminated".
   */
  leave(): void {
    void this.#outbox.flushOnExit();
    if (this.connected.launchData.launchMode === 'Normal' && this.#state.resume !== undefined)
      this.#putState(true);
  }

  end(): void {
    const out: Pending[] = [];
    const pending = this.#record.pendingFailed;
    if (pending) out.push(this.#defined('failed', this.#options.now(), pending.score));
    out.push(this.#defined('terminated', this.#options.now()));
    this.#send(out, true);
    // The last resume record, with keepalive: the page may be going away.
    if (this.connected.launchData.launchMode === 'Normal' && this.#state.resume !== undefined)
      this.#putState(true);
  }

  /** A cmi5 defined statement, built once the guard lets it through. */
  #defined(verb: Cmi5DefinedVerb, at: number, score?: Score): Pending {
    const mastery = this.connected.launchData.masteryScore;
    return {
      candidate: { verb, scaled: score?.scaled },
      at,
      build: (stamp) =>
        definedStatement(this.#ctx, this.#session, {
          verb,
          at: stamp,
          startedAt: this.#record.startedAt,
          score,
          masteryScore: mastery,
        }),
    };
  }

  #allowed(statement: Statement, at: number): Pending {
    return {
      candidate: { verb: 'allowed' },
      at,
      build: (stamp) => ({ ...statement, timestamp: new Date(stamp).toISOString() }),
    };
  }

  /** Admits each statement in turn, stamps it after the last one, and hands the batch to the outbox. */
  #send(batch: readonly Pending[], exiting = false): void {
    const { launch } = this.connected;
    const registrationBefore = this.#memory.registration;
    const out: Statement[] = [];
    for (const pending of batch) {
      const { decision, memory } = admit(this.#memory, this.#rules(), pending.candidate);
      if (!decision.send) {
        this.#options.onDrop?.(pending.candidate.verb, decision.reason);
        continue;
      }
      this.#memory = memory;
      const stamp = Math.max(pending.at, this.#record.lastAt + 1);
      this.#record = { ...this.#record, lastAt: stamp };
      if (pending.candidate.verb === 'passed' || pending.candidate.verb === 'failed') {
        // The session's judgement is made: nothing is held back any more.
        const { memory, sessionId, startedAt, lastAt } = this.#record;
        this.#record = { memory, sessionId, startedAt, lastAt };
      }
      out.push(pending.build(stamp));
    }
    this.#record = { ...this.#record, memory: this.#memory.session };
    saveSession(this.#options.tabStorage, launch, this.#record);
    if (this.#memory.registration !== registrationBefore) {
      saveRegistration(this.#options.deviceStorage, launch, this.#memory.registration);
      this.#state = { ...this.#state, sent: this.#memory.registration };
      this.#putState(exiting);
    }
    if (!out.length) return;
    void this.#outbox.add(out);
    if (exiting) this.#outbox.flushOnExit();
  }

  #rules() {
    const { launchMode, masteryScore } = this.connected.launchData;
    return { launchMode, masteryScore };
  }

  /** Writes the module's State API document; one write at a time, the latest wins. */
  #putState(exiting: boolean): void {
    const { client, launch } = this.connected;
    const params = {
      activityId: launch.activityId,
      agent: launch.actor,
      registration: launch.registration,
      stateId: CHECKPOINT_STATE_ID,
    };
    if (exiting) {
      void client.putState(params, this.#state, { keepalive: true });
      return;
    }
    if (this.#saving) {
      this.#saveAgain = true;
      return;
    }
    this.#saving = client.putState(params, this.#state).then((result) => {
      if (!result.ok)
        this.#options.tell(
          lmsNotice(
            result.error.kind === 'auth' || result.error.kind === 'refused'
              ? 'refused'
              : 'unreachable',
            `State API: ${result.error.message}`,
          ),
        );
      this.#saving = undefined;
      if (this.#saveAgain) {
        this.#saveAgain = false;
        this.#putState(false);
      }
    });
  }
}

interface Pending {
  readonly candidate: Candidate;
  /** When it happened (epoch ms); the statement's timestamp is at least this. */
  readonly at: number;
  build(timestamp: number): Statement;
}
