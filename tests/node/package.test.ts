/**
 * `npm run package`: the zips an LMS administrator uploads. Each format is built from real
 * modules and the real engine build, unzipped, and checked the way an LMS reads it: the manifest
 * at the root, the version string Moodle parses, the SCO type, the pass mark, every file listed
 * and present, and the manifest valid against the standard's own XML schemas (xmllint).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { packageModule, type PackagedModule } from '../../src/cli/package.ts';
import { engineScripts, engineSnapshot } from './package-engine.ts';
import type { PackageFormat } from '../../src/lms/package/package.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const xsd = join(root, 'tests/fixtures/xsd');
const XMLLINT = '/usr/bin/xmllint';

let work: string;
let engine: string;

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array): boolean {
  return a !== undefined && Buffer.from(a).equals(b);
}

function unzip(zip: Uint8Array): Map<string, Uint8Array> {
  return new Map(Object.entries(unzipSync(zip)));
}

/** Writes the package's files to a fresh folder, as an LMS does on import. */
function extract(files: Map<string, Uint8Array>): string {
  const dir = mkdtempSync(join(work, 'extract-'));
  for (const [path, data] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), data);
  }
  return dir;
}

function xmllint(cwd: string, schema: string, file: string) {
  const result = spawnSync(XMLLINT, ['--nonet', '--noout', '--schema', schema, file], {
    cwd,
    encoding: 'utf8',
  });
  return { code: result.status, out: result.stdout + result.stderr };
}

function text(files: Map<string, Uint8Array>, path: string): string {
  const data = files.get(path);
  assert.ok(data, `${path} is not in the package (has: ${[...files.keys()].join(', ')})`);
  return new TextDecoder().decode(data);
}

/** The `<file href>` entries of a manifest, decoded to package paths. */
function listedFiles(manifest: string): string[] {
  return [...manifest.matchAll(/<file href="([^"]*)"\s*\/>/g)].map((match) =>
    decodeURIComponent(match[1]!.replaceAll('&amp;', '&')),
  );
}

/** Files that describe the package rather than being part of its content (ADL CAM 3.4). */
function isControlFile(path: string): boolean {
  return path === 'imsmanifest.xml' || (!path.includes('/') && path.endsWith('.xsd'));
}

function pack(module: string, format: PackageFormat, courseIri?: string): PackagedModule {
  return packageModule({ module, format, engineDir: engine, courseIri });
}

/**
 * How Moodle's SCORM player tells the version from `<schemaversion>` (moodle/moodle,
 * mod/scorm/datamodels/scormlib.php, scorm_get_manifest(), as of f44e7d0a): a string neither
 * regex matches is
 * silently taken as SCORM 1.2, so a 2004 package with a wrong string would be tracked with the
 * wrong data model.
 */
function moodleVersion(tagData: string): string {
  let matches = /^(1\.2)$|^(CAM )?(1\.3)$/.exec(tagData);
  if (matches) return `SCORM_${matches[matches.length - 1] ?? matches[1]}`;
  matches = /^2004 (3rd|4th) Edition$/.exec(tagData);
  return matches ? 'SCORM_1.3' : 'SCORM_1.2 (fallback)';
}

function schemaVersionOf(manifest: string): string {
  const match = /<schemaversion>([^<]*)<\/schemaversion>/.exec(manifest);
  assert.ok(match, 'the manifest has no <schemaversion>');
  return match[1]!;
}

