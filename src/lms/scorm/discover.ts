/**
 * Finds the SCORM API an LMS put in the page's frame hierarchy: the window itself, its parents
 * (the LMS usually runs the content in a frame), then the window that opened it and that window's
 * parents (content launched in a new window). The nearest window that holds an API wins; in one
 * window SCORM 2004 is preferred to SCORM 1.2.
 *
 * Frames from other origins are normal in LMS pages: every read is guarded, so a security error
 * or a property that throws means "no API here", never an exception.
 */
import type { Scorm12Api, Scorm2004Api } from './api.ts';

export type { Scorm12Api, Scorm2004Api } from './api.ts';

export type FoundScormApi =
  | { readonly version: '1.2'; readonly api: Scorm12Api }
  | { readonly version: '2004'; readonly api: Scorm2004Api };

/** How many parents are climbed from one window: LMS frame sets are a few levels deep. */
const MAX_DEPTH = 10;

const SCORM_2004_METHODS = ['Initialize', 'Terminate', 'GetValue', 'SetValue', 'Commit'] as const;
const SCORM_12_METHODS = ['LMSInitialize', 'LMSFinish', 'LMSGetValue', 'LMSSetValue'] as const;

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
  const api2004 = read(frame, 'API_1484_11');
  if (hasMethods(api2004, SCORM_2004_METHODS)) {
    return { version: '2004', api: api2004 as Scorm2004Api };
  }
  const api12 = read(frame, 'API');
  if (hasMethods(api12, SCORM_12_METHODS)) return { version: '1.2', api: api12 as Scorm12Api };
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

export function findScormApi(start: Window = window): FoundScormApi | undefined {
  const seen = new Set<Window>();
  const own = lineage(start, seen);
  for (const frame of own) {
    const found = apiIn(frame);
    if (found) return found;
  }
  // A launch in a new window: the opener of this window, or of its top frame.
  const openers = [start, own.at(-1)].map(
    (frame) => (read(frame, 'opener') as Window | null | undefined) ?? undefined,
  );
  for (const opener of openers) {
    for (const frame of lineage(opener, seen)) {
      const found = apiIn(frame);
      if (found) return found;
    }
  }
  return undefined;
}
