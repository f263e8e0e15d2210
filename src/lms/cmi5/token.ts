/**
 * The session's credentials. cmi5 hands them out once: the first POST to the launch's `fetch` URL
 * returns `{"auth-token": "…"}`, any later one an error. A reload of the page is the same launch
 * session, so the token is kept in the tab's `sessionStorage` under the launch it belongs to and
 * a reload reads it from there instead of asking again.
 */
import type { Cmi5Launch } from './launch.ts';

/** What the token needs of `sessionStorage` (a `Storage`, or anything that acts like one). */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface TokenOptions {
  /** Default: the page's `sessionStorage`, when it has one. */
  readonly storage?: KeyValueStore | undefined;
  /** Default: the global `fetch`. */
  readonly fetch?: typeof fetch;
  /** Give up on the fetch URL after this long (ms). Default 15 s. */
  readonly timeout?: number;
}

/**
 * The fetch URL refused or failed. `code` is the LMS's `error-code` (`1` already used or expired,
 * `2` security, `3` application), or `http`, `network`, `malformed` when the answer was not one.
 */
export class Cmi5TokenError extends Error {
  override readonly name = 'Cmi5TokenError';
  constructor(
    readonly code: string,
    readonly text: string,
  ) {
    super(`cmi5 token fetch failed (${code}): ${text}`);
  }
}

const inFlight = new Map<string, Promise<string>>();

export function tokenKey(launch: Pick<Cmi5Launch, 'fetch' | 'registration'>): string {
  return `checkpoint.cmi5.token ${launch.registration} ${launch.fetch}`;
}

/** The launch session's auth token: from this tab's storage, else one POST to the fetch URL. */
export function authToken(
  launch: Pick<Cmi5Launch, 'fetch' | 'registration'>,
  options: TokenOptions = {},
): Promise<string> {
  const storage = options.storage ?? defaultStorage();
  const key = tokenKey(launch);
  const kept = read(storage, key);
  if (kept) return Promise.resolve(kept);
  // Two reporters starting side by side in one page share the one fetch.
  const pending = inFlight.get(key);
  if (pending) return pending;
  const fetching = fetchToken(launch.fetch, options).then((token) => {
    write(storage, key, token);
    return token;
  });
  inFlight.set(key, fetching);
  const forget = () => inFlight.delete(key);
  fetching.then(forget, forget);
  return fetching;
}

/** The `Authorization` header value for a token. */
export const basicAuth = (token: string): string => `Basic ${token}`;

async function fetchToken(url: string, options: TokenOptions): Promise<string> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeout ?? 15_000);
  let response: Response;
  try {
    response = await doFetch(url, {
      method: 'POST',
      headers: { Accept: 'application/json' },
      signal: controller.signal,
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (error) {
    throw new Cmi5TokenError('network', error instanceof Error ? error.message : String(error));
  } finally {
    clearTimeout(timer);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new Cmi5TokenError(
      response.ok ? 'malformed' : 'http',
      `HTTP ${response.status}: the answer is not JSON`,
    );
  }
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  if (typeof record['error-code'] === 'string' || typeof record['error-code'] === 'number') {
    const text =
      typeof record['error-text'] === 'string' ? record['error-text'] : 'no reason given';
    throw new Cmi5TokenError(String(record['error-code']), text);
  }
  if (!response.ok) throw new Cmi5TokenError('http', `HTTP ${response.status}`);
  const token = record['auth-token'];
  if (typeof token !== 'string' || !token)
    throw new Cmi5TokenError('malformed', 'the answer has no "auth-token"');
  return token;
}

function defaultStorage(): KeyValueStore | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined; // storage blocked by the browser's settings
  }
}

function read(storage: KeyValueStore | undefined, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function write(storage: KeyValueStore | undefined, key: string, value: string): void {
  try {
    storage?.setItem(key, value);
  } catch {
    // Full or blocked: the token still serves this page; only a reload would need it again.
  }
}
