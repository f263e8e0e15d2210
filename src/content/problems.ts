import type * as v from 'valibot';

/** Something wrong (or doubtful) in a module, located by its JSON path. */
export interface Problem {
  /** JSON path in the module, e.g. `activities[2].items[4].options`; empty for the whole document. */
  readonly path: string;
  /** A sentence a course author understands. */
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** `path: message`, or just the message at the root. */
export function describeProblem(problem: Problem): string {
  return problem.path ? `${problem.path}: ${problem.message}` : problem.message;
}

export const error = (path: readonly PathSegment[], message: string): Problem => ({
  path: formatPath(path),
  message,
  severity: 'error',
});

export const warning = (path: readonly PathSegment[], message: string): Problem => ({
  path: formatPath(path),
  message,
  severity: 'warning',
});

// ── Valibot issues → author sentences ─────────────────────────────────────────────────────

type Issue = v.BaseIssue<unknown>;

const KIND_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  strict_object: 'an object',
  object: 'an object',
};

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return value.length > 40 ? 'text' : `"${value}"`;
    case 'number':
      return String(value);
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

function isText(value: unknown): value is string {
  return typeof value === 'string';
}

/** Valibot's own messages start with "Invalid"; any other was written for authors in the schema. */
const isCustom = (issue: Issue) => !issue.message.startsWith('Invalid ');

function sentence(issue: Issue): string {
  const received = describeValue(issue.input);
  if (isCustom(issue))
    return issue.type === 'regex' ? `${issue.message}; got ${received}` : issue.message;
  switch (issue.type) {
    case 'strict_object':
    case 'object':
      if (issue.expected === 'never') return 'unknown field (check its spelling, or remove it)';
      if (issue.received === 'undefined') return 'this required field is missing';
      return `must be an object, not ${received}`;
    case 'variant':
      if (issue.expected === 'Object') return `must be an object, not ${received}`;
      if (issue.received === 'undefined') {
        return `this required field is missing: one of ${issue.expected?.replace(/^\(|\)$/g, '').replaceAll(' | ', ', ')}`;
      }
      return `must be one of ${issue.expected?.replace(/^\(|\)$/g, '').replaceAll(' | ', ', ')}, not ${received}`;
    case 'literal':
      return `must be ${issue.expected}, not ${received}`;
    case 'picklist':
      return `must be one of ${issue.expected?.replace(/^\(|\)$/g, '').replaceAll(' | ', ', ')}, not ${received}`;
    case 'union':
      return `has the wrong form: expected a scene or ending id, or a list of routes, not ${received}`;
    case 'min_length': {
      const min = Number((issue as v.MinLengthIssue<string, number>).requirement);
      if (isText(issue.input)) {
        return min === 1 ? 'must not be empty' : `must have at least ${min} characters`;
      }
      return `needs at least ${min} ${min === 1 ? 'entry' : 'entries'}`;
    }
    case 'max_length': {
      const max = Number((issue as v.MaxLengthIssue<string, number>).requirement);
      if (isText(issue.input)) {
        return `is too long: at most ${max} characters, this has ${issue.input.length}`;
      }
      return `has too many entries: at most ${max}, this has ${(issue.input as unknown[]).length}`;
    }
    case 'min_value':
      return `must be at least ${String((issue as v.MinValueIssue<number, number>).requirement)}, not ${received}`;
    case 'max_value':
      return `must be at most ${String((issue as v.MaxValueIssue<number, number>).requirement)}, not ${received}`;
    case 'integer':
      return `must be a whole number, not ${received}`;
    default: {
      const expected = KIND_NAMES[issue.type];
      if (expected) return `must be ${expected}, not ${received}`;
      return issue.message;
    }
  }
}

function issuePath(issue: Issue, prefix: readonly PathSegment[]): PathSegment[] {
  return [...prefix, ...(issue.path ?? []).map((item) => item.key as PathSegment)];
}

/**
 * Valibot reads a list as an object, so a list where an object belongs yields one "missing" or
 * "unknown field" issue per key. Returns the path of that list when this issue is one of those.
 */
function listInPlaceOfObject(issue: Issue, path: PathSegment[]): PathSegment[] | undefined {
  if (issue.type !== 'strict_object' && issue.type !== 'object') return undefined;
  if (issue.expected === 'Object') return undefined; // a type issue, not a key issue
  const last = issue.path?.at(-1);
  return last && Array.isArray(last.input) ? path.slice(0, -1) : undefined;
}

function collect(
  issues: readonly Issue[],
  prefix: readonly PathSegment[],
  into: Map<string, Problem>,
) {
  for (const issue of issues) {
    const path = issuePath(issue, prefix);
    // A union's own issues carry paths relative to it: report the branch that got furthest,
    // which is almost always the one the author meant.
    if (issue.type === 'union' && issue.issues?.length) {
      const deeper = issue.issues.filter((inner) => (inner.path?.length ?? 0) > 0);
      if (deeper.length) {
        collect(deeper, path, into);
        continue;
      }
    }
    const listPath = listInPlaceOfObject(issue, path);
    const problem = listPath
      ? error(listPath, 'must be an object, not a list')
      : error(path, sentence(issue));
    // One problem per place: the first says what to fix (an empty id needs no pattern advice).
    if (!into.has(problem.path)) into.set(problem.path, problem);
  }
}

/** Turns Valibot issues into problems, one per place, in document order of discovery. */
export function fromIssues(issues: readonly Issue[]): Problem[] {
  const problems = new Map<string, Problem>();
  collect(issues, [], problems);
  return [...problems.values()];
}
