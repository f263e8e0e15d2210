/**
 * parse → migrate → validate (structure) → check (semantics) → freeze.
 *
 * Never throws: whatever it is given, the result is a frozen module or a list of located
 * problems.
 */
import { visit } from 'jsonc-parser';
import * as v from 'valibot';
import { migrate } from './migrations/index.ts';
import { error, fromIssues, type Problem } from './problems.ts';
import { ModuleSchema, type Module, type ModuleData } from './schema.ts';
import { checkSemantics } from './semantics.ts';

export type LoadResult =
  | { readonly ok: true; readonly module: Module; readonly warnings: readonly Problem[] }
  | {
      readonly ok: false;
      /** At most `MAX_PROBLEMS`, then one line saying how many more there are. */
      readonly errors: readonly Problem[];
      readonly warnings: readonly Problem[];
      /** How many errors were found in all, including those left out of `errors`. */
      readonly errorCount: number;
    };

/** A module file longer than this is refused before it is parsed. */
export const MAX_MODULE_CHARACTERS = 20_000_000;
/** The most problems reported for one document; a broken file otherwise floods the screen. */
export const MAX_PROBLEMS = 100;

const failed = (errors: Problem[], warnings: Problem[] = []): LoadResult => ({
  ok: false,
  errors: limit(errors),
  warnings: limit(warnings),
  errorCount: errors.length,
});

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function limit(problems: Problem[]): Problem[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  return [
    ...problems.slice(0, MAX_PROBLEMS),
    error([], `…and ${problems.length - MAX_PROBLEMS} more problems`),
  ];
}

/** jsonc-parser's ParseErrorCode (a const enum, so spelt out here) → what the author should fix. */
const JSON_ERRORS: Record<number, string> = {
  1: 'unexpected character (text must be in double quotes)',
  2: 'a number is written wrongly',
  3: 'expected a field name in double quotes',
  4: 'expected a value',
  5: 'expected ":" after the field name',
  6: 'expected a comma between entries',
  7: 'expected "}" to close the object (or a comma is extra)',
  8: 'expected "]" to close the list (or a comma is extra)',
  9: 'expected the end of the file: something follows the module',
  10: 'comments are not allowed in JSON',
  11: 'comments are not allowed in JSON',
  12: 'a text is not closed with a double quote',
  13: 'a number is cut off',
  14: 'a \\u escape is written wrongly',
  15: 'an escape such as \\n is written wrongly',
  16: 'a control character (such as a tab or line break) must be escaped inside text',
};

/** Where and why JSON text is invalid, as the first error a JSON scanner meets. */
function describeJsonError(text: string): string | undefined {
  let found: string | undefined;
  try {
    visit(
      text,
      {
        onError(code, _offset, _length, line, column) {
          found ??= `line ${line + 1}, column ${column + 1}: ${JSON_ERRORS[code] ?? 'invalid JSON'}`;
        },
      },
      { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
    );
  } catch {
    // too deeply nested for the scanner: the engine's message stands
  }
  return found;
}

/** Parses JSON text; the problem says where parsing stopped and why. A leading BOM is ignored. */
export function parseJson(
  raw: string,
): { ok: true; value: unknown } | { ok: false; problem: Problem } {
  if (raw.length > MAX_MODULE_CHARACTERS) {
    return {
      ok: false,
      problem: error(
        [],
        `the file is too large: at most ${MAX_MODULE_CHARACTERS / 1_000_000} million characters`,
      ),
    };
  }
  const text = raw.startsWith('\ufeff') ? raw.slice(1) : raw;
  if (!text.trim()) return { ok: false, problem: error([], 'the file is empty') };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (cause) {
    const where = describeJsonError(text);
    const message = cause instanceof Error ? cause.message : String(cause);
    return {
      ok: false,
      problem: error(
        [],
        where ? `the file is not valid JSON at ${where}` : `the file is not valid JSON: ${message}`,
      ),
    };
  }
}

/** Validates an already parsed document. */
export function validateModule(document: unknown): LoadResult {
  try {
    const migrated = migrate(document);
    if (!migrated.ok) return failed(migrated.problems);
    const parsed = v.safeParse(ModuleSchema, migrated.document);
    if (!parsed.success) return failed(fromIssues(parsed.issues));
    const problems = checkSemantics(parsed.output);
    const errors = problems.filter((problem) => problem.severity === 'error');
    const warnings = problems.filter((problem) => problem.severity === 'warning');
    if (errors.length) return failed(errors, warnings);
    return { ok: true, module: deepFreeze(parsed.output as ModuleData) as Module, warnings };
  } catch (cause) {
    // A stack overflow on absurdly deep input is the one thing validation itself can throw.
    const message = cause instanceof Error ? cause.message : String(cause);
    return failed([error([], `the module could not be checked: ${message}`)]);
  }
}

/** Parses and validates JSON text. */
export function parseModule(text: string): LoadResult {
  const parsed = parseJson(text);
  return parsed.ok ? validateModule(parsed.value) : failed([parsed.problem]);
}

/**
 * Loads a module from a URL (fetched), from JSON text, or from an object already in memory.
 * Strings that start with `{` are taken as JSON text, every other string as a URL.
 */
export async function loadModule(
  source: string | URL | object,
  init?: RequestInit,
): Promise<LoadResult> {
  if (typeof source === 'string' && source.trimStart().startsWith('{')) return parseModule(source);
  if (typeof source !== 'string' && !(source instanceof URL)) return validateModule(source);
  let response: Response;
  try {
    response = await fetch(source, init);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    return failed([error([], `the module at ${String(source)} could not be fetched: ${message}`)]);
  }
  if (!response.ok) {
    return failed([
      error([], `the module at ${String(source)} could not be fetched: HTTP ${response.status}`),
    ]);
  }
  try {
    return parseModule(await response.text());
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    return failed([error([], `the module at ${String(source)} could not be read: ${message}`)]);
  }
}
