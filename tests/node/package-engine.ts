/**
 * The engine build the package tests put in their zips, in a folder of the test's own (so that a
 * rebuild of dist/ while they run cannot change it): a fresh embed build of the sources, or a copy
 * of the build in the folder CHECKPOINT_ENGINE names.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export function engineSnapshot(into: string): string {
  let source = process.env['CHECKPOINT_ENGINE'];
  if (!source) {
    source = `${into}-build`;
    const build = spawnSync(
      'npx',
      ['vite', 'build', '--config', 'vite.embed.config.ts', '--outDir', source, '--emptyOutDir'],
      { cwd: root, encoding: 'utf8' },
    );
    assert.equal(build.status, 0, `the engine does not build:\n${build.stderr}`);
  }
  assert.ok(existsSync(join(source, 'checkpoint.js')), `no checkpoint.js in ${source}`);
  // The whole embed build, so that a test can tell whether the package left a chunk out.
  cpSync(join(source, 'checkpoint.js'), join(into, 'checkpoint.js'));
  cpSync(join(source, 'embed'), join(into, 'embed'), {
    recursive: true,
    filter: (path) => !path.endsWith('.map'),
  });
  return into;
}

/** Every script of an engine folder, by path relative to it. */
export function engineScripts(dir: string): string[] {
  return [
    'checkpoint.js',
    ...readdirSync(join(dir, 'embed'), { recursive: true })
      .map(String)
      .filter((path) => path.endsWith('.js'))
      .map((path) => `embed/${path}`),
  ].sort();
}
