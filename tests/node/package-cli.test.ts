/**
 * `npm run package` as an author or administrator runs it: the file it writes, what it prints,
 * and how it refuses what it cannot package.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { engineSnapshot } from './package-engine.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
let work: string;
let engine: string;

/** The environment `npm run package` gives the command when typed in `initCwd`, or none of npm's. */
function env(initCwd?: string): NodeJS.ProcessEnv {
  const copy = { ...process.env };
  delete copy['INIT_CWD'];
  delete copy['npm_lifecycle_event'];
  return initCwd ? { ...copy, INIT_CWD: initCwd, npm_lifecycle_event: 'package' } : copy;
}

function packageCli(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/package.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: env(),
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

function moduleFolder(edit: (module: Record<string, unknown>) => void): string {
  const dir = mkdtempSync(join(work, 'module-'));
  const module = JSON.parse(
    readFileSync(join(root, 'modules/showcase/module.json'), 'utf8'),
  ) as Record<string, unknown>;
  edit(module);
  writeFileSync(join(dir, 'module.json'), JSON.stringify(module));
  mkdirSync(join(dir, 'media'));
  writeFileSync(
    join(dir, 'media/checkpoint-desk.svg'),
    readFileSync(join(root, 'modules/showcase/media/checkpoint-desk.svg')),
  );
  return dir;
}

before(() => {
  work = mkdtempSync(join(tmpdir(), 'cp-package-cli-'));
  engine = engineSnapshot(join(work, 'engine'));
});

after(() => rmSync(work, { recursive: true, force: true }));

describe('npm run package', () => {
  it('writes the zip where --out says and prints its format, size and checksum', () => {
    const out = join(work, 'showcase.zip');
    const run = packageCli('showcase', '--format', 'scorm2004', '--engine', engine, '--out', out);
    assert.equal(run.code, 0, run.err);
    const zip = readFileSync(out);
    const sha = createHash('sha256').update(zip).digest('hex');
    assert.match(
      run.out,
      new RegExp(`✓ .*showcase\\.zip: scorm2004, \\d+ files, [\\d.]+ KiB, sha256 ${sha}`),
    );
    assert.ok('imsmanifest.xml' in unzipSync(zip));
  });

  it('writes to the folder it was run from, under npm run too, named after module, version and format', () => {
    const version = (
      JSON.parse(readFileSync(join(root, 'modules/showcase/module.json'), 'utf8')) as {
        version: string;
      }
    ).version;
    const name = `showcase-${version}-cmi5.zip`;
    const args = ['showcase', '--format', 'cmi5', '--engine', engine];
    // Run directly from a folder of one's own…
    const here = mkdtempSync(join(work, 'cwd-'));
    const direct = spawnSync(
      process.execPath,
      ['--import', import.meta.resolve('tsx'), join(root, 'src/cli/package.ts'), ...args],
      { cwd: here, encoding: 'utf8', env: env() },
    );
    assert.equal(direct.status, 0, direct.stderr);
    assert.ok(existsSync(join(here, name)), direct.stdout);
    // …and as npm runs it: from the project's root, with the folder it was typed in as INIT_CWD.
    const typedIn = mkdtempSync(join(work, 'cwd-'));
    const viaNpm = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/package.ts', ...args], {
      cwd: root,
      encoding: 'utf8',
      env: env(typedIn),
    });
    assert.equal(viaNpm.status, 0, viaNpm.stderr);
    assert.ok(existsSync(join(typedIn, name)), viaNpm.stdout);
    assert.ok(!existsSync(join(root, name)), 'nothing is written to the project root');
    assert.ok(viaNpm.stdout.startsWith(`✓ ${name}: cmi5`), viaNpm.stdout);
  });

  it('refuses a missing or wrong format and an unknown module with a usage line', () => {
    const noFormat = packageCli('showcase', '--engine', engine);
    assert.equal(noFormat.code, 2);
    assert.match(noFormat.err, /--format must be one of scorm12, scorm2004, cmi5, web/);
    assert.match(packageCli('showcase', '--format', 'scorm3').err, /usage: npm run package/);
    const unknown = packageCli('no-such-module', '--format', 'web', '--engine', engine);
    assert.equal(unknown.code, 1);
    assert.match(unknown.err, /no module "no-such-module"/);
  });

  it('does not package a module with errors, and says where they are', () => {
    const dir = moduleFolder((module) => {
      module['title'] = '';
    });
    const run = packageCli(
      dir,
      '--format',
      'scorm12',
      '--engine',
      engine,
      '--out',
      join(work, 'x.zip'),
    );
    assert.equal(run.code, 1);
    assert.match(run.err, /has errors; fix them and package again:\n {2}title: /);
    assert.ok(!existsSync(join(work, 'x.zip')));
  });

  it('does not package a module whose media file is missing, and names the JSON path', () => {
    const dir = moduleFolder(() => undefined);
    rmSync(join(dir, 'media/checkpoint-desk.svg'));
    const run = packageCli(
      dir,
      '--format',
      'scorm12',
      '--engine',
      engine,
      '--out',
      join(work, 'y.zip'),
    );
    assert.equal(run.code, 1);
    assert.match(
      run.err,
      /references files it cannot ship:\n {2}activities\[\d+\]\.pages\[\d+\]\.blocks\[\d+\]\.src: "media\/checkpoint-desk\.svg" is not in/,
    );
  });

  it('refuses media outside the module folder and a course IRI that is not absolute', () => {
    const outside = moduleFolder((module) => {
      const text = JSON.stringify(module).replace('"media/checkpoint-desk.svg"', '"../secret.svg"');
      Object.assign(module, JSON.parse(text));
    });
    const run = packageCli(
      outside,
      '--format',
      'web',
      '--engine',
      engine,
      '--out',
      join(work, 'z.zip'),
    );
    assert.equal(run.code, 1);
    assert.match(run.err, /"\.\.\/secret\.svg" points outside the module's folder/);
    const iri = packageCli(
      'showcase',
      '--format',
      'cmi5',
      '--engine',
      engine,
      '--iri',
      'my course',
      '--out',
      join(work, 'w.zip'),
    );
    assert.equal(iri.code, 1);
    assert.match(iri.err, /--iri "my course" is not an absolute IRI/);
  });

  it('says which engine file is missing when the engine folder is incomplete', () => {
    const broken = mkdtempSync(join(work, 'engine-'));
    writeFileSync(join(broken, 'checkpoint.js'), 'import "./embed/gone.js";\n');
    const run = packageCli(
      'showcase',
      '--format',
      'web',
      '--engine',
      broken,
      '--out',
      join(work, 'v.zip'),
    );
    assert.equal(run.code, 1);
    assert.match(run.err, /the engine build is incomplete: .*embed\/gone\.js is missing/);
  });
});
