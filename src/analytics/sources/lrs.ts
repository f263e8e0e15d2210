/**
 * An xAPI learning record store, queried with `GET /statements` page by page (`more`), filtered
 * by activity (with related activities, so a module's IRI finds its items and scenes) and by
 * dates. The key and secret live in this object only: nothing is written to any storage.
 */
import type { Module } from '../../content/schema.ts';
import { LrsClient, type LrsError, type StatementQuery } from '../../lms/xapi/client.ts';
import type { Statement } from '../../lms/xapi/vocabulary.ts';
import { statementsToRecords } from './lrs-map.ts';
import type { DataSource, SourceProblem, SourceResult } from './source.ts';

export interface LrsSourceOptions {
  /** The LRS's xAPI endpoint, e.g. `https://lrs.example.org/xapi/`. */
  readonly endpoint: string;
  readonly key: string;
  readonly secret: string;
  /** Only statements about this activity IRI (a module's, or any of its parts). */
  readonly activity?: string;
  /** YYYY-MM-DD (from the start of that day, UTC) or a full ISO timestamp. */
  readonly since?: string;
  /** YYYY-MM-DD (to the end of that day, UTC) or a full ISO timestamp. */
  readonly until?: string;
  /** Module definitions: item types, policies, scenario modes. */
  readonly modules?: readonly Module[];
  /** Statements per page asked of the LRS (default 500; the LRS may send fewer). */
  readonly pageSize?: number;
  readonly fetch?: typeof fetch;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function instant(value: string | undefined, endOfDay: boolean): string | undefined {
  if (!value) return undefined;
  if (!DAY.test(value)) return value;
  const start = Date.parse(`${value}T00:00:00Z`);
  return new Date(endOfDay ? start + 86_400_000 : start).toISOString();
}

function problemOf(error: LrsError): SourceProblem {
  switch (error.kind) {
    case 'network':
    case 'timeout':
      return { kind: 'network', detail: error.message };
    case 'auth':
      return { kind: 'unauthorized', detail: String(error.status ?? '') };
    default:
      return { kind: 'http', detail: error.message };
  }
}

const isHttp = (endpoint: string): boolean => {
  try {
    const url = new URL(endpoint);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
};

export function lrsSource(options: LrsSourceOptions): DataSource {
  return {
    kind: 'lrs',
    async load({ signal } = {}): Promise<SourceResult> {
      if (!isHttp(options.endpoint)) return { ok: false, problem: { kind: 'bad-endpoint' } };
      const client = new LrsClient({
        endpoint: options.endpoint,
        auth: { key: options.key, secret: options.secret },
        ...(options.fetch ? { fetch: options.fetch } : {}),
      });
      const since = instant(options.since, false);
      const until = instant(options.until, true);
      // `until` and `ascending` are standard parameters of GET /statements. Oldest first: a
      // scenario's decisions and ending with the same timestamp keep the order they were stored.
      const query: StatementQuery & { readonly until?: string; readonly ascending?: boolean } = {
        limit: options.pageSize ?? 500,
        ascending: true,
        ...(options.activity ? { activity: options.activity, related_activities: true } : {}),
        ...(since ? { since } : {}),
        ...(until ? { until } : {}),
      };
      const statements: Statement[] = [];
      let page = await client.getStatements(query);
      for (;;) {
        if (signal?.aborted) return { ok: false, problem: { kind: 'aborted' } };
        if (!page.ok) return { ok: false, problem: problemOf(page.error) };
        if (!Array.isArray(page.value.statements)) {
          return { ok: false, problem: { kind: 'bad-response' } };
        }
        statements.push(...page.value.statements);
        if (!page.value.more) break;
        page = await client.getMore(page.value.more);
      }
      const { records, unused } = statementsToRecords(statements, options.modules ?? []);
      return {
        ok: true,
        records,
        notes: unused ? [{ kind: 'statements', read: statements.length, unused }] : [],
      };
    },
  };
}
