/**
 * A small xAPI 1.0.3 client: Statements (send, read page by page) and State documents. It never
 * throws: every call resolves to a result, and a failure says what kind it is, so that callers
 * can tell "try again later" (network, timeout, 5xx) from "this will not work" (4xx).
 */
import type { Agent, Statement } from './vocabulary.ts';

export const XAPI_VERSION = '1.0.3';

/** Basic credentials, or the whole `Authorization` value a launch gave (e.g. `Basic …`). */
export type LrsAuth =
  { readonly key: string; readonly secret: string } | { readonly header: string };

export interface LrsClientOptions {
  /** The LRS's xAPI endpoint, e.g. `https://lrs.example/xapi/` (a missing final "/" is added). */
  readonly endpoint: string;
  readonly auth?: LrsAuth;
  /** Per request (default 20 s). */
  readonly timeoutMs?: number;
  /** Defaults to the page's `fetch`. */
  readonly fetch?: typeof fetch;
}

export type LrsErrorKind =
  | 'network' // no answer at all (offline, refused connection, CORS)
  | 'timeout'
  | 'auth' // 401, 403
  | 'conflict' // 409
  | 'refused' // any other 4xx
  | 'server'; // 5xx (and 429: the LRS asks to come back later)

export interface LrsError {
  readonly kind: LrsErrorKind;
  readonly status?: number;
  readonly message: string;
}

export type LrsResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: LrsError };

/** Network, timeout and server errors pass; the same request may succeed later. */
export const isRetryable = (error: LrsError): boolean =>
  error.kind === 'network' || error.kind === 'timeout' || error.kind === 'server';

export interface RequestOptions {
  /** Lets the request outlive the page (at most 64 KiB of body, browsers' limit). */
  readonly keepalive?: boolean;
}

export interface StatementQuery {
  readonly registration?: string;
  readonly activity?: string;
  readonly agent?: Agent;
  readonly verb?: string;
  readonly since?: string;
  readonly limit?: number;
  readonly related_activities?: boolean;
}

export interface StatementPage {
  readonly statements: readonly Statement[];
  /** The IRL of the next page, or undefined on the last one. */
  readonly more: string | undefined;
}

export interface StateParams {
  readonly activityId: string;
  readonly agent: Agent;
  readonly stateId: string;
  readonly registration?: string;
}

export function authorizationHeader(auth: LrsAuth): string {
  if ('header' in auth) return auth.header;
  const bytes = new TextEncoder().encode(`${auth.key}:${auth.secret}`);
  let binary = '';
  bytes.forEach((byte) => (binary += String.fromCharCode(byte)));
  return `Basic ${btoa(binary)}`;
}

const statusKind = (status: number): LrsErrorKind =>
  status === 401 || status === 403
    ? 'auth'
    : status === 409
      ? 'conflict'
      : status >= 500 || status === 429
        ? 'server'
        : 'refused';

export class LrsClient {
  readonly endpoint: string;
  readonly #auth: string | undefined;
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;

  constructor(options: LrsClientOptions) {
    this.endpoint = options.endpoint.endsWith('/') ? options.endpoint : `${options.endpoint}/`;
    this.#auth = options.auth ? authorizationHeader(options.auth) : undefined;
    this.#timeoutMs = options.timeoutMs ?? 20_000;
    this.#fetch = options.fetch ?? ((...args) => globalThis.fetch(...args));
  }

