/** Helpers over module documents as plain JSON: walking, copying, mutating. */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonPath = readonly (string | number)[];

/** Keys whose string values are ids, references or enumerations, not text a learner reads. */
const STRUCTURAL = new Set([
  '$schema',
  'id',
  'type',
  'version',
  'language',
  'variant',
  'outcome',
  'mode',
  'grading',
  'scoring',
  'navigation',
  'start',
  'criticalEnding',
  'next',
  'to',
  'tag',
  'tags',
  'sources',
  'objectives',
  'flags',
  'notFlags',
  'setFlags',
  'clearFlags',
]);
const URL_KEYS = new Set(['src', 'url']);
const MARKDOWN_KEYS = new Set([
  'text',
  'prompt',
  'rationale',
  'scene',
  'intro',
  'consequence',
  'coaching',
  'bestPractice',
]);

export type FieldKind = 'markdown' | 'plain' | 'url';
export interface TextField {
  readonly path: JsonPath;
  readonly kind: FieldKind;
  readonly value: string;
}

function fieldKind(path: JsonPath): FieldKind | undefined {
  const key = [...path].reverse().find((segment) => typeof segment === 'string');
  const parent = path.at(-2);
  if (key === undefined || STRUCTURAL.has(key)) return undefined;
  // `feedback` is text on options and cues, an enumeration in an assessment policy.
  if (key === 'feedback' && (parent === 'assessment' || parent === 'policy')) return undefined;
  if (URL_KEYS.has(key)) return 'url';
  // In a module's objectives list the entries are objects; in an activity, ids.
  if (typeof path.at(-1) === 'number' && key === 'objectives') return undefined;
  return MARKDOWN_KEYS.has(key) ? 'markdown' : 'plain';
}

/** Every string in the document a learner reads (or an address), with its path and kind. */
export function textFields(document: Json, path: JsonPath = []): TextField[] {
  if (typeof document === 'string') {
    const kind = fieldKind(path);
    return kind ? [{ path, kind, value: document }] : [];
  }
  if (Array.isArray(document))
    return document.flatMap((value, index) => textFields(value, [...path, index]));
  if (document && typeof document === 'object') {
    return Object.entries(document).flatMap(([key, value]) => textFields(value, [...path, key]));
  }
  return [];
}

export const clone = <T extends Json>(document: T): T => structuredClone(document);

/** Sets the value at a path (the path must exist up to its parent). */
export function setAt(document: Json, path: JsonPath, value: Json | undefined): void {
  let parent = document as Record<string | number, Json>;
  for (const segment of path.slice(0, -1))
    parent = parent[segment] as Record<string | number, Json>;
  const last = path.at(-1)!;
  if (value === undefined) {
    if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
    else Reflect.deleteProperty(parent, last);
  } else {
    parent[last] = value;
  }
}

/** Every path in the document, containers included. */
export function allPaths(document: Json, path: JsonPath = []): JsonPath[] {
  const children =
    document && typeof document === 'object'
      ? Array.isArray(document)
        ? document.flatMap((value, index) => allPaths(value, [...path, index]))
        : Object.entries(document).flatMap(([key, value]) => allPaths(value, [...path, key]))
      : [];
  return path.length ? [path, ...children] : children;
}
