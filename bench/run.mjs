/**
 * `npm run bench`: Checkpoint against SurveyJS and a bare floor page (lit + xstate + idb), on the
 * same generated content, in Debian's Chromium. Writes bench/results.json and bench/RESULTS.md
 * and prints the table. Not part of `npm test`.
 *
 * Environment: BENCH_RUNS (measured runs per case, default 7, after one warm-up),
 * BENCH_ANSWERS (answers per run, default 20), CHROMIUM_BIN. `node bench/run.mjs --report` rewrites
 * RESULTS.md from results.json without measuring.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { embedChunks, perPackage, sizes, total } from './bytes.mjs';
import { launch, run } from './browser.mjs';
import { measureDashboard } from './dashboard.mjs';
import { checkpointModule, scenarioModule, surveyJsQuiz } from './generate.mjs';
import { report } from './report.mjs';
import { serve } from './server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
const bench = join(root, 'bench');
// Generated content and built pages live where linters, formatters and git do not look.
const OUT = 'bench/node_modules/.cache/checkpoint-bench';
const out = join(root, OUT);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const ANSWERS = Number(process.env.BENCH_ANSWERS ?? 20);
const started = Date.now();
const loadAtStart = loadavg();
const log = (line) => console.log(`[${((Date.now() - started) / 1000).toFixed(0)} s] ${line}`);

// ── setup ─────────────────────────────────────────────────────────────────────────────────

function npm(args, cwd = root) {
  const result = spawnSync('npm', args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm ${args.join(' ')} failed`);
}

function ensurePeers() {
  const installed = ['survey-core', 'survey-js-ui'].every((name) =>
    existsSync(join(bench, 'node_modules', name, 'package.json')),
  );
  if (installed) return;
  log('installing the benchmark-only peers into bench/node_modules');
  npm(['ci', '--prefix', 'bench', '--no-audit', '--no-fund']);
}

function ensureBuild() {
  if (existsSync(join(root, 'dist/checkpoint.js'))) return;
  if (existsSync(join(root, 'dist/index.html'))) {
    // The app is built but not the embed: its step of `npm run build` alone leaves the app alone.
    log('dist/checkpoint.js is missing: building the embed (vite.embed.config.ts)');
    npm(['exec', '--', 'vite', 'build', '--config', 'vite.embed.config.ts']);
  } else {
    log('dist/ is missing: npm run build');
    npm(['run', 'build']);
  }
}

const CASES = [10, 1_000];
const LARGE = 5_000;
const SCENES = 1_000;

function generate() {
  const content = join(out, 'content');
  mkdirSync(content, { recursive: true });
  const write = (name, value) => writeFileSync(join(content, name), JSON.stringify(value));
  for (const n of [...CASES, LARGE]) write(`checkpoint-${n}.json`, checkpointModule(n));
  for (const n of CASES) write(`surveyjs-${n}.json`, surveyJsQuiz(n));
  write(`scenario-${SCENES}.json`, scenarioModule(SCENES));
}

async function buildPages() {
  const { build } = await import('vite');
  await build({
    configFile: false,
    root: join(bench, 'pages'),
    base: `/${OUT}/web/`,
    logLevel: 'error',
    build: {
      outDir: join(out, 'web'),
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: false,
      modulePreload: { polyfill: false },
      rollupOptions: {
        input: {
          surveyjs: join(bench, 'pages/surveyjs.html'),
          floor: join(bench, 'pages/floor.html'),
        },
      },
    },
  });
}

// ── measurements ──────────────────────────────────────────────────────────────────────────

function contentInNode() {
  const files = [`checkpoint-${LARGE}.json`, `scenario-${SCENES}.json`].map((name) =>
    join(OUT, 'content', name),
  );
  const output = execFileSync(
    process.execPath,
    ['--import', 'tsx', 'bench/content.mjs', ...files],
    {
      cwd: root,
      env: { ...process.env, BENCH_RUNS: String(RUNS) },
      maxBuffer: 1 << 26,
    },
  );
  const parsed = JSON.parse(output.toString());
  return {
    module5000: parsed[files[0]],
    scenario1000: parsed[files[1]],
  };
}

const PAGES = {
  checkpoint: (n) => `/bench/pages/checkpoint.html?content=/${OUT}/content/checkpoint-${n}.json`,
  surveyjs: (n) => `/${OUT}/web/surveyjs.html?content=/${OUT}/content/surveyjs-${n}.json`,
  floor: (n) => `/${OUT}/web/floor.html?content=/${OUT}/content/checkpoint-${n}.json`,
};

async function browserRuns(browser, base) {
  const cases = [];
  for (const n of CASES) {
    for (const kind of Object.keys(PAGES)) cases.push({ kind, n, answers: ANSWERS });
  }
  cases.push({ kind: 'checkpoint', n: LARGE, answers: 0 });
  const results = Object.fromEntries(cases.map((c) => [`${c.kind}-${c.n}`, []]));
  for (let i = 0; i <= RUNS; i++) {
    log(i === 0 ? 'browser: warm-up run' : `browser: run ${i} of ${RUNS}`);
    // Interleaved, so that a slow moment of the machine falls on every contender alike.
    for (const c of cases) {
      const result = await run(browser, base + PAGES[c.kind](c.n), {
        answers: Math.min(c.answers, c.n - 1),
        heap: true,
      });
      if (i > 0) results[`${c.kind}-${c.n}`].push(result);
      else if (c.n === CASES[0]) results[`${c.kind}-${c.n}-loaded`] = result.loaded;
    }
  }
  return results;
}

function bytesOf(loaded) {
  const files = [...new Set(loaded)].map((path) => ({
    file: path,
    ...sizes(readFileSync(join(root, path))),
  }));
  return { files, total: total(files) };
}

function machine(browserVersion) {
  const list = cpus();
  return {
    cpu: list[0]?.model ?? 'unknown',
    cores: list.length,
    ramGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    chromium: browserVersion,
    node: process.version,
    loadAverage: loadAtStart.map((value) => value.toFixed(1)).join(' / '),
    surveyjs: JSON.parse(readFileSync(join(bench, 'node_modules/survey-core/package.json'), 'utf8'))
      .version,
  };
}

// ── main ──────────────────────────────────────────────────────────────────────────────────

// Written as the repository's Prettier would write them, so that `npm run format:check` passes.
async function pretty(file, text) {
  const prettier = await import('prettier');
  return prettier.format(text, { ...(await prettier.resolveConfig(file)), filepath: file });
}

async function writeReport(results) {
  const text = await pretty(join(bench, 'RESULTS.md'), report(results));
  writeFileSync(join(bench, 'RESULTS.md'), text);
  console.log(`\n${text}`);
}

async function measure() {
  ensurePeers();
  ensureBuild();
  generate();
  log('building the SurveyJS and floor pages');
  await buildPages();

  log('node: loading and validating the 5,000-item module and the 1,000-scene scenario');
  const node = contentInNode();

  const server = await serve(root);
  const browser = await launch();
  let runs;
  let dashboard;
  try {
    runs = await browserRuns(browser, server.url);
    log('browser: the dashboard');
    dashboard = await measureDashboard({ root, browser, base: server.url, runs: RUNS });
  } finally {
    await browser.close().catch(() => {});
    await server.close();
  }

  const chunks = embedChunks(join(root, 'dist'));
  const firstRender = runs['checkpoint-10-loaded'];
  const results = {
    date: new Date().toISOString(),
    machine: machine(browser.version()),
    settings: {
      runs: RUNS,
      warmup: 1,
      answers: ANSWERS,
      cases: CASES,
      large: LARGE,
      scenes: SCENES,
    },
    bytes: {
      checkpoint: bytesOf(firstRender),
      surveyjs: bytesOf(runs['surveyjs-10-loaded']),
      floor: bytesOf(runs['floor-10-loaded']),
      chunks,
      packages: perPackage(
        join(root, 'dist'),
        chunks.map((chunk) => chunk.file),
        new Set(firstRender.map((path) => path.replace(/^\/dist\//, ''))),
      ),
    },
    node,
    browser: Object.fromEntries(Object.entries(runs).filter(([key]) => !key.endsWith('-loaded'))),
    dashboard,
    seconds: Math.round((Date.now() - started) / 1000),
  };
  const file = join(bench, 'results.json');
  writeFileSync(file, await pretty(file, JSON.stringify(results)));
  return results;
}

// `--report`: the tables again from bench/results.json, without measuring.
const results = process.argv.includes('--report')
  ? JSON.parse(readFileSync(join(bench, 'results.json'), 'utf8'))
  : await measure();
await writeReport(results);
log('done: bench/results.json, bench/RESULTS.md');
