/**
 * The classic xAPI ("Tin Can") launch: the LMS opens the module with `endpoint`, `auth` (an
 * Authorization header value), `actor` (an Agent as JSON), and optionally `registration` and
 * `activity_id` in the query string. Older launchers send the Tin Can 0.95 actor shape (lists,
 * `accountServiceHomePage` / `accountName`); it is read as 1.0.3.
 */
import type { LrsAuth } from './client.ts';
import type { Agent } from './vocabulary.ts';

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface XapiLaunch {
  readonly endpoint: string;
  readonly auth?: LrsAuth;
  readonly actor: Agent;
  readonly registration?: string;
  readonly activityId?: string;
}

const first = (value: unknown): unknown => (Array.isArray(value) ? value[0] : value);
const text = (value: unknown): string | undefined => {
  const single = first(value);
  return typeof single === 'string' && single.trim() ? single : undefined;
};

/** An Agent from launch JSON (1.0.3 or Tin Can 0.95), or undefined when it has no identifier. */
export function readAgent(value: unknown): Agent | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const raw = value as Record<string, unknown>;
  const name = text(raw['name']);
  const named = name ? { name } : {};
  const account = first(raw['account']) as Record<string, unknown> | undefined;
  if (account && typeof account === 'object') {
    const homePage = text(account['homePage']) ?? text(account['accountServiceHomePage']);
    const accountName = text(account['name']) ?? text(account['accountName']);
    if (homePage && accountName) {
      return { objectType: 'Agent', ...named, account: { homePage, name: accountName } };
    }
  }
  const mbox = text(raw['mbox']);
  if (mbox) {
    return {
      objectType: 'Agent',
      ...named,
      mbox: mbox.startsWith('mailto:') ? mbox : `mailto:${mbox}`,
    };
  }
  const sha = text(raw['mbox_sha1sum']);
  if (sha) return { objectType: 'Agent', ...named, mbox_sha1sum: sha };
  const openid = text(raw['openid']);
  if (openid) return { objectType: 'Agent', ...named, openid };
  return undefined;
}

/** The launch parameters, or undefined when the URL is not a usable xAPI launch. */
export function readXapiLaunch(url: URL | string): XapiLaunch | undefined {
  let params: URLSearchParams;
  try {
    params = new URL(String(url)).searchParams;
  } catch {
    return undefined;
  }
  const endpoint = params.get('endpoint');
  if (!endpoint) return undefined;
  try {
    const parsed = new URL(endpoint);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  } catch {
    return undefined;
  }
  let actor: Agent | undefined;
  try {
    actor = readAgent(JSON.parse(params.get('actor') ?? 'null'));
  } catch {
    return undefined;
  }
  if (!actor) return undefined;
  const auth = params.get('auth');
  const registration = params.get('registration');
  const activityId = params.get('activity_id');
  return {
    endpoint,
    actor,
    ...(auth ? { auth: { header: auth } } : {}),
    ...(registration && UUID_PATTERN.test(registration) ? { registration } : {}),
    ...(activityId ? { activityId } : {}),
  };
}
