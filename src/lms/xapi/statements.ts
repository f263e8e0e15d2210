/**
 * Engine facts as xAPI 1.0.3 statements. Pure: the same fact, status and context give the same
 * statements (but for `id`, from `newId`). cmi5 builds on these with `decorate`.
 *
 * Activity ids are IRIs under `activityBase` (default `https://checkpoint.invalid/xapi/`):
 *
 *   <base>modules/<module>                                      the module (course)
 *   <base>modules/<module>/activities/<activity>                a lesson, quiz or scenario
 *   <base>modules/<module>/activities/<quiz>/items/<item>       a quiz item (cmi.interaction)
 *   <base>modules/<module>/activities/<scenario>/scenes/<scene> a scene (cmi.interaction, choice)
 *   <base>modules/<module>/activities/<scenario>/endings/<end>  a scenario ending
 *
 * Each part is `encodeURIComponent`-ed. `moduleActivityId` replaces the module's id (a launch that
 * names the activity, such as cmi5 or xAPI `activity_id`); the others stay under the base.
 *
 * Statement map: `initialized` / `terminated` (module), `answered` (item), `responded` (scene:
 * a scenario decision), `experienced` (scenario ending), `passed` / `failed` (quiz attempt,
 * module), `completed` (activity, module).
 */
import type { Activity as ContentActivity, Module } from '../../content/schema.ts';
import type { ModuleStatus } from '../../engine/course.machine.ts';
import type { Fact } from '../../engine/events.ts';
import type { Score } from '../../engine/types.ts';
import { itemDefinition, responseText, sceneDefinition } from './interactions.ts';
import {
  ACTIVITY_TYPES,
  DEFAULT_ACTIVITY_BASE,
  EXTENSIONS,
  VERBS,
  type Activity,
  type Agent,
  type Context,
  type ContextActivities,
  type Result,
  type Statement,
  type Verb,
} from './vocabulary.ts';

export interface StatementContext {
  readonly module: Module;
  readonly actor: Agent;
  /** The registration (UUID) every statement of this learner × module carries. */
  readonly registration: string;
  /** Base IRI of activity ids; a trailing "/" is added when missing. */
  readonly activityBase?: string;
  /** The module's activity id, when the launch names it. */
  readonly moduleActivityId?: string;
  /** Statement ids (default `crypto.randomUUID()`). */
  readonly newId?: () => string;
  /**
   * When an activity (by id) or, with `undefined`, the session started, in epoch ms: gives
   * `result.duration` to quiz results and `terminated`. Unknown: no duration.
   */
  readonly startedAt?: (activityId: string | undefined) => number | undefined;
  /** A last change to every statement, e.g. cmi5's context extensions and category. */
  readonly decorate?: (statement: Statement, fact: Fact | undefined) => Statement;
}

export interface ActivityIds {
  readonly module: string;
  activity(activityId: string): string;
  item(activityId: string, itemId: string): string;
  scene(activityId: string, sceneId: string): string;
  ending(activityId: string, endingId: string): string;
}

export function activityIds(ctx: StatementContext): ActivityIds {
  const raw = ctx.activityBase ?? DEFAULT_ACTIVITY_BASE;
  const base = raw.endsWith('/') ? raw : `${raw}/`;
  const part = encodeURIComponent;
  const moduleIri = `${base}modules/${part(ctx.module.id)}`;
  const activity = (id: string) => `${moduleIri}/activities/${part(id)}`;
  return {
    module: ctx.moduleActivityId ?? moduleIri,
    activity,
    item: (activityId, itemId) => `${activity(activityId)}/items/${part(itemId)}`,
    scene: (activityId, sceneId) => `${activity(activityId)}/scenes/${part(sceneId)}`,
    ending: (activityId, endingId) => `${activity(activityId)}/endings/${part(endingId)}`,
  };
}

/** ISO 8601 duration with at most two decimals of seconds, e.g. `PT1H2M3.5S`. */
export function isoDuration(ms: number): string {
  const centis = Math.max(0, Math.round((Number.isFinite(ms) ? ms : 0) / 10));
  const hours = Math.floor(centis / 360_000);
  const minutes = Math.floor((centis % 360_000) / 6_000);
  const seconds = (centis % 6_000) / 100;
  return `PT${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${
    seconds || (!hours && !minutes) ? `${seconds}S` : ''
  }`;
}

/** `result.score`, when the score is consistent (xAPI rejects raw outside min–max). */
export function resultScore(score: Score | undefined): Result['score'] | undefined {
  if (!score) return undefined;
  const scaled = Math.round(score.scaled * 10_000) / 10_000;
  if (!Number.isFinite(scaled) || scaled < -1 || scaled > 1) return undefined;
  const { raw, min, max } = score;
  if ([raw, min, max].every(Number.isFinite) && min < max && raw >= min && raw <= max) {
    return { scaled, raw, min, max };
  }
  return { scaled };
}

