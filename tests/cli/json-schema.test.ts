import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import fc from 'fast-check';
import * as v from 'valibot';
import { moduleJsonSchema, moduleJsonSchemaText } from '../../src/cli/json-schema.ts';
import { parseJson } from '../../src/content/loader.ts';
import { ModuleSchema } from '../../src/content/schema.ts';
import { allPaths, clone, setAt, type Json } from '../helpers/module-doc.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const ajv = new Ajv({ strict: false, allErrors: false });
const jsonSchemaAccepts = ajv.compile(moduleJsonSchema());
const valibotAccepts = (document: unknown) => v.safeParse(ModuleSchema, document).success;

const modules = readdirSync(join(root, 'modules'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => `modules/${entry.name}/module.json`);

describe('JSON Schema', () => {
  it('modules/module.schema.json is up to date with the Valibot schema (npm run schema)', () => {
    assert.equal(read('modules/module.schema.json'), moduleJsonSchemaText());
  });

  it('every shipped module points its $schema at it and is accepted by it', () => {
    for (const path of modules) {
      const document = JSON.parse(read(path)) as Record<string, unknown>;
      assert.equal(document['$schema'], '../module.schema.json', path);
      assert.ok(
        jsonSchemaAccepts(document),
        `${path}: ${ajv.errorsText(jsonSchemaAccepts.errors)}`,
      );
    }
  });

  it('agrees with the runtime validator on the whole malformed corpus', () => {
    const cases = JSON.parse(read('tests/fixtures/malformed/expected.json')) as {
      file: string;
      stage: string;
    }[];
    let compared = 0;
    for (const entry of cases) {
      const parsed = parseJson(read(`tests/fixtures/malformed/${entry.file}`));
      if (!parsed.ok) continue; // not JSON: neither validator sees it
      const schema = jsonSchemaAccepts(parsed.value);
      assert.equal(schema, valibotAccepts(parsed.value), `${entry.file}: validators disagree`);
      if (entry.stage === 'schema') assert.equal(schema, false, `${entry.file} should be rejected`);
      if (entry.stage === 'semantic')
        assert.equal(schema, true, `${entry.file} should be accepted`);
      compared++;
    }
    assert.ok(compared >= 40, `only ${compared} JSON fixtures compared`);
  });

  it('agrees with the runtime validator on thousands of mutated modules', () => {
    const showcase = JSON.parse(read('modules/showcase/module.json')) as Json;
    const paths = allPaths(showcase);
    const value = fc.oneof(
      fc.constant(undefined),
      fc.jsonValue() as fc.Arbitrary<Json>,
      fc.constantFrom<Json>('', ' ', 'a b', -1, 0, 1.5, 101, true, [], {}, null, 'x'.repeat(5_000)),
    );
    fc.assert(
      fc.property(
        fc.array(fc.record({ path: fc.constantFrom(...paths), value }), {
          minLength: 1,
          maxLength: 3,
        }),
        (mutations) => {
          const document = clone(showcase);
          for (const mutation of mutations) {
            try {
              setAt(document, mutation.path, mutation.value);
            } catch {
              // parent already removed
            }
          }
          assert.equal(
            jsonSchemaAccepts(document),
            valibotAccepts(document),
            JSON.stringify(mutations).slice(0, 500),
          );
        },
      ),
      { numRuns: 3_000 },
    );
  });
});
