/**
 * A cmi5 LMS for tests, in node, in front of the real LRS (tests/helpers/lrs.ts). It does what an
 * LMS does before opening a module: writes `LMS.LaunchData` (and, if asked, the learner's
 * preferences), records "launched", serves a one-time fetch URL that hands out the credentials
 * once and an error JSON after that, and builds the launch URL.
 *
 * The LRS stores statements only, so the launcher is the module's xAPI endpoint: it keeps the
 * State and Agent Profile documents itself (an LMS's own part of cmi5) and passes every other
 * request — statements — through to the LRS unchanged.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LrsAccess {
  /** The LRS's xAPI base URL. */
  readonly endpoint: string;
  /** The LRS's `Authorization` header value (`Basic …`): what the fetch URL hands out. */
  readonly authorization: string;
}

export interface LaunchOptions {
  /** Where the module is served; the launch parameters are appended. */
  readonly auUrl: string;
  readonly launchMode?: 'Normal' | 'Browse' | 'Review';
  readonly masteryScore?: number;
  readonly moveOn?:
    'Passed' | 'Completed' | 'CompletedAndPassed' | 'CompletedOrPassed' | 'NotApplicable';
  /** Default: the launcher's own /return page. */
  readonly returnURL?: string;
  /** Relaunch within this registration (a new session); default a new registration. */
  readonly registration?: string;
  readonly languagePreference?: string;
}

export interface Launched {
  readonly url: string;
  readonly fetchUrl: string;
  readonly registration: string;
  readonly activityId: string;
  readonly publisherId: string;
  readonly sessionId: string;
  readonly actor: {
    readonly objectType: 'Agent';
    readonly account: { readonly homePage: string; readonly name: string };
  };
  readonly returnURL: string;
}

export interface Cmi5Launcher {
  readonly origin: string;
  readonly endpoint: string;
  launch(options: LaunchOptions): Promise<Launched>;
  /** A fresh one-time fetch URL, without writing anything to the LRS. */
  issueFetchUrl(): string;
  /** How many POSTs a fetch URL received. */
  fetchCount(fetchUrl: string): number;
  /** Serves a fixed body at a path of the launcher's origin (a page for the module, say). */
  serve(path: string, body: string | Buffer, contentType: string): void;
  /** Authorization header value for reading the LRS as the LMS. */
  readonly authorization: string;
  /** A State API document as the launcher holds it (undefined: none). */
  state(params: { activityId: string; registration: string; stateId: string }): unknown;
  close(): Promise<void>;
}

export const ACTIVITY_ID = 'https://lms.example/checkpoint/au/showcase';
export const PUBLISHER_ID = 'https://checkpoint.example/showcase';
export const ACTOR = {
  objectType: 'Agent' as const,
  account: { homePage: 'https://lms.example', name: 'learner-1625378' },
};

