/**
 * cmi5's shape of a statement (cmi5 9.4–9.6). Every statement of the session carries the LMS's
 * context template (its publisher id grouping, its session id). The "cmi5 defined" ones —
 * initialized, passed, failed, completed, terminated about the launched activity — also carry the
 * cmi5 category, the moveOn category when they judge or complete, the mastery score on a
 * judgement, and only the result properties cmi5 allows each verb. Everything else the module
 * reports ("answered", a quiz's own "passed", …) is "cmi5 allowed" and must not carry the cmi5
 * category.
 */
import type { Score } from '../../engine/types.ts';
import {
  isoDuration,
  moduleActivity,
  resultScore,
  statementBase,
  type StatementContext,
} from '../xapi/statements.ts';
import {
  VERBS,
  type Activity,
  type Context,
  type ContextActivities,
  type Result,
  type Statement,
} from '../xapi/vocabulary.ts';
import type { XapiContext } from './launch-data.ts';
import type { Cmi5DefinedVerb } from './order.ts';

export const CMI5_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
export const MOVEON_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/moveon';
export const SESSION_ID_EXTENSION = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
export const MASTERY_SCORE_EXTENSION = 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore';

export interface SessionContext {
  /** The LMS's `contextTemplate` from `LMS.LaunchData`. */
  readonly template: XapiContext;
  readonly sessionId: string;
}

type ActivityList = readonly Activity[] | undefined;
const LISTS = ['parent', 'grouping', 'category', 'other'] as const;

function union(
  a: ActivityList,
  b: readonly { readonly id: string }[] | undefined,
): Activity[] | undefined {
  if (!a?.length && !b?.length) return undefined;
  const out: Activity[] = [...(a ?? [])];
  for (const entry of b ?? []) {
    if (typeof entry?.id === 'string' && !out.some((have) => have.id === entry.id))
      out.push({ ...entry, objectType: 'Activity' } as Activity);
  }
  return out;
}

/** The statement with the LMS's context template and the session id merged into its context. */
export function inSession(statement: Statement, session: SessionContext): Statement {
  const own = statement.context ?? {};
  const template = session.template;
  const contextActivities: Record<string, Activity[]> = {};
  for (const list of LISTS) {
    const merged = union(own.contextActivities?.[list], template.contextActivities?.[list]);
    if (merged) contextActivities[list] = merged;
  }
  // Scalar members of the template (revision, platform, language, …) fill in; the statement's
  // registration is the launch's and stays.
  const scalars: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(template)) {
    if (key === 'contextActivities' || key === 'extensions' || key === 'registration') continue;
    if (!(key in own)) scalars[key] = value;
  }
  const context: Context = {
    ...scalars,
    ...own,
    ...(Object.keys(contextActivities).length ? { contextActivities } : {}),
    extensions: {
      ...(own.extensions ?? {}),
      ...(template.extensions ?? {}),
      [SESSION_ID_EXTENSION]: session.sessionId,
    },
  };
  return { ...statement, context };
}

export interface DefinedOptions {
  readonly verb: Cmi5DefinedVerb;
  readonly at: number;
  /** When the session began (epoch ms): durations count from here. */
  readonly startedAt: number;
  readonly score?: Score | undefined;
  readonly masteryScore?: number | undefined;
}

/**
 * A cmi5 defined statement about the launched activity (`ctx.moduleActivityId`), with the result
 * cmi5 allows for its verb: nothing on initialized; duration on terminated; completion and
 * duration on completed; success, score and duration on passed and failed.
 */
export function definedStatement(
  ctx: StatementContext,
  session: SessionContext,
  options: DefinedOptions,
): Statement {
  const { verb, at } = options;
  const duration = isoDuration(at - options.startedAt);
  const moveOn = verb === 'passed' || verb === 'failed' || verb === 'completed';
  const judged = verb === 'passed' || verb === 'failed';
  const base = statementBase(ctx, VERBS[verb], moduleActivity(ctx), at, {
    contextActivities: {
      category: [
        { objectType: 'Activity', id: CMI5_CATEGORY },
        ...(moveOn ? [{ objectType: 'Activity' as const, id: MOVEON_CATEGORY }] : []),
      ],
    },
    ...(judged && options.masteryScore !== undefined
      ? { extensions: { [MASTERY_SCORE_EXTENSION]: options.masteryScore } }
      : {}),
  });
  const score = judged ? cmi5Score(options.score) : undefined;
  const result: Result | undefined =
    verb === 'initialized'
      ? undefined
      : verb === 'terminated'
        ? { duration }
        : verb === 'completed'
          ? { completion: true, duration }
          : { success: verb === 'passed', ...(score ? { score } : {}), duration };
  return inSession(result ? { ...base, result } : base, session);
}

/** cmi5 9.5.1: `raw`, `min` and `max` are integers; a score whose points are not keeps `scaled`. */
function cmi5Score(score: Score | undefined): Result['score'] | undefined {
  const value = resultScore(score);
  if (!value) return undefined;
  const { raw, min, max } = value;
  return [raw, min, max].every(Number.isInteger) ? value : { scaled: value.scaled! };
}

/** True for a statement that claims to be cmi5 defined. */
export function isDefined(statement: Statement): boolean {
  return !!statement.context?.contextActivities?.category?.some(
    (entry) => entry.id === CMI5_CATEGORY,
  );
}

/** Removes the cmi5 and moveOn categories: an allowed statement must not look defined. */
export function asAllowed(statement: Statement): Statement {
  const activities: ContextActivities | undefined = statement.context?.contextActivities;
  const category = activities?.category?.filter(
    (entry) => entry.id !== CMI5_CATEGORY && entry.id !== MOVEON_CATEGORY,
  );
  if (!activities?.category || category?.length === activities.category.length) return statement;
  const rest: Record<string, unknown> = { ...activities };
  delete rest['category'];
  return {
    ...statement,
    context: {
      ...statement.context,
      contextActivities: (category?.length ? { ...rest, category } : rest) as ContextActivities,
    },
  };
}
