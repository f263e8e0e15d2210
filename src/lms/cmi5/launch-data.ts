/**
 * What the LMS wrote for this launch before opening the module: the State API document
 * `LMS.LaunchData` (mode, mastery score, return URL, the context every cmi5 statement carries)
 * and, when the learner has set them, the `cmi5LearnerPreferences` agent profile.
 */
import type { Cmi5Actor } from './launch.ts';

export type LaunchMode = 'Normal' | 'Browse' | 'Review';
export type MoveOn =
  'Passed' | 'Completed' | 'CompletedAndPassed' | 'CompletedOrPassed' | 'NotApplicable';

/** An xAPI statement context, as far as this module reads or writes one. */
export interface XapiContext {
  readonly registration?: string;
  readonly contextActivities?: {
    readonly parent?: readonly { readonly id: string }[];
    readonly grouping?: readonly { readonly id: string }[];
    readonly category?: readonly { readonly id: string }[];
    readonly other?: readonly { readonly id: string }[];
  };
  readonly extensions?: Readonly<Record<string, unknown>>;
  readonly [key: string]: unknown;
}

export interface LaunchData {
  readonly contextTemplate: XapiContext;
  readonly launchMode: LaunchMode;
  readonly launchMethod: 'OwnWindow' | 'AnyWindow';
  readonly moveOn: MoveOn;
  /** 0–1. */
  readonly masteryScore?: number;
  readonly returnURL?: string;
  readonly launchParameters?: string;
  readonly entitlementKey?: { readonly courseStructure: string; readonly alternate?: string };
}

export interface LearnerPreferences {
  /** BCP 47 tags in the learner's order of preference. */
  readonly languages: readonly string[];
  readonly audio?: 'on' | 'off';
}

/** `LMS.LaunchData` is missing or not what the specification says; `field` names the place. */
export class Cmi5LaunchDataError extends Error {
  override readonly name = 'Cmi5LaunchDataError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`cmi5 LMS.LaunchData ${field}: ${message}`);
  }
}

export const LAUNCH_DATA_STATE_ID = 'LMS.LaunchData';
export const LEARNER_PREFERENCES_PROFILE_ID = 'cmi5LearnerPreferences';

/** Reads one xAPI document: its JSON, or `undefined` when the LRS has none (404). */
export type DocumentReader = (
  resource: 'activities/state' | 'agents/profile',
  params: Readonly<Record<string, string>>,
) => Promise<unknown>;

/** The learner's preferences, or `undefined` when there are none (or they cannot be read). */
export async function readLearnerPreferences(
  actor: Cmi5Actor,
  read: DocumentReader,
): Promise<LearnerPreferences | undefined> {
  let document: unknown;
  try {
    document = await read('agents/profile', {
      agent: JSON.stringify(actor),
      profileId: LEARNER_PREFERENCES_PROFILE_ID,
    });
  } catch {
    return undefined; // optional: the module runs in its own language
  }
  if (!isRecord(document)) return undefined;
  const languages =
    typeof document['languagePreference'] === 'string'
      ? document['languagePreference']
          .split(',')
          .map((tag) => tag.trim())
          .filter(Boolean)
      : [];
  const audio = document['audioPreference'];
  return { languages, ...(audio === 'on' || audio === 'off' ? { audio } : {}) };
}

export function parseLaunchData(document: unknown): LaunchData {
  if (!isRecord(document)) throw new Cmi5LaunchDataError('document', 'is not a JSON object');
  const contextTemplate = document['contextTemplate'];
  if (!isRecord(contextTemplate))
    throw new Cmi5LaunchDataError('contextTemplate', 'must be an object');
  const launchMode = oneOf('launchMode', document['launchMode'], ['Normal', 'Browse', 'Review']);
  // Required by the specification, yet harmless to assume when an LMS leaves them out.
  const launchMethod =
    document['launchMethod'] === undefined
      ? 'AnyWindow'
      : oneOf('launchMethod', document['launchMethod'], ['OwnWindow', 'AnyWindow']);
  const moveOn =
    document['moveOn'] === undefined
      ? 'NotApplicable'
      : oneOf('moveOn', document['moveOn'], [
          'Passed',
          'Completed',
          'CompletedAndPassed',
          'CompletedOrPassed',
          'NotApplicable',
        ]);
  const masteryScore = document['masteryScore'];
  if (
    masteryScore !== undefined &&
    masteryScore !== null &&
    (typeof masteryScore !== 'number' || !(masteryScore >= 0 && masteryScore <= 1))
  )
    throw new Cmi5LaunchDataError(
      'masteryScore',
      `must be a number from 0 to 1, not ${JSON.stringify(masteryScore)}`,
    );
  const returnURL = optionalString('returnURL', document['returnURL']);
  const launchParameters = optionalString('launchParameters', document['launchParameters']);
  const entitlement = document['entitlementKey'];
  let entitlementKey: LaunchData['entitlementKey'];
  if (entitlement !== undefined && entitlement !== null) {
    if (!isRecord(entitlement) || typeof entitlement['courseStructure'] !== 'string')
      throw new Cmi5LaunchDataError(
        'entitlementKey',
        'must be an object with a courseStructure string',
      );
    const alternate = optionalString('entitlementKey.alternate', entitlement['alternate']);
    entitlementKey = {
      courseStructure: entitlement['courseStructure'],
      ...(alternate === undefined ? {} : { alternate }),
    };
  }
  return {
    contextTemplate: contextTemplate as XapiContext,
    launchMode,
    launchMethod,
    moveOn,
    ...(typeof masteryScore === 'number' ? { masteryScore } : {}),
    ...(returnURL === undefined ? {} : { returnURL }),
    ...(launchParameters === undefined ? {} : { launchParameters }),
    ...(entitlementKey ? { entitlementKey } : {}),
  };
}

function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value))
    return value as T;
  throw new Cmi5LaunchDataError(
    field,
    `must be one of ${allowed.join(', ')}, not ${value === undefined ? 'missing' : JSON.stringify(value)}`,
  );
}

function optionalString(field: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new Cmi5LaunchDataError(field, 'must be a string');
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