  /** POSTs statements in one request; resolves to the ids the LRS stored. */
  async sendStatements(
    statements: readonly Statement[],
    options: RequestOptions = {},
  ): Promise<LrsResult<string[]>> {
    const response = await this.#request('POST', this.#url('statements'), {
      body: JSON.stringify(statements),
      ...options,
    });
    if (!response.ok) return response;
    const ids = await readJson(response.value);
    return {
      ok: true,
      value: Array.isArray(ids) ? ids.map(String) : statements.map((statement) => statement.id),
    };
  }

  /** PUTs one statement under its own id (204). A 409 means that id is stored already. */
  async putStatement(statement: Statement, options: RequestOptions = {}): Promise<LrsResult<void>> {
    const response = await this.#request(
      'PUT',
      this.#url('statements', { statementId: statement.id }),
      { body: JSON.stringify(statement), ...options },
    );
    return response.ok ? { ok: true, value: undefined } : response;
  }

  /** One page of statements; pass `page.more` to `getMore` for the next. */
  async getStatements(query: StatementQuery = {}): Promise<LrsResult<StatementPage>> {
    const params: Record<string, string> = {};
    for (const [name, value] of Object.entries(query)) {
      if (value === undefined) continue;
      params[name] = typeof value === 'object' ? JSON.stringify(value) : String(value);
    }
    return this.#page(this.#url('statements', params));
  }

  getMore(more: string): Promise<LrsResult<StatementPage>> {
    // `more` is relative to the LRS's host (xAPI Communication 2.1.3.2).
    return this.#page(new URL(more, this.endpoint).href);
  }

  /** A State document, or undefined when there is none (404). */
  async getState(params: StateParams): Promise<LrsResult<unknown>> {
    const response = await this.#request('GET', this.#stateUrl(params), {});
    if (!response.ok) {
      return response.error.status === 404 ? { ok: true, value: undefined } : response;
    }
    return { ok: true, value: await readJson(response.value) };
  }

  async putState(
    params: StateParams,
    document: unknown,
    options: RequestOptions = {},
  ): Promise<LrsResult<void>> {
    const response = await this.#request('PUT', this.#stateUrl(params), {
      body: JSON.stringify(document),
      ...options,
    });
    return response.ok ? { ok: true, value: undefined } : response;
  }

  async #page(url: string): Promise<LrsResult<StatementPage>> {
    const response = await this.#request('GET', url, {});
    if (!response.ok) return response;
    const body = (await readJson(response.value)) as {
      statements?: Statement[];
      more?: string;
    } | null;
    return {
      ok: true,
      value: { statements: body?.statements ?? [], more: body?.more ? body.more : undefined },
    };
  }

  #stateUrl(params: StateParams): string {
    return this.#url('activities/state', {
      activityId: params.activityId,
      agent: JSON.stringify(params.agent),
      stateId: params.stateId,
      ...(params.registration ? { registration: params.registration } : {}),
    });
  }

  #url(resource: string, params: Record<string, string> = {}): string {
    const url = new URL(resource, this.endpoint);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return url.href;
  }

  async #request(
    method: string,
    url: string,
    options: { body?: string; keepalive?: boolean },
  ): Promise<LrsResult<Response>> {
    const headers: Record<string, string> = { 'X-Experience-API-Version': XAPI_VERSION };
    if (this.#auth) headers['Authorization'] = this.#auth;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await this.#fetch(url, {
        method,
        headers,
        ...(options.body === undefined ? {} : { body: options.body }),
        ...(options.keepalive ? { keepalive: true } : {}),
        signal: AbortSignal.timeout(this.#timeoutMs),
        cache: 'no-store',
        credentials: 'omit',
      });
    } catch (error) {
      const name = error instanceof Error || error instanceof DOMException ? error.name : '';
      return name === 'TimeoutError' || name === 'AbortError'
        ? {
            ok: false,
            error: { kind: 'timeout', message: `no answer within ${this.#timeoutMs} ms` },
          }
        : { ok: false, error: { kind: 'network', message: String(error) } };
    }
    if (response.ok) return { ok: true, value: response };
    const detail = await response.text().catch(() => '');
    return {
      ok: false,
      error: {
        kind: statusKind(response.status),
        status: response.status,
        message: `${response.status} ${response.statusText}${detail ? `: ${detail.slice(0, 300)}` : ''}`,
      },
    };
  }
}

async function readJson(response: Response): Promise<unknown> {
  try {
    const text = await response.text();
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}
