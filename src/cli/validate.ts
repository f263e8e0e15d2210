/**
 * `npm run validate [paths…]`: validates module files (default: every modules/<id>/module.json).
 * A path may be a module file or a folder holding module.json files. Prints every problem with
 * its file and JSON path; exits 1 when any module has an error, 0 otherwise. Scenarios are also
 * walked through every state a learner can reach (engine/scenario-graph.ts).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseModule } from '../content/loader.ts';
import { describeProblem, type Problem } from '../content/problems.ts';
import { moduleProblems } from '../engine/scenario-graph.ts';

export interface FileReport {
  readonly file: string;
  readonly errors: readonly Problem[];
  readonly warnings: readonly Problem[];
  /** Errors found in all when `errors` lists only the first of them. */
  readonly errorCount?: number;
}

function moduleFiles(path: string): string[] {
  if (!existsSync(path)) return [path]; // reported as unreadable
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true })
    .map(String)
    .filter((file) => file === 'module.json' || file.endsWith('/module.json'))
    .map((file) => join(path, file))
    .sort();
}

export function validateFile(file: string): FileReport {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    return {
      file,
      errors: [{ path: '', message: `cannot read the file: ${message}`, severity: 'error' }],
      warnings: [],
    };
  }
  const result = parseModule(text);
  if (!result.ok) {
    const { errors, warnings, errorCount } = result;
    return { file, errors, warnings, errorCount };
  }
  // Every path through each scenario: the engine's rules, so this check lives here, not in content.
  const paths = moduleProblems(result.module);
  return {
    file,
    errors: paths.filter((problem) => problem.severity === 'error'),
    warnings: [...result.warnings, ...paths.filter((problem) => problem.severity === 'warning')],
  };
}

export function validatePaths(paths: readonly string[], cwd = process.cwd()): FileReport[] {
  const targets = paths.length ? paths : [join(cwd, 'modules')];
  return targets.flatMap((path) => moduleFiles(resolve(cwd, path))).map(validateFile);
}

export function formatReports(reports: readonly FileReport[], cwd = process.cwd()): string {
  const lines: string[] = [];
  for (const report of reports) {
    const name = relative(cwd, report.file) || report.file;
    lines.push(`${report.errors.length ? '✗' : '✓'} ${name}`);
    for (const problem of report.errors)
      lines.push(`  error    ${name}: ${describeProblem(problem)}`);
    for (const problem of report.warnings)
      lines.push(`  warning  ${name}: ${describeProblem(problem)}`);
  }
  const failed = reports.filter((report) => report.errors.length).length;
  const errors = reports.reduce(
    (sum, report) => sum + (report.errorCount ?? report.errors.length),
    0,
  );
  const warnings = reports.reduce((sum, report) => sum + report.warnings.length, 0);
  lines.push(
    `${reports.length} module${reports.length === 1 ? '' : 's'}: ${reports.length - failed} valid, ${failed} with errors (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})`,
  );
  return lines.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const reports = validatePaths(process.argv.slice(2));
  if (!reports.length) {
    console.error('no module.json found');
    process.exit(1);
  }
  console.log(formatReports(reports));
  process.exit(reports.some((report) => report.errors.length) ? 1 : 0);
}
