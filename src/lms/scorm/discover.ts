/**
 * Finds the SCORM API an LMS put in the page's frame hierarchy: the window itself, its parents
 * (the LMS usually runs the content in a frame), then the window that opened it and that window's
 * parents (content launched in a new window). The nearest window that holds an API wins; in one
 * window SCORM 2004 is preferred to SCORM 1.2. Then, while a session runs, whether the API found is
 * still there: the window holding it may close or navigate, and the LMS may take its API away.
 *
 * Frames from other origins are normal in LMS pages: every read is guarded, so a security error
 * or a property that throws means "no API here", never an exception.
 */
import { SCORM_12_API, SCORM_2004_API, type ApiKind } from './api.ts';
import type { Scorm12Api, Scorm2004Api } from './api.ts';

export type { Scorm12Api, Scorm2004Api } from './api.ts';

export type FoundScormApi =
  | { readonly version: '1.2'; readonly api: Scorm12Api }
  | { readonly version: '2004'; readonly api: Scorm2004Api };

/** How many parents are climbed from one window: LMS frame sets are a few levels deep. */
const MAX_DEPTH = 10;

/** Reads a property without letting a cross-origin or throwing getter escape. */
function read(source: unknown, key: string): unknown {
  try {
    return (source as Record<string, unknown> | null | undefined)?.[key];
  } catch {
    return undefined;
  }
}

function hasMethods(candidate: unknown, methods: readonly string[]): boolean {
  if (candidate === null || (typeof candidate !== 'object' && typeof candidate !== 'function')) {
    return false;
  }
  return methods.every((method) => typeof read(candidate, method) === 'function');
}

function apiIn(frame: Window): FoundScormApi | undefined {
  const api2004 = read(frame, SCORM_2004_API.property);
  if (hasMethods(api2004, SCORM_2004_API.methods)) {
    return { version: '2004', api: api2004 as Scorm2004Api };
  }
  const api12 = read(frame, SCORM_12_API.property);
  if (hasMethods(api12, SCORM_12_API.methods)) return { version: '1.2', api: api12 as Scorm12Api };
  return undefined;
}

/** The window and its parents, nearest first, each once. */
function lineage(start: Window | undefined, seen: Set<Window>): Window[] {
  const frames: Window[] = [];
  let frame = start;
  for (let depth = 0; frame && depth <= MAX_DEPTH && !seen.has(frame); depth++) {
    seen.add(frame);
    frames.push(frame);
    const parent = read(frame, 'parent') as Window | null | undefined;
    if (!parent || parent === frame) break;
    frame = parent;
  }
  return frames;
}

/** The windows an API is looked for in, in order. */
function* searched(start: Window): Generator<Window> {
  const seen = new Set<Window>();
  const own = lineage(start, seen);
  yield* own;
  // A launch in a new window: the opener of this window, or of its top frame.
  const openers = [start, own.at(-1)].map(
    (frame) => (read(frame, 'opener') as Window | null | undefined) ?? undefined,
  );
  for (const opener of openers) yield* lineage(opener, seen);
}

export function findScormApi(start: Window = window): FoundScormApi | undefined {
  for (const frame of searched(start)) {
    const found = apiIn(frame);
    if (found) return found;
  }
  return undefined;
}

/** The window, among those searched from `start`, that holds `api`; none for an API held elsewhere. */
export function holderOf(kind: ApiKind, api: object, start: Window = window): Window | undefined {
  for (const frame of searched(start)) {
    if (read(frame, kind.property) === api) return frame;
  }
  return undefined;
}

/**
 * Why an API found before is no longer there, or undefined while it is: the window that held it
 * has closed (a removed frame), holds something else now (navigated, or the LMS took its API
 * away), or the API has lost one of its methods.
 */
export function goneReason(
  kind: ApiKind,
  api: object,
  holder: Window | undefined,
): string | undefined {
  if (holder) {
    if (read(holder, 'closed') === true) return 'the window holding the LMS API has closed';
    if (read(holder, kind.property) !== api) {
      return `the window holding the LMS API no longer has it as ${kind.property}`;
    }
  }
  const missing = kind.methods.find((method) => typeof read(api, method) !== 'function');
  return missing === undefined ? undefined : `the LMS API no longer has ${missing}`;
}