const activityType = (activity: ContentActivity | undefined): string | undefined =>
  activity ? ACTIVITY_TYPES[activity.type] : undefined;

export function moduleActivity(ctx: StatementContext): Activity {
  const { module } = ctx;
  return {
    objectType: 'Activity',
    id: activityIds(ctx).module,
    definition: {
      type: ACTIVITY_TYPES.module,
      name: { [module.language]: module.title },
      description: { [module.language]: module.summary },
    },
  };
}

function contentActivity(ctx: StatementContext, activityId: string): Activity {
  const activity = ctx.module.activities.find((candidate) => candidate.id === activityId);
  const type = activityType(activity);
  return {
    objectType: 'Activity',
    id: activityIds(ctx).activity(activityId),
    ...(activity
      ? {
          definition: {
            ...(type ? { type } : {}),
            name: { [ctx.module.language]: activity.title },
          },
        }
      : {}),
  };
}

const ref = (id: string): Activity => ({ objectType: 'Activity', id });

/**
 * The parts every statement shares: id, actor, verb, object, timestamp and a context with the
 * registration, the module's revision and language, and the given context activities.
 */
export function statementBase(
  ctx: StatementContext,
  verb: Verb,
  object: Activity,
  at: number,
  extra: {
    readonly contextActivities?: ContextActivities;
    readonly extensions?: Context['extensions'];
  } = {},
): Statement {
  const context: Context = {
    registration: ctx.registration,
    revision: ctx.module.version,
    platform: 'Checkpoint',
    language: ctx.module.language,
    ...(extra.contextActivities ? { contextActivities: extra.contextActivities } : {}),
    ...(extra.extensions && Object.keys(extra.extensions).length
      ? { extensions: extra.extensions }
      : {}),
  };
  return {
    id: (ctx.newId ?? (() => crypto.randomUUID()))(),
    actor: ctx.actor,
    verb,
    object,
    context,
    timestamp: new Date(at).toISOString(),
  };
}

const withResult = (statement: Statement, result: Result): Statement => ({ ...statement, result });

const decorated = (ctx: StatementContext, fact: Fact | undefined, statements: Statement[]) =>
  ctx.decorate ? statements.map((statement) => ctx.decorate!(statement, fact)) : statements;

const inModule = (ctx: StatementContext): ContextActivities => ({
  parent: [ref(activityIds(ctx).module)],
});

const inActivity = (ctx: StatementContext, activityId: string): ContextActivities => ({
  parent: [ref(activityIds(ctx).activity(activityId))],
  grouping: [ref(activityIds(ctx).module)],
});

const durationSince = (ctx: StatementContext, activityId: string | undefined, at: number) => {
  const start = ctx.startedAt?.(activityId);
  return start === undefined ? {} : { duration: isoDuration(at - start) };
};

const scored = (score: Score | undefined) => {
  const value = resultScore(score);
  return value ? { score: value } : {};
};

/** The learner started (or resumed) the module. */
export function initializedStatement(ctx: StatementContext, at: number): Statement {
  return decorated(ctx, undefined, [
    statementBase(ctx, VERBS.initialized, moduleActivity(ctx), at),
  ])[0]!;
}

/** The session ends: the module's progress and the time since `startedAt(undefined)`. */
export function terminatedStatement(
  ctx: StatementContext,
  status: ModuleStatus,
  at: number,
): Statement {
  const statement = statementBase(ctx, VERBS.terminated, moduleActivity(ctx), at, {
    extensions: { [EXTENSIONS.progress]: status.progress },
  });
  const result: Result = { ...durationSince(ctx, undefined, at) };
  return decorated(ctx, undefined, [
    Object.keys(result).length ? withResult(statement, result) : statement,
  ])[0]!;
}

function answered(
  ctx: StatementContext,
  fact: Extract<Fact, { type: 'item.answered' }>,
): Statement {
  const quiz = ctx.module.activities.find((activity) => activity.id === fact.activityId);
  const item =
    quiz?.type === 'quiz' ? quiz.items.find((entry) => entry.id === fact.itemId) : undefined;
  const object: Activity = {
    objectType: 'Activity',
    id: activityIds(ctx).item(fact.activityId, fact.itemId),
    ...(item ? { definition: itemDefinition(item, ctx.module.language) } : {}),
  };
  const statement = statementBase(ctx, VERBS.answered, object, fact.at, {
    contextActivities: inActivity(ctx, fact.activityId),
    extensions: {
      [EXTENSIONS.attempt]: fact.attempt,
      ...(fact.tags.length ? { [EXTENSIONS.tags]: fact.tags } : {}),
    },
  });
  return withResult(statement, {
    ...scored(fact.score),
    success: fact.correct,
    completion: true,
    response: responseText(item, fact.response),
    duration: isoDuration(fact.latency),
  });
}

