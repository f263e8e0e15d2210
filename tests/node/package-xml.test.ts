/**
 * Text from a module reaches XML and HTML: a hostile title ("&", "<", quotes, control characters,
 * a lone surrogate) must still give manifests xmllint accepts against the standards' schemas, and
 * a launch page whose only script is the engine.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { unzipSync } from 'fflate';
import { parseModule } from '../../src/content/loader.ts';
import type { Module } from '../../src/content/schema.ts';
import { buildPackage, type PackageFormat } from '../../src/lms/package/package.ts';
import { xmlId, xmlText } from '../../src/lms/package/xml.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const xsd = join(root, 'tests/fixtures/xsd');

const HOSTILE =
  'Tom & Jerry <script>alert("x")</script> \'q\' ]]> <!-- &amp; \u0000\u0001\u0008\u000b\u000c\u001f\u007f \ud800 \uffff \t tab\r\nline 🚓 end';
/** What XML can keep of it: the characters XML 1.0 forbids are dropped, CR LF and TAB kept. */
const KEPT =
  'Tom & Jerry <script>alert("x")</script> \'q\' ]]> <!-- &amp; \u007f   \t tab\r\nline 🚓 end';

let work: string;

function files(dir: string): Map<string, Uint8Array> {
  const found = new Map<string, Uint8Array>();
  for (const name of readdirSync(dir)) found.set(name, readFileSync(join(dir, name)));
  return found;
}

function showcase(): { module: Module; text: Buffer } {
  const text = readFileSync(join(root, 'modules/showcase/module.json'));
  const loaded = parseModule(text.toString('utf8'));
  assert.ok(loaded.ok);
  return { module: loaded.module, text };
}

function build(format: PackageFormat, module: Module, text: Buffer) {
  const schemaDir = format === 'scorm12' ? 'scorm12' : 'scorm2004-4th';
  const schemas = format.startsWith('scorm') ? files(join(xsd, schemaDir)) : new Map();
  schemas.delete('package.xsd');
  const built = buildPackage({
    format,
    module,
    moduleFiles: new Map([
      ['module.json', text],
      [
        'media/checkpoint-desk.svg',
        readFileSync(join(root, 'modules/showcase/media/checkpoint-desk.svg')),
      ],
    ]),
    engineFiles: new Map([['checkpoint.js', new TextEncoder().encode('export {};\n')]]),
    schemaFiles: schemas,
  });
  const out = mkdtempSync(join(work, `${format}-`));
  for (const [path, data] of Object.entries(unzipSync(built.zip))) {
    mkdirSync(dirname(join(out, path)), { recursive: true });
    writeFileSync(join(out, path), data);
  }
  return out;
}

function xmllint(cwd: string, ...args: string[]) {
  const result = spawnSync('/usr/bin/xmllint', ['--nonet', ...args], { cwd, encoding: 'utf8' });
  // --xpath ends what it prints with a line feed of its own.
  return { code: result.status, out: result.stdout.replace(/\n$/, ''), err: result.stderr };
}

before(() => {
  work = mkdtempSync(join(tmpdir(), 'cp-package-xml-'));
});

after(() => rmSync(work, { recursive: true, force: true }));

