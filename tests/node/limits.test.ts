/**
 * Limits in `npm run validate`: a module file of 5,000 items and a scenario of 1,000 scenes is
 * valid (every path of the scenario walked), a file over the size limit is refused unread, and a
 * file full of over-long texts prints its first problems, located, then how many more.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { MAX_MODULE_CHARACTERS, MAX_PROBLEMS } from '../../src/content/loader.ts';
import { LIMITS } from '../../src/content/schema.ts';
import { bigModule, quizIn } from '../helpers/big-module.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'cp-limits-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function validate(name: string, text: string) {
  const file = join(dir, name);
  writeFileSync(file, text);
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/validate.ts', file], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  // The report names a file relative to the folder the command runs in.
  return { code: result.status, out: result.stdout + result.stderr, file: relative(root, file) };
}

const errorLines = (out: string) => out.split('\n').filter((line) => line.startsWith('  error '));

describe('npm run validate at the limits', { timeout: 120_000 }, () => {
  it('passes a module of 5,000 items and a 1,000-scene scenario with no error or warning', () => {
    const { code, out } = validate(
      'big.json',
      JSON.stringify(bigModule({ items: 5_000, scenes: 1_000 })),
    );
    assert.equal(code, 0, out.slice(0, 2_000));
    assert.match(out, /✓ .*big\.json/);
    assert.match(out, /1 module: 1 valid, 0 with errors \(0 errors, 0 warnings\)/);
  });

  it('refuses a file over 20 million characters without reading it as JSON', () => {
    const { code, out, file } = validate('huge.json', `{${'x'.repeat(MAX_MODULE_CHARACTERS)}`);
    assert.equal(code, 1, out);
    assert.deepEqual(errorLines(out), [
      `  error    ${file}: the file is too large: at most 20 million characters`,
    ]);
  });

  it('prints the first 100 problems of 900 over-long prompts, located, then how many more', () => {
    const document = bigModule({ items: 1_000 });
    const long = 'x'.repeat(LIMITS.markdown + 1);
    for (const item of quizIn(document).items.slice(0, 900)) item.prompt = long;
    const text = JSON.stringify(document);
    assert.ok(text.length < MAX_MODULE_CHARACTERS, 'the file itself is within the size limit');
    const { code, out, file } = validate('long-prompts.json', text);
    assert.equal(code, 1);
    const lines = errorLines(out);
    assert.equal(lines.length, MAX_PROBLEMS + 1);
    lines.slice(0, MAX_PROBLEMS).forEach((line, index) => {
      assert.equal(
        line,
        `  error    ${file}: activities[0].items[${index}].prompt: is too long: at most ${LIMITS.markdown} characters, this has ${LIMITS.markdown + 1}`,
      );
    });
    assert.equal(lines.at(-1), `  error    ${file}: …and ${900 - MAX_PROBLEMS} more problems`);
    // The summary counts every problem found, not the lines printed.
    assert.match(out, /1 module: 0 valid, 1 with errors \(900 errors, 0 warnings\)/);
  });
});
