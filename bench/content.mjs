/**
 * Validation and loading in node, run by bench/run.mjs as `node --import tsx bench/content.mjs
 * <module files…>`: for each file, the loader (`parseModule`: JSON parse, migration, schema,
 * cross-field rules, freeze), the scenario analysis (`moduleProblems`), and the whole of what
 * `npm run validate <file>` does (`validateFile`: read, load, analyse). Prints JSON.
 */
import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { validateFile } from '../src/cli/validate.ts';
import { parseModule } from '../src/content/loader.ts';
import { moduleProblems } from '../src/engine/scenario-graph.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);

function time(fn) {
  const begin = performance.now();
  const value = fn();
  return { ms: performance.now() - begin, value };
}

function repeat(fn) {
  const cold = time(fn);
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(time(fn).ms);
  return { cold: cold.ms, runs, value: cold.value };
}

const results = {};
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8');
  const load = repeat(() => parseModule(text));
  if (!load.value.ok)
    throw new Error(`${file} does not load: ${JSON.stringify(load.value.errors)}`);
  const module = load.value.module;
  const analysis = repeat(() => moduleProblems(module));
  const validate = repeat(() => validateFile(file));
  results[file] = {
    bytes: Buffer.byteLength(text),
    load: { cold: load.cold, runs: load.runs },
    analysis: { cold: analysis.cold, runs: analysis.runs, problems: analysis.value.length },
    validate: {
      cold: validate.cold,
      runs: validate.runs,
      errors: validate.value.errors.length,
      warnings: validate.value.warnings.length,
    },
  };
}
process.stdout.write(JSON.stringify(results));
