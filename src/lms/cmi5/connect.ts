/**
 * Opening a cmi5 session: the launch URL, the auth token, `LMS.LaunchData`, the learner's
 * preferences and the module's own State API document — everything `start()` needs before the
 * first statement. A failure comes back as a notice kind and detail, never as a throw.
 */
import { LrsClient } from '../xapi/client.ts';
import type { LmsNotice } from '../reporter.ts';
import { Cmi5LaunchError, parseCmi5Launch, type Cmi5Launch } from './launch.ts';
import {
  Cmi5LaunchDataError,
  parseLaunchData,
  readLearnerPreferences,
  LAUNCH_DATA_STATE_ID,
  type DocumentReader,
  type LaunchData,
  type LearnerPreferences,
} from './launch-data.ts';
import { authToken, basicAuth, Cmi5TokenError, type KeyValueStore } from './token.ts';

/** The module's own State API document: the resume record and what the registration was sent. */
export const CHECKPOINT_STATE_ID = 'https://checkpoint.invalid/xapi/state/cmi5';

export interface CheckpointState {
  readonly resume?: string;
  readonly location?: string;
  readonly sent?: { readonly passed: boolean; readonly completed: boolean };
}

export interface Connected {
  readonly launch: Cmi5Launch;
  readonly client: LrsClient;
  readonly authorization: string;
  readonly launchData: LaunchData;
  readonly preferences: LearnerPreferences | undefined;
  /** Undefined when the LRS could not be asked (offline); `{}` when it has none. */
  readonly state: CheckpointState | undefined;
}

export type ConnectResult =
  | { readonly ok: true; readonly value: Connected }
  | {
      readonly ok: false;
      readonly kind: LmsNotice['kind'];
      readonly detail: string;
      readonly launch?: Cmi5Launch;
    };

export interface ConnectOptions {
  readonly sessionStorage: KeyValueStore | undefined;
  readonly fetch?: typeof fetch | undefined;
  readonly timeoutMs?: number | undefined;
}

const launchDataKey = (launch: Cmi5Launch) =>
  `checkpoint.cmi5.launchdata ${launch.registration} ${launch.fetch}`;

export async function connect(url: string | URL, options: ConnectOptions): Promise<ConnectResult> {
  let launch: Cmi5Launch;
  try {
    launch = parseCmi5Launch(url);
  } catch (error) {
    return { ok: false, kind: 'refused', detail: (error as Cmi5LaunchError).message };
  }
  let token: string;
  try {
    token = await authToken(launch, {
      storage: options.sessionStorage,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  } catch (error) {
    const failure = error as Cmi5TokenError;
    const kind = failure.code === 'network' ? 'unreachable' : 'refused';
    return { ok: false, kind, detail: failure.message, launch };
  }
  const authorization = basicAuth(token);
  const client = new LrsClient({
    endpoint: launch.endpoint,
    auth: { header: authorization },
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });

  const stateParams = {
    activityId: launch.activityId,
    agent: launch.actor,
    registration: launch.registration,
  };
  const [launchDataResult, stateResult, preferences] = await Promise.all([
    client.getState({ ...stateParams, stateId: LAUNCH_DATA_STATE_ID }),
    client.getState({ ...stateParams, stateId: CHECKPOINT_STATE_ID }),
    readLearnerPreferences(launch.actor, profileReader(launch.endpoint, authorization, options)),
  ]);

  // A reload while the LRS is away still knows the launch it was given.
  let document: unknown;
  if (launchDataResult.ok) {
    document = launchDataResult.value;
    write(options.sessionStorage, launchDataKey(launch), document);
  } else {
    document = read(options.sessionStorage, launchDataKey(launch));
    if (document === undefined) {
      const kind =
        launchDataResult.error.kind === 'auth' || launchDataResult.error.kind === 'refused'
          ? 'refused'
          : 'unreachable';
      return {
        ok: false,
        kind,
        detail: `LMS.LaunchData: ${launchDataResult.error.message}`,
        launch,
      };
    }
  }
  if (document === undefined)
    return {
      ok: false,
      kind: 'refused',
      detail: new Cmi5LaunchDataError('document', 'the LMS wrote none for this launch').message,
      launch,
    };
  let launchData: LaunchData;
  try {
    launchData = parseLaunchData(document);
  } catch (error) {
    return { ok: false, kind: 'refused', detail: (error as Error).message, launch };
  }
  return {
    ok: true,
    value: {
      launch,
      client,
      authorization,
      launchData,
      preferences,
      state: stateResult.ok ? toCheckpointState(stateResult.value) : undefined,
    },
  };
}

function toCheckpointState(value: unknown): CheckpointState {
  if (typeof value !== 'object' || value === null) return {};
  const record = value as Record<string, unknown>;
  const sent = record['sent'] as Record<string, unknown> | undefined;
  return {
    ...(typeof record['resume'] === 'string' ? { resume: record['resume'] } : {}),
    ...(typeof record['location'] === 'string' ? { location: record['location'] } : {}),
    ...(typeof sent === 'object' && sent !== null
      ? { sent: { passed: sent['passed'] === true, completed: sent['completed'] === true } }
      : {}),
  };
}

/** Agent profiles (the learner's preferences) are read with the same credentials. */
function profileReader(
  endpoint: string,
  authorization: string,
  options: ConnectOptions,
): DocumentReader {
  const doFetch =
    options.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
  return async (resource, params) => {
    const url = new URL(resource, endpoint);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    const response = await doFetch(url.href, {
      headers: { Authorization: authorization, 'X-Experience-API-Version': '1.0.3' },
      signal: AbortSignal.timeout(options.timeoutMs ?? 20_000),
      cache: 'no-store',
      credentials: 'omit',
    });
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return (await response.json()) as unknown;
  };
}

function read(storage: KeyValueStore | undefined, key: string): unknown {
  try {
    const text = storage?.getItem(key);
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

function write(storage: KeyValueStore | undefined, key: string, value: unknown): void {
  try {
    if (value !== undefined) storage?.setItem(key, JSON.stringify(value));
  } catch {
    // Full or blocked: only an offline reload would miss it.
  }
}
