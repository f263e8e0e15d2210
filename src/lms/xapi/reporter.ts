/**
 * Reporting to any xAPI 1.0.3 learning record store. Facts become statements (statements.ts)
 * that go through the IndexedDB outbox (outbox.ts); the resume record is a State document.
 *
 * The player must call `finish()` when the page goes away (`pagehide`): it queues `terminated`
 * and sends what is still waiting with `keepalive`, so the requests outlive the page. What the
 * LRS has not confirmed stays in the outbox and goes with the next visit.
 */
import type { ModuleStatus } from '../../engine/course.machine.ts';
import type { Fact } from '../../engine/events.ts';
import { openStore, type Store } from '../../storage/store.ts';
import { lmsNotice } from '../messages.ts';
import type { LaunchInfo, LmsNotice, Reporter } from '../reporter.ts';
import { LrsClient, type LrsAuth, type StateParams } from './client.ts';
import { readXapiLaunch, UUID_PATTERN } from './launch.ts';
import { Outbox, type OutboxOptions } from './outbox.ts';
import {
  activityIds,
  buildStatements,
  initializedStatement,
  terminatedStatement,
  type StatementContext,
} from './statements.ts';
import type { Agent, Statement } from './vocabulary.ts';

export const RESUME_STATE_ID = 'checkpoint.resume';

export interface XapiConfig {
  /** The LRS's xAPI endpoint. */
  readonly endpoint: string;
  readonly auth?: LrsAuth;
  /** The learner; an account (`{ homePage, name }`) keeps names and e-mail addresses out. */
  readonly actor: Agent;
  /**
   * The registration (UUID) of this learner × module. Default: one made on the first visit and
   * kept in this browser (localStorage, else sessionStorage), so that resuming finds its state.
   */
  readonly registration?: string;
  /** Base IRI of activity ids (default `https://checkpoint.invalid/xapi/`). */
  readonly activityBase?: string;
  /** The module's activity id, when the launch names one (`activity_id`). */
  readonly activityId?: string;
  /** Sends the actor's `name` (a person's name) too. Off by default. */
  readonly includeName?: boolean;
  /** State document id of the resume record (default `checkpoint.resume`). */
  readonly stateId?: string;
  /** Quiet time before the resume record is written (default 2 s). */
  readonly saveDelayMs?: number;
  /** Per request (default 20 s). */
  readonly timeoutMs?: number;
  /** How long `start()` waits for the LRS's resume record (default 5 s). */
  readonly resumeTimeoutMs?: number;
  /** Where the outbox lives (default the `checkpoint` IndexedDB database). */
  readonly store?: Store;
  /** Retry timing and locks of the outbox. */
  readonly outbox?: Omit<OutboxOptions, 'store' | 'client'>;
  readonly fetch?: typeof fetch;
}

/** The configuration a classic xAPI launch URL gives, or undefined when it is not one. */
export function fromLaunchUrl(url: URL | string): XapiConfig | undefined {
  const launch = readXapiLaunch(url);
  if (!launch) return undefined;
  return {
    endpoint: launch.endpoint,
    actor: launch.actor,
    ...(launch.auth ? { auth: launch.auth } : {}),
    ...(launch.registration ? { registration: launch.registration } : {}),
    ...(launch.activityId ? { activityId: launch.activityId } : {}),
  };
}

/** The learner's identifier as a string: an account name, a mailbox, … */
export function agentKey(agent: Agent): string {
  if ('account' in agent) return `${agent.account.homePage}|${agent.account.name}`;
  if ('mbox' in agent) return agent.mbox;
  if ('mbox_sha1sum' in agent) return agent.mbox_sha1sum;
  return agent.openid;
}

const withoutName = (agent: Agent): Agent =>
  Object.fromEntries(Object.entries(agent).filter(([field]) => field !== 'name')) as Agent;

function browserStorage(): Storage | undefined {
  for (const name of ['localStorage', 'sessionStorage'] as const) {
    try {
      const storage = globalThis[name];
      const probe = '__checkpoint_probe__';
      storage.setItem(probe, probe);
      storage.removeItem(probe);
      return storage;
    } catch {
      // refused (private modes, sandboxed frames): try the next one
    }
  }
  return undefined;
}

/** The registration kept for this LRS × learner × module, made on first use. */
export function keptRegistration(endpoint: string, actor: Agent, moduleId: string): string {
  const key = `checkpoint.xapi.registration|${endpoint}|${agentKey(actor)}|${moduleId}`;
  const storage = browserStorage();
  const kept = storage?.getItem(key);
  if (kept && UUID_PATTERN.test(kept)) return kept;
  const made = crypto.randomUUID();
  storage?.setItem(key, made);
  return made;
}

interface ResumeDocument {
  readonly resume: string;
  readonly location: string;
}

const EMPTY_STATUS: ModuleStatus = {
  completed: 0,
  total: 0,
  progress: 0,
  score: undefined,
  passed: false,
};