function chose(ctx: StatementContext, fact: Extract<Fact, { type: 'scenario.chose' }>): Statement {
  const scenario = ctx.module.activities.find((activity) => activity.id === fact.activityId);
  const scene =
    scenario?.type === 'scenario'
      ? scenario.scenes.find((entry) => entry.id === fact.sceneId)
      : undefined;
  const object: Activity = {
    objectType: 'Activity',
    id: activityIds(ctx).scene(fact.activityId, fact.sceneId),
    ...(scene ? { definition: sceneDefinition(scene, ctx.module.language) } : {}),
  };
  const statement = statementBase(ctx, VERBS.responded, object, fact.at, {
    contextActivities: inActivity(ctx, fact.activityId),
    extensions: fact.tags.length ? { [EXTENSIONS.tags]: fact.tags } : {},
  });
  return withResult(statement, {
    response: fact.choiceId,
    extensions: {
      [EXTENSIONS.scoreDelta]: fact.scoreDelta,
      [EXTENSIONS.runningScore]: fact.score,
      [EXTENSIONS.critical]: fact.critical,
    },
  });
}

function ended(ctx: StatementContext, fact: Extract<Fact, { type: 'scenario.ended' }>): Statement {
  const scenario = ctx.module.activities.find((activity) => activity.id === fact.activityId);
  const ending =
    scenario?.type === 'scenario'
      ? scenario.endings.find((entry) => entry.id === fact.endingId)
      : undefined;
  const object: Activity = {
    objectType: 'Activity',
    id: activityIds(ctx).ending(fact.activityId, fact.endingId),
    ...(ending ? { definition: { name: { [ctx.module.language]: ending.title } } } : {}),
  };
  const statement = statementBase(ctx, VERBS.experienced, object, fact.at, {
    contextActivities: inActivity(ctx, fact.activityId),
  });
  return withResult(statement, {
    ...scored(fact.score),
    completion: true,
    extensions: {
      [EXTENSIONS.outcome]: fact.outcome,
      [EXTENSIONS.critical]: fact.critical,
      [EXTENSIONS.path]: fact.path,
      ...(fact.band === undefined ? {} : { [EXTENSIONS.band]: fact.band }),
    },
  });
}

/**
 * The statements one engine fact gives, in the order they are to be sent. `status` is the module's
 * status right after the fact.
 */
export function buildStatements(
  fact: Fact,
  status: ModuleStatus,
  ctx: StatementContext,
): Statement[] {
  return decorated(ctx, fact, undecorated(fact, status, ctx));
}

function undecorated(fact: Fact, status: ModuleStatus, ctx: StatementContext): Statement[] {
  switch (fact.type) {
    case 'item.answered':
      return [answered(ctx, fact)];
    case 'scenario.chose':
      return [chose(ctx, fact)];
    case 'scenario.ended':
      return [ended(ctx, fact)];
    case 'quiz.scored': {
      const statement = statementBase(
        ctx,
        fact.passed ? VERBS.passed : VERBS.failed,
        contentActivity(ctx, fact.activityId),
        fact.at,
        {
          contextActivities: inModule(ctx),
          extensions: { [EXTENSIONS.attempt]: fact.attempt, [EXTENSIONS.reason]: fact.reason },
        },
      );
      return [
        withResult(statement, {
          ...scored(fact.score),
          success: fact.passed,
          completion: true,
          ...durationSince(ctx, fact.activityId, fact.at),
        }),
      ];
    }
    case 'activity.completed': {
      const statement = statementBase(
        ctx,
        VERBS.completed,
        contentActivity(ctx, fact.activityId),
        fact.at,
        { contextActivities: inModule(ctx) },
      );
      return [
        withResult(statement, {
          ...scored(fact.score),
          ...(fact.passed === undefined ? {} : { success: fact.passed }),
          completion: true,
        }),
      ];
    }
    case 'module.completed': {
      const object = moduleActivity(ctx);
      const progress = { extensions: { [EXTENSIONS.progress]: status.progress } };
      const verdict =
        fact.score === undefined
          ? []
          : [
              withResult(
                statementBase(
                  ctx,
                  fact.passed ? VERBS.passed : VERBS.failed,
                  object,
                  fact.at,
                  progress,
                ),
                {
                  ...scored(fact.score),
                  success: fact.passed,
                  completion: true,
                  ...durationSince(ctx, undefined, fact.at),
                },
              ),
            ];
      const completed = withResult(statementBase(ctx, VERBS.completed, object, fact.at, progress), {
        ...scored(fact.score),
        ...(fact.score === undefined ? {} : { success: fact.passed }),
        completion: true,
        ...durationSince(ctx, undefined, fact.at),
      });
      return [...verdict, completed];
    }
  }
}
