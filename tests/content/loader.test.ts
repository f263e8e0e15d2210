import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  loadModule,
  parseModule,
  validateModule,
  type LoadResult,
} from '../../src/content/loader.ts';
import { fixtureJson, fixtureText, type MalformedCase } from '../helpers/fixtures.ts';
import { allPaths, clone, setAt, type Json } from '../helpers/module-doc.ts';

const corpus = await fixtureJson<MalformedCase[]>('tests/fixtures/malformed/expected.json');
const showcase = await fixtureJson('modules/showcase/module.json');
const minimal = await fixtureJson('tests/fixtures/valid/minimal.json');

function expectWellFormed(result: LoadResult): void {
  if (result.ok) {
    expect(Object.isFrozen(result.module)).to.equal(true);
    return;
  }
  expect(result.errors.length).to.be.greaterThan(0);
  for (const problem of result.errors) {
    expect(problem.path).to.be.a('string');
    expect(problem.message).to.be.a('string').and.not.equal('');
    expect(problem.severity).to.equal('error');
  }
}

describe('loader: valid modules', () => {
  for (const [name, document] of [
    ['showcase', showcase],
    ['minimal', minimal],
  ] as const) {
    it(`loads ${name} as a deeply frozen module with no warnings`, () => {
      const result = validateModule(document);
      expect(result.ok, JSON.stringify(result.ok ? '' : result.errors.slice(0, 3))).to.equal(true);
      if (!result.ok) return;
      expect(result.warnings).to.deep.equal([]);
      expect(Object.isFrozen(result.module.activities[0])).to.equal(true);
      expect(() => {
        (result.module.activities as unknown as unknown[]).push({});
      }).to.throw(TypeError);
    });
  }

  it('loads a module from its URL', async () => {
    const result = await loadModule(new URL('/modules/showcase/module.json', location.href));
    expect(result.ok).to.equal(true);
  });

  it('says where a module could not be fetched', async () => {
    const result = await loadModule('/modules/no-such-module/module.json');
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    expect(result.errors[0]?.message).to.contain('could not be fetched: HTTP 404');
  });

  it('takes JSON text as well as objects', async () => {
    const text = JSON.stringify(minimal);
    expect((await loadModule(text)).ok).to.equal(true);
    expect(parseModule(text).ok).to.equal(true);
  });
});

describe('loader: malformed corpus', () => {
  it('has at least 50 malformed modules', () => {
    expect(corpus.length).to.be.at.least(50);
  });

  for (const entry of corpus) {
    it(`${entry.file} → ${entry.path || '(document)'}: …${entry.message}…`, async () => {
      const text = await fixtureText(`tests/fixtures/malformed/${entry.file}`);
      let result: LoadResult | undefined;
      expect(() => {
        result = parseModule(text);
      }).not.to.throw();
      expect(result?.ok).to.equal(false);
      if (!result || result.ok) return;
      const hit = result.errors.find(
        (problem) => problem.path === entry.path && problem.message.includes(entry.message),
      );
      expect(hit, JSON.stringify(result.errors.slice(0, 5), null, 1)).to.not.equal(undefined);
      expectWellFormed(result);
    });
  }
});

describe('loader: property tests', () => {
  it('never throws on random values', () => {
    fc.assert(
      fc.property(
        fc.anything({ withNullPrototype: true, withBigInt: true, withMap: true }),
        (value) => {
          expectWellFormed(validateModule(value));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('never throws on random text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        expectWellFormed(parseModule(text));
      }),
      { numRuns: 2_000 },
    );
  });

  it('never throws on mutated modules, and reports every mutation that breaks a rule', () => {
    const paths = allPaths(showcase);
    const mutation = fc.record({
      path: fc.constantFrom(...paths),
      value: fc.oneof(
        fc.constant(undefined),
        fc.jsonValue() as fc.Arbitrary<Json>,
        fc.constantFrom<Json>('', 'javascript:alert(1)', -1, 1e9, [], {}, null, 'x'.repeat(25_000)),
      ),
    });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const document = clone(showcase);
        for (const { path, value } of mutations) {
          try {
            setAt(document, path, value);
          } catch {
            // an earlier mutation removed the parent: skip this one
          }
        }
        expectWellFormed(validateModule(document));
      }),
      { numRuns: 2_000 },
    );
  });
});