/** A module folder of its own: showcase in Arabic, pass mark 67.5, a media file with a space and "#". */
function variantModule(): string {
  const dir = mkdtempSync(join(work, 'module-'));
  const source = JSON.parse(
    readFileSync(join(root, 'modules/showcase/module.json'), 'utf8'),
  ) as Record<string, unknown> & { assessment: Record<string, unknown> };
  source['$schema'] = undefined;
  source['id'] = 'variant-67';
  source['language'] = 'ar';
  source.assessment['passMark'] = 67.5;
  const json = JSON.stringify(source, null, 2).replaceAll(
    '"media/checkpoint-desk.svg"',
    '"media/desk%20photo%20%231.svg"',
  );
  mkdirSync(join(dir, 'media'));
  writeFileSync(join(dir, 'module.json'), json);
  writeFileSync(
    join(dir, 'media/desk photo #1.svg'),
    readFileSync(join(root, 'modules/showcase/media/checkpoint-desk.svg')),
  );
  writeFileSync(join(dir, 'media/unused draft.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return dir;
}

before(() => {
  work = mkdtempSync(join(tmpdir(), 'cp-package-'));
  engine = engineSnapshot(join(work, 'engine'));
});

after(() => rmSync(work, { recursive: true, force: true }));

describe('every format', () => {
  const formats: PackageFormat[] = ['scorm12', 'scorm2004', 'cmi5', 'web'];
  for (const module of ['showcase', 'decisions-at-the-checkpoint']) {
    for (const format of formats) {
      it(`${module} as ${format}: the same bytes twice, a launch page that runs the engine and the module`, () => {
        const first = pack(module, format);
        const second = pack(module, format);
        assert.equal(sha256(first.zip), sha256(second.zip));
        const files = unzip(first.zip);
        assert.deepEqual([...files.keys()].sort(), first.paths);
        const page = text(files, 'index.html');
        const lms = format === 'web' ? 'auto' : format;
        assert.match(page, new RegExp(`<cp-player src="module.json" lms="${lms}"></cp-player>`));
        assert.match(page, /<script type="module" src="checkpoint\.js"><\/script>/);
        assert.ok(
          sameBytes(
            files.get('module.json'),
            readFileSync(join(root, 'modules', module, 'module.json')),
          ),
          'module.json is shipped as the author wrote it',
        );
        // Every chunk the engine imports is in the package, so the player loads offline in an LMS.
        let imports = 0;
        for (const [path, data] of files) {
          if (!path.endsWith('.js')) continue;
          const source = new TextDecoder().decode(data);
          for (const match of source.matchAll(
            /(?:from|import\(?)\s*(["'`])(\.{1,2}\/[^"'`]+)\1/g,
          )) {
            const target = join(dirname(path), match[2]!).replaceAll('\\', '/');
            assert.ok(files.has(target), `${path} imports ${match[2]}, not in the package`);
            imports++;
          }
        }
        // …and none is left out: every script of the build, the lazily loaded ones included.
        assert.deepEqual(
          [...files.keys()].filter((path) => path.endsWith('.js')).sort(),
          engineScripts(engine),
        );
        assert.ok(imports > 0);
      });
    }
  }

  it('names no file of the build machine and no date: a zip from another time zone is identical', () => {
    const here = pack('showcase', 'scorm12');
    const out = join(work, 'tz.zip');
    const result = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/package.ts',
        'showcase',
        '--format',
        'scorm12',
        '--engine',
        engine,
        '--out',
        out,
      ],
      {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, TZ: 'Pacific/Kiritimati' },
      },
    );
    assert.equal(result.status, 0, result.stderr);
    assert.equal(sha256(readFileSync(out)), sha256(here.zip));
    // Every local header carries the same fixed DOS timestamp: 1980-01-01 00:00.
    const view = Buffer.from(here.zip);
    let offset = 0;
    let entries = 0;
    while (view.readUInt32LE(offset) === 0x04034b50) {
      assert.equal(view.readUInt16LE(offset + 10), 0, 'DOS time');
      assert.equal(view.readUInt16LE(offset + 12), (1 << 5) | 1, 'DOS date');
      const compressed = view.readUInt32LE(offset + 18);
      const nameLength = view.readUInt16LE(offset + 26);
      const extraLength = view.readUInt16LE(offset + 28);
      const name = view.toString('utf8', offset + 30, offset + 30 + nameLength);
      assert.equal(name, here.paths[entries], 'entries are in sorted order');
      offset += 30 + nameLength + extraLength + compressed;
      entries++;
    }
    assert.equal(entries, here.paths.length);
  });
});

describe('SCORM 1.2', () => {
  it('has imsmanifest.xml at the root with the strings SCORM 1.2 LMSs parse', () => {
    const files = unzip(pack('showcase', 'scorm12').zip);
    const manifest = text(files, 'imsmanifest.xml');
    assert.equal(schemaVersionOf(manifest), '1.2');
    assert.equal(moodleVersion(schemaVersionOf(manifest)), 'SCORM_1.2');
    assert.match(manifest, /<schema>ADL SCORM<\/schema>/);
    // 1.2 parsers match the attribute by its exact name: lower-case "t".
    assert.match(manifest, /<resource [^>]*adlcp:scormtype="sco"[^>]*href="index\.html"/);
    assert.doesNotMatch(manifest, /scormType/);
    assert.equal(manifest.match(/<organization /g)?.length, 1);
    assert.equal(manifest.match(/<item /g)?.length, 1);
    assert.match(manifest, /<adlcp:masteryscore>80<\/adlcp:masteryscore>/);
  });

  it('lists every file of the package and nothing that is not in it', () => {
    for (const module of ['showcase', 'decisions-at-the-checkpoint']) {
      const files = unzip(pack(module, 'scorm12').zip);
      const listed = listedFiles(text(files, 'imsmanifest.xml'));
      const content = [...files.keys()].filter((path) => !isControlFile(path)).sort();
      assert.deepEqual([...listed].sort(), content);
      assert.ok(listed.includes('index.html') && listed.includes('module.json'));
    }
  });

  it('carries the SCORM 1.2 schemas, and xmllint validates the manifest against them', () => {
    const files = unzip(pack('showcase', 'scorm12').zip);
    for (const name of [
      'imscp_rootv1p1p2.xsd',
      'adlcp_rootv1p2.xsd',
      'imsmd_rootv1p2p1.xsd',
      'ims_xml.xsd',
    ])
      assert.ok(sameBytes(files.get(name), readFileSync(join(xsd, 'scorm12', name))), name);
    const dir = extract(files);
    writeFileSync(join(dir, 'package.xsd'), readFileSync(join(xsd, 'scorm12/package.xsd')));
    const lint = xmllint(dir, 'package.xsd', 'imsmanifest.xml');
    assert.equal(lint.code, 0, lint.out);
    assert.match(lint.out, /imsmanifest\.xml validates/);
  });
});

describe('SCORM 2004 4th Edition', () => {
  it('has imsmanifest.xml at the root with the strings SCORM 2004 LMSs parse', () => {
    const files = unzip(pack('showcase', 'scorm2004').zip);
    const manifest = text(files, 'imsmanifest.xml');
    assert.equal(schemaVersionOf(manifest), '2004 4th Edition');
    assert.equal(moodleVersion(schemaVersionOf(manifest)), 'SCORM_1.3');
    assert.match(manifest, /<resource [^>]*adlcp:scormType="sco"[^>]*href="index\.html"/);
    assert.match(
      manifest,
      /<imsss:primaryObjective objectiveID="[^"]+" satisfiedByMeasure="true">\s*<imsss:minNormalizedMeasure>0\.8<\/imsss:minNormalizedMeasure>/,
    );
    assert.equal(manifest.match(/<item /g)?.length, 1);
  });

  it('lists every file, carries the 2004 4th Edition schemas, and xmllint validates it', () => {
    const files = unzip(pack('decisions-at-the-checkpoint', 'scorm2004').zip);
    const manifest = text(files, 'imsmanifest.xml');
    const content = [...files.keys()].filter((path) => !isControlFile(path)).sort();
    assert.deepEqual(listedFiles(manifest).sort(), content);
    const schemas = [...files.keys()].filter((path) => path.endsWith('.xsd')).sort();
    assert.equal(schemas.length, 15);
    for (const name of schemas)
      assert.ok(sameBytes(files.get(name), readFileSync(join(xsd, 'scorm2004-4th', name))), name);
    const dir = extract(files);
    writeFileSync(join(dir, 'package.xsd'), readFileSync(join(xsd, 'scorm2004-4th/package.xsd')));
    const lint = xmllint(dir, 'package.xsd', 'imsmanifest.xml');
    assert.equal(lint.code, 0, lint.out);
  });
});

describe('cmi5', () => {
  it('has cmi5.xml at the root, valid against the cmi5 course structure schema', () => {
    const files = unzip(pack('showcase', 'cmi5').zip);
    const structure = text(files, 'cmi5.xml');
    assert.ok(!files.has('imsmanifest.xml'));
    assert.match(structure, /<course id="urn:checkpoint:module:showcase">/);
    assert.match(structure, /<langstring lang="en">Showcase: smuggling or trafficking\?/);
    const au = /<au ([^>]*)>/.exec(structure)?.[1] ?? '';
    assert.match(au, /id="urn:checkpoint:module:showcase:au"/);
    assert.match(au, /moveOn="CompletedAndPassed"/);
    assert.match(au, /masteryScore="0\.8"/);
    assert.match(au, /launchMethod="AnyWindow"/);
    assert.match(structure, /<url>index\.html<\/url>/);
    const dir = extract(files);
    const lint = xmllint(dir, join(xsd, 'cmi5/cmi5-CourseStructure.xsd'), 'cmi5.xml');
    assert.equal(lint.code, 0, lint.out);
  });

  it('takes the course IRI the administrator gives', () => {
    const files = unzip(
      pack('showcase', 'cmi5', 'https://training.example.org/courses/showcase').zip,
    );
    const structure = text(files, 'cmi5.xml');
    assert.match(structure, /<course id="https:\/\/training\.example\.org\/courses\/showcase">/);
    assert.match(structure, /<au id="https:\/\/training\.example\.org\/courses\/showcase\/au"/);
  });
});

describe('web', () => {
  it('is the folder for a static host: launch page, engine, module, no LMS manifest', () => {
    const built = pack('showcase', 'web');
    assert.ok(!built.paths.some((path) => path.endsWith('.xml') || path.endsWith('.xsd')));
    assert.ok(built.paths.includes('media/checkpoint-desk.svg'));
  });
});

describe('a module of its own: pass mark, language, media names', () => {
  it('carries the pass mark into each format, writes an RTL launch page, and lists encoded names', () => {
    const dir = variantModule();
    const s12 = unzip(pack(dir, 'scorm12').zip);
    assert.match(text(s12, 'imsmanifest.xml'), /<adlcp:masteryscore>67\.5<\/adlcp:masteryscore>/);
    assert.match(text(s12, 'index.html'), /<html lang="ar" dir="rtl">/);
    // Only what the module uses is shipped; the file name survives the round trip through href.
    assert.ok(s12.has('media/desk photo #1.svg'));
    assert.ok(!s12.has('media/unused draft.svg'));
    assert.match(text(s12, 'imsmanifest.xml'), /<file href="media\/desk%20photo%20%231\.svg"\/>/);
    const s2004 = unzip(pack(dir, 'scorm2004').zip);
    assert.match(
      text(s2004, 'imsmanifest.xml'),
      /<imsss:minNormalizedMeasure>0\.675<\/imsss:minNormalizedMeasure>/,
    );
    const cmi5 = unzip(pack(dir, 'cmi5').zip);
    assert.match(text(cmi5, 'cmi5.xml'), /masteryScore="0\.675"/);
    assert.match(text(cmi5, 'cmi5.xml'), /<langstring lang="ar">/);
    for (const [files, schema] of [
      [s12, 'scorm12/package.xsd'],
      [s2004, 'scorm2004-4th/package.xsd'],
    ] as const) {
      const out = extract(files);
      writeFileSync(join(out, 'package.xsd'), readFileSync(join(xsd, schema)));
      const lint = xmllint(out, 'package.xsd', 'imsmanifest.xml');
      assert.equal(lint.code, 0, lint.out);
    }
  });
});