export function createXapiReporter(config: XapiConfig): Reporter {
  const clientOptions = {
    endpoint: config.endpoint,
    ...(config.auth ? { auth: config.auth } : {}),
    ...(config.fetch ? { fetch: config.fetch } : {}),
  };
  const client = new LrsClient({
    ...clientOptions,
    ...(config.timeoutMs === undefined ? {} : { timeoutMs: config.timeoutMs }),
  });
  const actor = config.includeName ? config.actor : withoutName(config.actor);
  const listeners = new Set<(notice: LmsNotice) => void>();
  const tell = (notice: LmsNotice) => listeners.forEach((listener) => listener(notice));
  const started = new Map<string | undefined, number>();
  let ctx: StatementContext | undefined;
  let state: StateParams | undefined;
  let outbox: Outbox | undefined;
  /** Statements built before the outbox is open, in order. */
  let early: Statement[] = [];
  let ready: Promise<void> | undefined;
  let status = EMPTY_STATUS;
  let finished = false;
  let saved: ResumeDocument | undefined;
  let saveTimer: ReturnType<typeof setTimeout> | undefined;

  const queue = (statements: Statement[]) => {
    if (outbox) void outbox.add(statements);
    else early.push(...statements);
  };

  const writeState = (keepalive: boolean) => {
    clearTimeout(saveTimer);
    saveTimer = undefined;
    const document = saved;
    if (!document || !state) return;
    saved = undefined;
    // The LRS's copy is a convenience (resume on another device): the device keeps the record.
    void client.putState(state, document, { keepalive });
  };

  const open = async (context: StatementContext): Promise<LaunchInfo> => {
    const ids = activityIds(context);
    state = {
      activityId: ids.module,
      agent: actor,
      stateId: config.stateId ?? RESUME_STATE_ID,
      registration: context.registration,
    };
    // The start waits for the LRS's resume record only briefly: the device has its own copy.
    const resuming = new LrsClient({
      ...clientOptions,
      timeoutMs: Math.min(config.timeoutMs ?? 20_000, config.resumeTimeoutMs ?? 5_000),
    }).getState(state);
    const store = await (config.store ?? openStore());
    outbox = new Outbox({ ...config.outbox, store, client });
    outbox.onNotice(tell);
    const waiting = early;
    early = [];
    void outbox.add(waiting);
    const resumed = await resuming;
    const document = resumed.ok
      ? (resumed.value as Partial<ResumeDocument> | undefined)
      : undefined;
    const name = config.includeName ? config.actor.name : undefined;
    return {
      mode: 'normal',
      learner: { id: agentKey(actor), ...(name ? { name } : {}) },
      ...(typeof document?.resume === 'string' ? { resume: document.resume } : {}),
    };
  };

  return {
    kind: 'xapi',
    resumeLimit: undefined,

    async start(module) {
      if (ctx || finished) return { mode: 'normal' };
      const now = Date.now();
      started.set(undefined, now);
      ctx = {
        module,
        actor,
        registration: config.registration ?? keptRegistration(client.endpoint, actor, module.id),
        ...(config.activityBase ? { activityBase: config.activityBase } : {}),
        ...(config.activityId ? { moduleActivityId: config.activityId } : {}),
        startedAt: (activityId) => started.get(activityId),
      };
      queue([initializedStatement(ctx, now)]);
      const context = ctx;
      const launched = open(context);
      ready = launched.then(
        () => undefined,
        () => undefined,
      );
      try {
        return await launched;
      } catch (error) {
        tell(lmsNotice('unreachable', String(error)));
        return { mode: 'normal' };
      }
    },

    record(fact: Fact, next: ModuleStatus) {
      if (!ctx || finished) return;
      status = next;
      if ('activityId' in fact && !started.has(fact.activityId)) {
        started.set(
          fact.activityId,
          fact.type === 'item.answered' ? fact.at - fact.latency : fact.at,
        );
      }
      try {
        queue(buildStatements(fact, next, ctx));
      } catch (error) {
        // A fact the module does not describe: reported to the administrator, never thrown.
        tell(lmsNotice('refused', `statement for ${fact.type}: ${String(error)}`));
      }
      if (
        fact.type === 'quiz.scored' ||
        fact.type === 'scenario.ended' ||
        fact.type === 'activity.completed'
      ) {
        started.delete(fact.activityId);
      }
    },

    save(resume, location) {
      if (finished) return;
      saved = { resume, location };
      clearTimeout(saveTimer);
      saveTimer = setTimeout(() => {
        void ready?.then(() => writeState(false));
      }, config.saveDelayMs ?? 2_000);
    },

    finish() {
      if (finished || !ctx) {
        finished = true;
        return;
      }
      finished = true;
      queue([terminatedStatement(ctx, status, Date.now())]);
      const last = () => {
        writeState(true);
        void outbox?.flushOnExit().then(() => outbox?.flush());
      };
      if (outbox) last();
      else void ready?.then(last);
    },

    onNotice(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
