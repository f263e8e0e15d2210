/**
 * The cmi5 launch URL: the LMS opens the module with five query parameters that say where the
 * learning record store is (`endpoint`), where to get the session's credentials (`fetch`), who the
 * learner is (`actor`), which enrolment this is (`registration`) and which activity the module is
 * in the LMS's course (`activityId`).
 */

/** An xAPI Agent identified by an account, as cmi5 requires for the learner. */
export interface Cmi5Actor {
  readonly objectType: 'Agent';
  readonly account: { readonly homePage: string; readonly name: string };
  readonly name?: string;
}

export interface Cmi5Launch {
  /** The LRS base URL, always ending with `/`. */
  readonly endpoint: string;
  readonly fetch: string;
  readonly actor: Cmi5Actor;
  readonly registration: string;
  readonly activityId: string;
}

/** A launch URL the module cannot run from; `parameter` names the query parameter at fault. */
export class Cmi5LaunchError extends Error {
  override readonly name = 'Cmi5LaunchError';
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(`cmi5 launch parameter "${parameter}": ${message}`);
  }
}

const PARAMETERS = ['endpoint', 'fetch', 'actor', 'registration', 'activityId'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const IRI_SCHEME = /^[a-z][a-z0-9+.-]*:\S+$/i;

/** True when the URL carries the parameters of a cmi5 launch (whether or not they are valid). */
export function isCmi5Launch(url: string | URL): boolean {
  const params = toUrl(url)?.searchParams;
  return (
    !!params && ['endpoint', 'fetch', 'registration', 'activityId'].every((p) => params.has(p))
  );
}

/** Reads the launch parameters, or throws a `Cmi5LaunchError` naming the first one at fault. */
export function parseCmi5Launch(url: string | URL): Cmi5Launch {
  const parsed = toUrl(url);
  if (!parsed) throw new Cmi5LaunchError('url', `"${String(url)}" is not a URL`);
  const params = parsed.searchParams;
  for (const name of PARAMETERS) {
    if (!params.get(name)?.trim()) throw new Cmi5LaunchError(name, 'missing from the launch URL');
  }
  const value = (name: (typeof PARAMETERS)[number]) => params.get(name)!.trim();

  const endpoint = httpUrl('endpoint', value('endpoint'));
  const fetchUrl = httpUrl('fetch', value('fetch'));
  const registration = value('registration');
  if (!UUID.test(registration))
    throw new Cmi5LaunchError('registration', `"${registration}" is not a UUID`);
  const activityId = value('activityId');
  if (!IRI_SCHEME.test(activityId))
    throw new Cmi5LaunchError('activityId', `"${activityId}" is not an IRI`);

  return {
    endpoint: endpoint.endsWith('/') ? endpoint : `${endpoint}/`,
    fetch: fetchUrl,
    actor: parseActor(value('actor')),
    registration,
    activityId,
  };
}

function parseActor(text: string): Cmi5Actor {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Cmi5LaunchError('actor', 'is not JSON');
  }
  if (!isRecord(json)) throw new Cmi5LaunchError('actor', 'is not a JSON object');
  if (json['objectType'] !== undefined && json['objectType'] !== 'Agent')
    throw new Cmi5LaunchError(
      'actor',
      `objectType must be "Agent", not ${String(json['objectType'])}`,
    );
  const account = json['account'];
  if (!isRecord(account)) throw new Cmi5LaunchError('actor', 'has no account');
  const { homePage, name } = account;
  if (typeof homePage !== 'string' || !IRI_SCHEME.test(homePage))
    throw new Cmi5LaunchError('actor', 'account.homePage must be an IRI');
  if (typeof name !== 'string' || !name)
    throw new Cmi5LaunchError('actor', 'account.name must be a non-empty string');
  const display = json['name'];
  return {
    objectType: 'Agent',
    account: { homePage, name },
    ...(typeof display === 'string' && display ? { name: display } : {}),
  };
}

function httpUrl(parameter: string, text: string): string {
  const url = toUrl(text);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:'))
    throw new Cmi5LaunchError(parameter, `"${text}" is not an http(s) URL`);
  return url.href;
}

function toUrl(url: string | URL): URL | undefined {
  if (url instanceof URL) return url;
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