describe('hostile module text', () => {
  const { module: base, text } = showcase();
  const module = { ...base, title: HOSTILE, summary: HOSTILE } as Module;

  it('gives SCORM 1.2 and 2004 manifests xmllint validates, with the title intact', () => {
    for (const [format, schema] of [
      ['scorm12', 'scorm12/package.xsd'],
      ['scorm2004', 'scorm2004-4th/package.xsd'],
    ] as const) {
      const dir = build(format, module, text);
      writeFileSync(join(dir, 'package.xsd'), readFileSync(join(xsd, schema)));
      const lint = xmllint(dir, '--noout', '--schema', 'package.xsd', 'imsmanifest.xml');
      assert.equal(lint.code, 0, `${format}: ${lint.err}`);
      const title = xmllint(
        dir,
        '--xpath',
        "string(//*[local-name()='item']/*[local-name()='title'])",
        'imsmanifest.xml',
      );
      assert.equal(title.code, 0, title.err);
      assert.equal(title.out, KEPT);
    }
  });

  it('cuts a title longer than SCORM 1.2 allows (200 characters) and stays valid', () => {
    const long = { ...base, title: `${'Ω'.repeat(150)} 🚓 ${'a'.repeat(148)}` } as Module;
    const dir = build('scorm12', long, text);
    writeFileSync(join(dir, 'package.xsd'), readFileSync(join(xsd, 'scorm12/package.xsd')));
    const lint = xmllint(dir, '--noout', '--schema', 'package.xsd', 'imsmanifest.xml');
    assert.equal(lint.code, 0, lint.err);
    const title = xmllint(
      dir,
      '--xpath',
      "string(//*[local-name()='item']/*[local-name()='title'])",
      'imsmanifest.xml',
    );
    assert.equal([...title.out].length, 200);
    assert.ok(title.out.startsWith(`${'Ω'.repeat(150)} 🚓 a`) && title.out.endsWith('a…'));
  });

  it('gives a cmi5.xml xmllint validates, with title and description intact', () => {
    const dir = build('cmi5', module, text);
    const lint = xmllint(
      dir,
      '--noout',
      '--schema',
      join(xsd, 'cmi5/cmi5-CourseStructure.xsd'),
      'cmi5.xml',
    );
    assert.equal(lint.code, 0, lint.err);
    const description = xmllint(
      dir,
      '--xpath',
      "string(//*[local-name()='au']/*[local-name()='description']/*)",
      'cmi5.xml',
    );
    assert.equal(description.out, KEPT);
  });

  it('gives a launch page whose only script is the engine, and the title as text', () => {
    const dir = build('web', module, text);
    const page = readFileSync(join(dir, 'index.html'), 'utf8');
    assert.equal(page.match(/<script\b/g)?.length, 1);
    assert.match(page, /<script type="module" src="checkpoint\.js"><\/script>/);
    assert.doesNotMatch(page, /\son[a-z]+=/i, 'no inline event handler');
    assert.match(
      page,
      /<title>Tom &amp; Jerry &lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;/,
    );
    assert.match(page, /<meta name="viewport" content="width=device-width, initial-scale=1" \/>/);
    assert.match(page, /<html lang="en" dir="ltr">/);
  });
});

describe('xmlText and xmlId', () => {
  it('make any string well-formed XML text, attribute and identifier (xmllint)', () => {
    const samples = fc.sample(fc.string({ unit: 'binary', maxLength: 40 }), {
      numRuns: 300,
      seed: 7,
    });
    const body = samples
      .map((sample) => `<t a="${xmlText(sample)}">${xmlText(sample)}</t>`)
      .join('\n');
    const file = join(work, 'samples.xml');
    writeFileSync(file, `<?xml version="1.0" encoding="UTF-8"?>\n<r>\n${body}\n</r>\n`);
    const lint = xmllint(work, '--noout', file);
    assert.equal(lint.code, 0, lint.err);
    const ids = samples.map((sample) => xmlId('X', sample));
    for (const id of ids) assert.match(id, /^[A-Za-z][A-Za-z0-9_.-]*$/);
  });
});

describe('file names', () => {
  it('refuses a module file that would replace a file of the package', () => {
    const { module, text } = showcase();
    for (const name of ['index.html', 'checkpoint.js', 'imsmanifest.xml'])
      assert.throws(
        () =>
          buildPackage({
            format: 'scorm12',
            module,
            moduleFiles: new Map<string, Uint8Array>([
              ['module.json', text],
              [name, new Uint8Array([1])],
            ]),
            engineFiles: new Map([['checkpoint.js', new Uint8Array([2])]]),
            schemaFiles: files(join(xsd, 'scorm12')),
          }),
        new RegExp(`"${name.replace('.', '\\.')}" has the name of a file the package needs`),
      );
  });
});
