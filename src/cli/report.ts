/**
 * `npm run report -- <results files…> [options]`: reads results files exported by learners'
 * devices ("On this device" → export), merges them without counting a record twice, and prints
 * the trainer's report as aligned tables: modules, learners, item analysis with flags, scenario
 * decisions, endings and paths, mastery per tag.
 *
 *   --modules <dir>     module definitions for texts, keys and structure (default: modules/)
 *   --module <id>       only this module
 *   --attempts <which>  first (default) | last | all: the attempts item, scenario and tag
 *                       statistics read (learner and module summaries read every attempt)
 *   --csv <file.csv>    also writes the tables as CSV: the learners table to <file.csv>, the
 *                       others beside it as <file>-modules.csv, <file>-items.csv,
 *                       <file>-scenarios.csv and <file>-tags.csv
 *   --bom               starts each CSV file with a UTF-8 byte order mark (for Excel)
 *
 * Exits 0 after a report, 1 when a results file cannot be read, 2 on a usage error.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  analyse,
  emptyDataset,
  ITEM_COLUMNS,
  LEARNER_COLUMNS,
  mergeDatasets,
  MODULE_COLUMNS,
  parseResults,
  SCENARIO_COLUMNS,
  scenarioChoiceRows,
  TAG_COLUMNS,
  toCsv,
  type AnalyticsReport,
  type AttemptSelection,
  type CsvColumn,
  type CsvValue,
  type Dataset,
} from '../analytics/index.ts';
import { parseModule } from '../content/loader.ts';
import type { Module } from '../content/schema.ts';

export interface ReportArgs {
  readonly files: readonly string[];
  readonly modulesDir: string | undefined;
  readonly moduleId: string | undefined;
  readonly attempts: AttemptSelection;
  readonly csv: string | undefined;
  readonly bom: boolean;
}

export const USAGE =
  'usage: npm run report -- <results.json…> [--modules <dir>] [--module <id>] ' +
  '[--attempts first|last|all] [--csv <file.csv>] [--bom]';

const SELECTIONS: readonly AttemptSelection[] = ['first', 'last', 'all'];

export function parseArgs(argv: readonly string[]): ReportArgs | string {
  const files: string[] = [];
  let modulesDir: string | undefined;
  let moduleId: string | undefined;
  let attempts: AttemptSelection = 'first';
  let csv: string | undefined;
  let bom = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string | undefined => {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) return undefined;
      i++;
      return next;
    };
    if (arg === '--modules') modulesDir = value() ?? '';
    else if (arg === '--module') moduleId = value() ?? '';
    else if (arg === '--csv') csv = value() ?? '';
    else if (arg === '--bom') bom = true;
    else if (arg === '--attempts') {
      const which = value();
      if (!SELECTIONS.includes(which as AttemptSelection)) {
        return `--attempts takes first, last or all`;
      }
      attempts = which as AttemptSelection;
    } else if (arg.startsWith('--')) return `unknown option ${arg}`;
    else files.push(arg);
  }
  if (modulesDir === '') return '--modules needs a folder';
  if (moduleId === '') return '--module needs a module id';
  if (csv === '') return '--csv needs a file name';
  if (!files.length) return 'name at least one results file';
  return { files, modulesDir, moduleId, attempts, csv, bom };
}

/** Every valid module.json under `dir`; invalid ones are reported and skipped. */
export function readModules(dir: string, warn: (line: string) => void): Module[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    warn(`no module folder at ${dir}: ids are shown instead of texts`);
    return [];
  }
  const files = readdirSync(dir, { recursive: true })
    .map(String)
    .filter((file) => file === 'module.json' || file.endsWith('/module.json'))
    .sort();
  return files.flatMap((file) => {
    const result = parseModule(readFileSync(join(dir, file), 'utf8'));
    if (result.ok) return [result.module];
    warn(`${join(dir, file)}: not a valid module, skipped (npm run validate says why)`);
    return [];
  });
}

