/**
 * Fields of Checkpoint's xAPI statements (src/lms/xapi/statements.ts) as record values: where an
 * activity id points, who the actor is, durations, scores and extensions.
 */
import { EXTENSIONS, type Agent, type Statement } from '../../lms/xapi/vocabulary.ts';
import type { AttemptPolicy } from '../../storage/records.ts';

const PATH = /\/modules\/([^/]+)\/activities\/([^/]+)(?:\/(items|scenes|endings)\/([^/]+))?$/;

export interface Where {
  readonly moduleId: string;
  readonly activityId: string;
  readonly part?: 'items' | 'scenes' | 'endings';
  readonly partId?: string;
}

export function parseIri(iri: string): Where | undefined {
  const match = PATH.exec(iri.split(/[?#]/)[0] ?? '');
  if (!match) return undefined;
  try {
    const decode = decodeURIComponent;
    return {
      moduleId: decode(match[1]!),
      activityId: decode(match[2]!),
      ...(match[3] ? { part: match[3] as Where['part'] & string, partId: decode(match[4]!) } : {}),
    };
  } catch {
    return undefined;
  }
}

/** As the xAPI reporter keys a learner: the account, else the mailbox or other identifier. */
export function agentKey(agent: Agent): string {
  if ('account' in agent) return `${agent.account.homePage}|${agent.account.name}`;
  if ('mbox' in agent) return agent.mbox;
  if ('mbox_sha1sum' in agent) return agent.mbox_sha1sum;
  return agent.openid;
}

/** ISO 8601 durations as the statements write them (`PT1H2M3.5S`), in milliseconds. */
export function durationMs(duration: string | undefined): number | undefined {
  if (!duration) return undefined;
  const match =
    /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(
      duration,
    );
  if (!match) return undefined;
  const [days, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0));
  return Math.round((((days! * 24 + hours!) * 60 + minutes!) * 60 + seconds!) * 1000);
}

export const DEFAULT_POLICY: AttemptPolicy = {
  passMark: 0,
  attempts: 0,
  grading: 'best',
  feedback: 'immediate',
  timeLimit: null,
  itemAttempts: 1,
};

export const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

export function score(result: Statement['result']) {
  const given = result?.score;
  if (!given) return undefined;
  const min = num(given.min) ?? 0;
  const max = num(given.max) ?? 1;
  const scaled =
    num(given.scaled) ??
    (num(given.raw) !== undefined && max > min ? (given.raw! - min) / (max - min) : undefined);
  if (scaled === undefined) return undefined;
  return { raw: num(given.raw) ?? scaled, min, max, scaled };
}

export const ext = (
  statement: Statement,
  name: keyof typeof EXTENSIONS,
  where: 'context' | 'result',
) =>
  (where === 'context' ? statement.context?.extensions : statement.result?.extensions)?.[
    EXTENSIONS[name]
  ];

export const tagsOf = (statement: Statement): string[] => {
  const tags = ext(statement, 'tags', 'context');
  return Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === 'string') : [];
};

/** Records from statements; `unused` counts statements that map to no record. */