export async function startCmi5Launcher(lrs: LrsAccess): Promise<Cmi5Launcher> {
  const fetches = new Map<string, number>();
  const files = new Map<string, { body: string | Buffer; type: string }>();
  /** State and Agent Profile documents, by resource and key. */
  const documents = new Map<string, string>();
  const upstream = new URL(lrs.endpoint.endsWith('/') ? lrs.endpoint : `${lrs.endpoint}/`);
  const { authorization } = lrs;
  const token = authorization.replace(/^Basic /, '');
  const cors = {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': 'GET, PUT, POST, DELETE, OPTIONS',
    'Access-Control-Allow-Headers': 'Accept, Authorization, Content-Type, X-Experience-API-Version',
    'Access-Control-Expose-Headers': 'ETag, X-Experience-API-Version',
  };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    void handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(502, cors);
      response.end(String(error));
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method === 'OPTIONS') return void response.writeHead(204, cors).end();
    if (url.pathname.startsWith('/fetch/')) return fetchUrl(url, request, response);
    if (url.pathname.startsWith(upstream.pathname)) {
      const resource = url.pathname.slice(upstream.pathname.length);
      if (resource === 'activities/state' || resource === 'agents/profile')
        return document(resource, url, request, response);
      return proxy(url, request, response);
    }
    if (url.pathname === '/return') {
      return void response
        .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
        .end('<!doctype html><title>LMS</title><h1>Back in the LMS</h1>');
    }
    const file = files.get(url.pathname);
    if (file) return void response.writeHead(200, { 'Content-Type': file.type }).end(file.body);
    response.writeHead(404).end();
  }

  function fetchUrl(url: URL, request: IncomingMessage, response: ServerResponse): void {
    const code = url.pathname.slice('/fetch/'.length);
    if (!fetches.has(code)) return void response.writeHead(404, cors).end();
    const count = (fetches.get(code) ?? 0) + 1;
    fetches.set(code, count);
    const body =
      request.method !== 'POST'
        ? { 'error-code': '3', 'error-text': 'The fetch URL takes a POST.' }
        : count === 1
          ? { 'auth-token': token }
          : {
              'error-code': '1',
              'error-text': 'The authorization token has already been returned.',
            };
    // cmi5 8.2.2: 200 even for an error.
    response
      .writeHead(200, { ...cors, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
      .end(JSON.stringify(body));
  }

  async function document(
    resource: string,
    url: URL,
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<void> {
    const headers = { ...cors, 'X-Experience-API-Version': '1.0.3' };
    if (request.headers.authorization !== authorization)
      return void response.writeHead(401, headers).end();
    const p = url.searchParams;
    const agent = p.get('agent');
    const id = resource === 'activities/state' ? p.get('stateId') : p.get('profileId');
    if (!agent || !id || (resource === 'activities/state' && !p.get('activityId')))
      return void response.writeHead(400, headers).end('missing parameters');
    const key = documentKey(resource, agent, p.get('activityId'), p.get('registration'), id);
    const body = await readBody(request);
    switch (request.method) {
      case 'GET': {
        const stored = documents.get(key);
        if (stored === undefined) return void response.writeHead(404, headers).end();
        return void response
          .writeHead(200, { ...headers, 'Content-Type': 'application/json' })
          .end(stored);
      }
      case 'PUT':
        documents.set(key, body.toString('utf8'));
        return void response.writeHead(204, headers).end();
      case 'POST': {
        const merged = {
          ...parseObject(documents.get(key)),
          ...parseObject(body.toString('utf8')),
        };
        documents.set(key, JSON.stringify(merged));
        return void response.writeHead(204, headers).end();
      }
      case 'DELETE':
        documents.delete(key);
        return void response.writeHead(204, headers).end();
      default:
        return void response.writeHead(405, headers).end();
    }
  }

  async function proxy(
    url: URL,
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<void> {
    const target = new URL(url.pathname + url.search, upstream);
    const body = await readBody(request);
    const headers: Record<string, string> = {};
    for (const name of ['authorization', 'content-type', 'x-experience-api-version', 'accept']) {
      const value = request.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    let answer: Response;
    try {
      answer = await fetch(target, {
        method: request.method ?? 'GET',
        headers,
        ...(body.length ? { body: new Uint8Array(body) } : {}),
      });
    } catch {
      return void response.writeHead(502, cors).end('the LRS cannot be reached');
    }
    const out: Record<string, string> = { ...cors };
    for (const name of ['content-type', 'x-experience-api-version', 'etag', 'last-modified']) {
      const value = answer.headers.get(name);
      if (value) out[name] = value;
    }
    response.writeHead(answer.status, out).end(Buffer.from(await answer.arrayBuffer()));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const endpoint = `${origin}${upstream.pathname}`;

  const issueFetchUrl = () => {
    const code = randomUUID();
    fetches.set(code, 0);
    return `${origin}/fetch/${code}`;
  };

  async function lrsCall(method: 'PUT' | 'POST', path: string, body: unknown): Promise<void> {
    const response = await fetch(`${endpoint}${path}`, {
      method,
      headers: {
        Authorization: authorization,
        'X-Experience-API-Version': '1.0.3',
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(`LRS ${method} ${path}: HTTP ${response.status} ${await response.text()}`);
  }

  async function launch(options: LaunchOptions): Promise<Launched> {
    const registration = options.registration ?? randomUUID();
    const sessionId = randomUUID();
    const fetchUrl = issueFetchUrl();
    const returnURL = options.returnURL ?? `${origin}/return`;
    const agent = JSON.stringify(ACTOR);
    const contextTemplate = {
      contextActivities: { grouping: [{ id: PUBLISHER_ID }] },
      extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': sessionId },
    };
    const launchData = {
      contextTemplate,
      launchMode: options.launchMode ?? 'Normal',
      launchMethod: 'AnyWindow',
      moveOn: options.moveOn ?? 'CompletedAndPassed',
      returnURL,
      ...(options.masteryScore === undefined ? {} : { masteryScore: options.masteryScore }),
    };
    const state = new URLSearchParams({
      stateId: 'LMS.LaunchData',
      activityId: ACTIVITY_ID,
      agent,
      registration,
    });
    await lrsCall('PUT', `activities/state?${state}`, launchData);
    if (options.languagePreference) {
      const profile = new URLSearchParams({ agent, profileId: 'cmi5LearnerPreferences' });
      await lrsCall('PUT', `agents/profile?${profile}`, {
        languagePreference: options.languagePreference,
        audioPreference: 'on',
      });
    }
    await lrsCall('POST', 'statements', {
      id: randomUUID(),
      actor: ACTOR,
      verb: { id: 'http://adlnet.gov/expapi/verbs/launched', display: { 'en-US': 'launched' } },
      object: { id: ACTIVITY_ID, objectType: 'Activity' },
      context: {
        registration,
        contextActivities: {
          grouping: [{ id: PUBLISHER_ID }],
          category: [{ id: 'https://w3id.org/xapi/cmi5/context/categories/cmi5' }],
        },
        extensions: {
          'https://w3id.org/xapi/cmi5/context/extensions/sessionid': sessionId,
          'https://w3id.org/xapi/cmi5/context/extensions/launchmode': launchData.launchMode,
          'https://w3id.org/xapi/cmi5/context/extensions/moveon': launchData.moveOn,
          'https://w3id.org/xapi/cmi5/context/extensions/launchurl': options.auUrl,
          ...(options.masteryScore === undefined
            ? {}
            : {
                'https://w3id.org/xapi/cmi5/context/extensions/masteryscore': options.masteryScore,
              }),
        },
      },
      timestamp: new Date().toISOString(),
    });

    const url = new URL(options.auUrl);
    url.searchParams.set('endpoint', endpoint);
    url.searchParams.set('fetch', fetchUrl);
    url.searchParams.set('actor', agent);
    url.searchParams.set('registration', registration);
    url.searchParams.set('activityId', ACTIVITY_ID);
    return {
      url: url.href,
      fetchUrl,
      registration,
      activityId: ACTIVITY_ID,
      publisherId: PUBLISHER_ID,
      sessionId,
      actor: ACTOR,
      returnURL,
    };
  }

  return {
    origin,
    endpoint,
    authorization,
    launch,
    issueFetchUrl,
    fetchCount: (fetchUrl) => fetches.get(fetchUrl.slice(fetchUrl.lastIndexOf('/') + 1)) ?? 0,
    serve: (path, body, type) => void files.set(path, { body, type }),
    state: ({ activityId, registration, stateId }) => {
      const stored = documents.get(
        documentKey('activities/state', JSON.stringify(ACTOR), activityId, registration, stateId),
      );
      return stored === undefined ? undefined : (JSON.parse(stored) as unknown);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Agents compare by their identifier, not by how their JSON happens to be written. */
function documentKey(
  resource: string,
  agent: string,
  activityId: string | null,
  registration: string | null,
  id: string,
): string {
  let who = agent;
  try {
    const parsed = JSON.parse(agent) as {
      account?: { homePage?: string; name?: string };
      mbox?: string;
    };
    who = parsed.account
      ? `account:${parsed.account.homePage}|${parsed.account.name}`
      : `mbox:${parsed.mbox}`;
  } catch {
    // kept as given
  }
  return JSON.stringify([resource, who, activityId ?? '', registration ?? '', id]);
}

function parseObject(text: string | undefined): Record<string, unknown> {
  try {
    const value: unknown = text ? JSON.parse(text) : {};
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}