/** Text for a terminal cell: one line, at most `width` characters. */
function cellText(value: CsvValue, width: number): string {
  if (value === null || value === undefined) return '–';
  const text = String(value).replace(/\s+/g, ' ').trim();
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

const MAX_CELL = 48;

/** An aligned table: numbers right-aligned, text left-aligned, columns two spaces apart. */
export function formatTable<Row>(columns: readonly CsvColumn<Row>[], rows: readonly Row[]): string {
  if (!rows.length) return '  (none)';
  const cells = rows.map((row) => columns.map((column) => column.value(row)));
  const texts = [
    columns.map((column) => cellText(column.header, MAX_CELL)),
    ...cells.map((row) => row.map((value) => cellText(value, MAX_CELL))),
  ];
  const widths = columns.map((_, c) => Math.max(...texts.map((row) => row[c]!.length)));
  const numeric = columns.map((_, c) =>
    cells.every((row) => row[c] === null || typeof row[c] === 'number'),
  );
  return texts
    .map((row) =>
      row
        .map((text, c) => (numeric[c] ? text.padStart(widths[c]!) : text.padEnd(widths[c]!)))
        .join('  ')
        .trimEnd(),
    )
    .map((line) => `  ${line}`)
    .join('\n');
}

const pct = (value: number): string => `${Math.round(value * 1000) / 10}%`;

function scenarioOutcomes(report: AnalyticsReport): string {
  const lines: string[] = [];
  for (const scenario of report.scenarios) {
    lines.push(
      `  ${scenario.moduleId} / ${scenario.activityId}: ${scenario.endedRuns} ended runs, ` +
        `${scenario.criticalRuns} with a critical error; outcomes good ${scenario.outcomes.good}, ` +
        `mixed ${scenario.outcomes.mixed}, harmful ${scenario.outcomes.harmful}`,
    );
    for (const ending of scenario.endings) {
      lines.push(
        `    ending ${ending.endingId} (${ending.outcome ?? '?'}): ${ending.count} (${pct(ending.share)})`,
      );
    }
    scenario.paths.forEach((path, index) => {
      lines.push(
        `    path ${index + 1}: ${path.count} (${pct(path.share)})  ${path.path.join(' → ') || '(no decisions)'}`,
      );
    });
  }
  return lines.length ? lines.join('\n') : '  (none)';
}

const ITEM_TERMINAL_COLUMNS = ITEM_COLUMNS.filter((column) => column.header !== 'Module');

export function formatReport(report: AnalyticsReport, heading: string): string {
  return [
    heading,
    '',
    'Modules',
    formatTable(MODULE_COLUMNS, report.modules),
    '',
    'Learners',
    formatTable(LEARNER_COLUMNS, report.learners),
    '',
    'Items (facility, SD and efficiency in %; discrimination: upper − lower 27 %)',
    formatTable(ITEM_TERMINAL_COLUMNS, report.items),
    '',
    'Scenario decisions',
    formatTable(SCENARIO_COLUMNS, scenarioChoiceRows(report.scenarios)),
    '',
    'Scenario endings and paths',
    scenarioOutcomes(report),
    '',
    'Tags (mastery: full credit on items; decisions not critical and not losing points)',
    formatTable(TAG_COLUMNS, report.tags),
  ].join('\n');
}

/** `out.csv` → `out-items.csv`. */
export const csvSibling = (file: string, suffix: string): string => {
  const extension = extname(file) || '.csv';
  return join(dirname(file), `${basename(file, extname(file))}-${suffix}${extension}`);
};

export function writeCsv(report: AnalyticsReport, file: string, bom: boolean): string[] {
  const options = { bom };
  const outputs: [string, string][] = [
    [file, toCsv(LEARNER_COLUMNS, report.learners, options)],
    [csvSibling(file, 'modules'), toCsv(MODULE_COLUMNS, report.modules, options)],
    [csvSibling(file, 'items'), toCsv(ITEM_COLUMNS, report.items, options)],
    [
      csvSibling(file, 'scenarios'),
      toCsv(SCENARIO_COLUMNS, scenarioChoiceRows(report.scenarios), options),
    ],
    [csvSibling(file, 'tags'), toCsv(TAG_COLUMNS, report.tags, options)],
  ];
  for (const [path, text] of outputs) writeFileSync(path, text, 'utf8');
  return outputs.map(([path]) => path);
}

export interface Io {
  readonly cwd: string;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** The whole command; returns the exit code. */
export function runReport(argv: readonly string[], io: Io): number {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.err(`${args}\n${USAGE}`);
    return 2;
  }
  let dataset: Dataset = emptyDataset();
  let failed = false;
  for (const file of args.files) {
    let text: string;
    try {
      text = readFileSync(resolve(io.cwd, file), 'utf8');
    } catch (cause) {
      io.err(`${file}: cannot read the file (${cause instanceof Error ? cause.message : cause})`);
      failed = true;
      continue;
    }
    const parsed = parseResults(text);
    if (!parsed.ok) {
      io.err(`${file}: ${parsed.message}`);
      failed = true;
      continue;
    }
    for (const bad of parsed.invalid) {
      io.err(`${file}: ${bad.store}[${bad.index}] skipped: ${bad.reason}`);
    }
    dataset = mergeDatasets(dataset, parsed.dataset);
  }
  if (failed) return 1;
  const modules = readModules(resolve(io.cwd, args.modulesDir ?? 'modules'), io.err);
  dataset = { ...dataset, modules };
  const report = analyse(dataset, {
    attempts: args.attempts,
    ...(args.moduleId === undefined ? {} : { moduleId: args.moduleId }),
  });
  const heading =
    `Checkpoint report: ${args.files.length} file${args.files.length === 1 ? '' : 's'}, ` +
    `${dataset.learners.length} learners, ${dataset.attempts.length} attempts, ` +
    `${dataset.responses.length} responses; item statistics over ${args.attempts} attempts`;
  io.out(formatReport(report, heading));
  if (args.csv !== undefined) {
    const written = writeCsv(report, resolve(io.cwd, args.csv), args.bom);
    io.out(`\nCSV written: ${written.join(', ')}`);
  }
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = runReport(process.argv.slice(2), {
    cwd: process.cwd(),
    out: (text) => console.log(text),
    err: (text) => console.error(text),
  });
}
