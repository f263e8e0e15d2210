import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

function validate(...paths: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/validate.ts', ...paths], {
    cwd: root,
    encoding: 'utf8',
  });
  return { code: result.status, out: result.stdout + result.stderr };
}

describe('npm run validate', () => {
  it('checks every module in modules/ by default and exits 0 when all are valid', () => {
    const { code, out } = validate();
    assert.equal(code, 0, out);
    assert.match(out, /✓ modules\/showcase\/module\.json/);
    assert.match(out, /\d+ modules?: \d+ valid, 0 with errors \(0 errors/);
  });

  it('prints each error with its file and JSON path and exits 1', () => {
    const file = 'tests/fixtures/malformed/expected.json';
    const cases = JSON.parse(readFileSync(join(root, file), 'utf8')) as {
      file: string;
      path: string;
      message: string;
    }[];
    const sample = cases.filter((entry) => entry.path).slice(0, 5);
    const { code, out } = validate(
      ...sample.map((entry) => `tests/fixtures/malformed/${entry.file}`),
    );
    assert.equal(code, 1, out);
    for (const entry of sample) {
      const line = `tests/fixtures/malformed/${entry.file}: ${entry.path}: `;
      assert.ok(out.includes(line), `missing "${line}" in:\n${out}`);
      assert.ok(out.includes(entry.message), `missing "${entry.message}"`);
    }
    assert.match(out, /5 modules: 0 valid, 5 with errors/);
  });

  it('takes folders, and reports a file that cannot be read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cp-validate-'));
    writeFileSync(
      join(dir, 'module.json'),
      readFileSync(join(root, 'modules/showcase/module.json')),
    );
    const ok = validate(dir);
    assert.equal(ok.code, 0, ok.out);
    const missing = validate(join(dir, 'absent.json'));
    assert.equal(missing.code, 1);
    assert.match(missing.out, /cannot read the file/);
  });

  it('walks every path of each scenario and locates a scene no path reaches', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cp-validate-'));
    const module = JSON.parse(readFileSync(join(root, 'modules/showcase/module.json'), 'utf8')) as {
      activities: {
        type: string;
        scenes?: { id: string; choices: { next: unknown }[] }[];
        endings?: { id: string }[];
      }[];
    };
    const index = module.activities.findIndex((activity) => activity.type === 'scenario');
    const { scenes = [], endings = [] } = module.activities[index] ?? {};
    const lost = scenes.length - 1;
    const target = scenes[lost]?.id;
    // Every choice that led to the last scene now goes straight to an ending.
    for (const scene of scenes) {
      for (const choice of scene.choices) {
        if (choice.next === target) choice.next = endings[0]?.id;
      }
    }
    const file = join(dir, 'module.json');
    writeFileSync(file, JSON.stringify(module));
    const { code, out } = validate(file);
    assert.equal(code, 1, out);
    const line = `${relative(root, file)}: activities[${index}].scenes[${lost}]: scene "${target}" can never be reached from the start`;
    assert.ok(out.includes(line), `missing "${line}" in:\n${out}`);
    assert.match(out, /1 module: 0 valid, 1 with errors/);
    rmSync(dir, { recursive: true, force: true });
  });
});
