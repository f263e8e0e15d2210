/** Turns bench results into the Markdown tables of bench/RESULTS.md. */

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
const stats = (values) => ({
  median: median(values),
  min: Math.min(...values),
  max: Math.max(...values),
});

const ms = (value) =>
  value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
const spread = (values, unit = ' ms') => {
  const s = stats(values);
  return `${ms(s.median)}${unit} (${ms(s.min)}–${ms(s.max)})`;
};
const kb = (bytes) => (bytes / 1024).toFixed(1);
const mib = (bytes) => (bytes / 2 ** 20).toFixed(1);
const WORDS = new Set(['—', 'pending', 'met', 'not met', 'yes', 'no']);
/** Right-aligned: every column after the first whose cells are all figures. */
const numeric = (rows, i) =>
  i > 0 && rows.every((row) => !row[i] || /^\d/.test(row[i]) || WORDS.has(row[i]));
const table = (head, rows) =>
  [
    `| ${head.join(' | ')} |`,
    `| ${head.map((_, i) => (numeric(rows, i) ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');

/**
 * Lazy chunks of the embed build that are reported on rows of their own, by file name. A row
 * whose chunks are not in dist/ yet reads "n/a (not built yet)".
 */
export const LAZY_ROWS = [
  {
    label: 'LMS adapters (SCORM 1.2 / 2004, cmi5, xAPI)',
    match: /scorm|cmi5|xapi/i,
    folders: /^src\/lms\/(scorm|cmi5|xapi)/,
  },
  {
    label: 'Dashboard and analytics',
    match: /dashboard|analytics/i,
    folders: /^src\/(analytics|elements\/cp-dashboard)/,
  },
];
/** A chunk belongs to a row by the sources its map names, else by its file name. */
const inRow = (row, chunk) =>
  chunk.folders?.length
    ? chunk.folders.some((folder) => row.folders.test(folder))
    : row.match.test(chunk.file);

const NAMES = {
  checkpoint: 'Checkpoint',
  surveyjs: 'SurveyJS',
  floor: 'Floor (lit + xstate + idb)',
};

/** Per-run values of one case, flattened by `pick`. */
const per = (results, key, pick) => (results.browser[key] ?? []).map(pick);

export function targets(results) {
  const med = (key, pick) => median(per(results, key, pick));
  const first = (key) => med(key, (run) => run.first.question);
  const script = (key) => med(key, (run) => run.answers.scriptPerAnswer);
  const saved = med('checkpoint-1000', (run) => median(run.answers.cycles.map((c) => c.saved)));
  const bare = med('checkpoint-1000', (run) => median(run.barePut));
  const rows = [
    [
      'Player gzip ≤ 0.12 × SurveyJS',
      results.bytes.checkpoint.total.gzip / results.bytes.surveyjs.total.gzip,
      0.12,
    ],
    [
      'First question N=1000 ≤ 0.2 × SurveyJS',
      first('checkpoint-1000') / first('surveyjs-1000'),
      0.2,
    ],
    ['First question N=1000 ≤ 1.5 × floor', first('checkpoint-1000') / first('floor-1000'), 1.5],
    [
      'Script per answer N=1000 ≤ 0.02 × SurveyJS',
      script('checkpoint-1000') / script('surveyjs-1000'),
      0.02,
    ],
    [
      'Script per answer N=1000 / N=10 ≤ 1.5',
      script('checkpoint-1000') / script('checkpoint-10'),
      1.5,
    ],
    ['Answer → saved ≤ 2 × bare put (N=1000)', saved / bare, 2],
    [
      'JS heap N=1000 ≤ 0.2 × SurveyJS',
      med('checkpoint-1000', (run) => run.heap) / med('surveyjs-1000', (run) => run.heap),
      0.2,
    ],
  ].map(([label, ratio, limit]) => ({ label, ratio, limit, met: ratio <= limit }));
  const dashboard = results.dashboard?.runs;
  const ratio = dashboard?.length
    ? median(dashboard.map((run) => run.total)) / median(dashboard.map((run) => run.getAll))
    : undefined;
  rows.push({
    label: 'Dashboard (100,000 responses) ≤ 3 × getAll',
    ratio,
    limit: 3,
    met: ratio === undefined ? undefined : ratio <= 3,
  });
  return rows;
}

export function report(results) {
  const { machine, settings } = results;
  const lines = [];
  const push = (...more) => lines.push(...more, '');
  push(
    '# Checkpoint benchmarks',
    `Run ${results.date.slice(0, 10)} on ${machine.cpu}, ${machine.cores} cores, ${machine.ramGiB} GiB RAM; ` +
      `Chromium ${machine.chromium} (headless, playwright-core), Node ${machine.node}; SurveyJS ${machine.surveyjs}; ` +
      `load average ${machine.loadAverage} at the start (other work on the machine shares its cores). ` +
      `Each browser figure is the median (min–max) of ${settings.runs} runs after one warm-up, each run in a fresh ` +
      `browser context; \`npm run bench\` reruns everything (this run took ${Math.round(results.seconds / 6) / 10} minutes).`,
  );

  push(
    '## What runs',
    table(
      ['page', 'what it is'],
      [
        [
          NAMES.checkpoint,
          '`dist/checkpoint.js` (the production embed build) and one `<cp-player src=…>` on a page of its own; ' +
            'a module of N single-choice items with four options each, one quiz, feedback immediate, pass mark 80.',
        ],
        [
          NAMES.surveyjs,
          `survey-core + survey-js-ui ${machine.surveyjs} and their default theme CSS, bundled by the same Vite; the ` +
            'same N questions as a quiz: one radiogroup per page, `correctAnswer` set, progress bar on top. ' +
            "The progress bar counts questions (`progressBarType: 'questions'`): the default, `'pages'`, makes the " +
            'first render grow with the square of the page count (about 20 s to the first question at 400 pages ' +
            'here, minutes at 1,000). Progress is saved to localStorage on every change, as SurveyJS documents.',
        ],
        [
          NAMES.floor,
          'The least a page on the same three libraries does with the same module file: fetch and parse it (no ' +
            'validation), a Lit element and an XState machine showing the current item as radios, one IndexedDB ' +
            'put per answer (bundled by the same Vite).',
        ],
      ],
    ),
    '',
    'All pages are served by a small static server on 127.0.0.1 (bench/server.mjs) and fetch their content as JSON.',
  );

  // ── targets ──
  push(
    '## Targets',
    table(
      ['target', 'ratio', 'limit', 'result'],
      targets(results).map((row) => [
        row.label,
        row.ratio === undefined ? 'pending' : row.ratio.toFixed(3),
        String(row.limit),
        row.met === undefined ? 'pending' : row.met ? 'met' : 'not met',
      ]),
    ),
  );

  // ── bytes ──
  const bytes = results.bytes;
  push(
    '## Bytes loaded by the page up to the first question (JS + CSS)',
    table(
      ['page', 'files', 'raw KiB', 'gzip KiB', 'brotli KiB'],
      ['checkpoint', 'surveyjs', 'floor'].map((kind) => [
        NAMES[kind],
        bytes[kind].files
          .map(
            (file) =>
              `\`${file.file.replace(/^\/(bench\/node_modules\/\.cache\/checkpoint-bench\/web\/)?/, '')}\``,
          )
          .join(', '),
        kb(bytes[kind].total.raw),
        kb(bytes[kind].total.gzip),
        kb(bytes[kind].total.brotli),
      ]),
    ),
  );
  const loaded = new Set(bytes.checkpoint.files.map((file) => file.file.replace(/^\/dist\//, '')));
  const lazy = LAZY_ROWS.map((row) => {
    const { label } = row;
    // Lazy chunks only: what loads at first render is counted with the player above.
    const chunks = bytes.chunks.filter((chunk) => inRow(row, chunk) && !loaded.has(chunk.file));
    if (!chunks.length) return [label, 'n/a (not built yet)', '', '', '', ''];
    const sum = chunks.reduce(
      (s, c) => ({ raw: s.raw + c.raw, gzip: s.gzip + c.gzip, brotli: s.brotli + c.brotli }),
      { raw: 0, gzip: 0, brotli: 0 },
    );
    return [
      label,
      chunks.map((c) => `\`${c.file}\``).join(', '),
      kb(sum.raw),
      kb(sum.gzip),
      kb(sum.brotli),
      chunks.some((c) => loaded.has(c.file)) ? 'yes' : 'no',
    ];
  });
  push(
    '### Every file of the embed build (dist/checkpoint.js and its chunks)',
    table(
      ['chunk (sources)', 'file', 'raw KiB', 'gzip KiB', 'brotli KiB', 'loaded at first render'],
      [
        ...bytes.chunks.map((chunk) => [
          chunk.folders?.length && chunk.folders.length <= 3
            ? `${chunk.chunk} (${chunk.folders.join(', ')})`
            : chunk.chunk,
          `\`${chunk.file}\``,
          kb(chunk.raw),
          kb(chunk.gzip),
          kb(chunk.brotli),
          loaded.has(chunk.file) ? 'yes' : 'no',
        ]),
        ...lazy,
      ],
    ),
  );
  if (bytes.packages) {
    const first = bytes.packages.reduce((sum, p) => sum + p.first.raw, 0);
    push(
      '### What the embed build is made of (from its source maps)',
      'Bytes of the minified files attributed to each package through the source maps, over the files loaded ' +
        "at first render and, apart, over the lazy chunks. Gzip and brotli compress each package's first-render " +
        "bytes on their own, so they estimate its share (they do not add up to the files' figures). " +
        '"(unmapped)" is code the map gives no source for (bundler glue, newlines).',
      '',
      table(
        [
          'package',
          'first render raw KiB',
          'share',
          'gzip KiB (alone)',
          'brotli KiB (alone)',
          'lazy chunks raw KiB',
        ],
        bytes.packages.map((entry) => [
          entry.name,
          kb(entry.first.raw),
          `${((entry.first.raw / first) * 100).toFixed(1)} %`,
          kb(entry.first.gzip),
          kb(entry.first.brotli),
          kb(entry.lazy),
        ]),
      ),
    );
  }

  // ── first question ──
  const rows = [];
  for (const n of settings.cases) {
    for (const kind of ['checkpoint', 'surveyjs', 'floor']) {
      const key = `${kind}-${n}`;
      rows.push([
        `${NAMES[kind]}, N = ${n.toLocaleString('en')}`,
        spread(per(results, key, (run) => run.paints['first-contentful-paint'] ?? NaN)),
        kind === 'checkpoint' ? spread(per(results, key, (run) => run.first.intro)) : '—',
        spread(per(results, key, (run) => run.first.question)),
      ]);
    }
  }
  const large = `checkpoint-${settings.large}`;
  rows.push([
    `Checkpoint, N = ${settings.large.toLocaleString('en')}`,
    spread(per(results, large, (run) => run.paints['first-contentful-paint'] ?? NaN)),
    spread(per(results, large, (run) => run.first.intro)),
    spread(per(results, large, (run) => run.first.question)),
  ]);
  push(
    '## Time to the first question',
    'From navigation start (`performance.now()`), the page served from 127.0.0.1 without compression or cache. ' +
      '"First question" is the first moment the first option radio of question 1 is in the DOM, visible ' +
      '(`checkVisibility()`) and enabled, checked about once a millisecond. SurveyJS and the floor show question 1 ' +
      'at once. Checkpoint starts with its introduction, whose "Start" appears once saved progress has been ' +
      'looked up ("intro" below: that button visible and enabled); a learner then clicks Start, then "Open" on the ' +
      'quiz, then the quiz\'s Start. The harness clicks each button the moment it appears, so "first question" ' +
      'for Checkpoint is intro → three clicks → question 1, with no human time in it (a URL or state that opens ' +
      'question 1 directly does not exist).',
    '',
    table(['page', 'first contentful paint', 'intro (Start usable)', 'first question'], rows),
  );

  // ── per answer ──
  const answerRows = [];
  for (const n of settings.cases) {
    for (const kind of ['checkpoint', 'surveyjs', 'floor']) {
      const key = `${kind}-${n}`;
      const list = results.browser[key] ?? [];
      if (!list[0]?.answers) continue;
      answerRows.push([
        `${NAMES[kind]}, N = ${n.toLocaleString('en')}`,
        String(list[0].answers.count),
        spread(list.map((run) => run.answers.scriptPerAnswer)),
        spread(list.map((run) => run.answers.taskPerAnswer)),
        spread(list.map((run) => median(run.answers.cycles.map((c) => c.cycle)))),
      ]);
    }
  }
  push(
    '## One answer: choose an option, submit, next question',
    'Per answer, over the first answers of each run (N = 10: nine, as the tenth leads to the results). ' +
      'Checkpoint: click an option, Submit, wait for the feedback and for "All progress saved" after a completed ' +
      'IndexedDB transaction, click "Next question", wait for question k + 1. The floor does the same with its ' +
      'one put. SurveyJS: click an option (its documented progress save to localStorage runs on the change), ' +
      'click Next, wait for the next page (SurveyJS animates the page change: that is in its wall time, not its ' +
      'script time). Script and task time come from the DevTools Performance metrics ' +
      "(`ScriptDuration`, `TaskDuration`, thread time) over the whole loop, less the harness's own polling; " +
      'the cycle is wall time from the click on the option to the next question usable.',
    '',
    table(
      [
        'page',
        'answers per run',
        'script per answer',
        'main-thread tasks per answer',
        'cycle (wall)',
      ],
      answerRows,
    ),
  );

  // ── saved vs bare put ──
  const savedRows = [];
  for (const n of settings.cases) {
    for (const kind of ['checkpoint', 'floor']) {
      const list = results.browser[`${kind}-${n}`] ?? [];
      if (!list[0]?.answers) continue;
      const saved = list.map((run) => median(run.answers.cycles.map((c) => c.saved)));
      const start = list.map((run) => median(run.answers.cycles.map((c) => c.toTransaction)));
      const bare = list.map((run) => median(run.barePut));
      savedRows.push([
        `${NAMES[kind]}, N = ${n.toLocaleString('en')}`,
        spread(saved),
        spread(start),
        spread(bare),
        (median(saved) / median(bare)).toFixed(2),
      ]);
    }
  }
  const options = results.browser[`checkpoint-${settings.cases[1]}`]?.[0]?.transactionOptions;
  push(
    '## Answer → saved, against a bare IndexedDB put on the same page',
    'Answer → saved: from the click on Submit to the `complete` event of the last read-write transaction the ' +
      'page started for it (for Checkpoint, the status then reads "All progress saved"). Bare put: one ' +
      'read-write transaction with one `put` of the same record (the last record the page wrote to its ' +
      `\`responses\` store), in a database of its own, with the player's transaction options ` +
      `(\`${JSON.stringify(options ?? {})}\`), timed from \`transaction()\` to \`complete\`, as many times as answers, ` +
      'right after them in the same page. SurveyJS saves to localStorage synchronously, so it has no such row. ' +
      'Each figure is the median over the answers of a run; median (min–max) over runs. A fresh browser ' +
      'context is an off-the-record profile, so IndexedDB lives in memory there: these figures leave out the ' +
      'flush to disk, for the player and the bare put alike.',
    '',
    table(
      ['page', 'answer → saved', 'of which: Submit → first transaction', 'bare put', 'ratio'],
      savedRows,
    ),
  );

  // ── heap ──
  push(
    '## JS heap after load',
    'Once question 1 is usable: `HeapProfiler.collectGarbage`, then `Runtime.getHeapUsage` (used size).',
    '',
    table(
      ['page', ...settings.cases.map((n) => `N = ${n.toLocaleString('en')}`)],
      ['checkpoint', 'surveyjs', 'floor'].map((kind) => [
        NAMES[kind],
        ...settings.cases.map((n) =>
          spread(
            per(results, `${kind}-${n}`, (run) => run.heap / 2 ** 20),
            ' MiB',
          ),
        ),
      ]),
    ),
  );

  // ── node ──
  const node = results.node;
  const nodeRow = (content, step, entry) => [
    content,
    step,
    `${ms(entry.cold)} ms`,
    spread(entry.runs),
  ];
  push(
    '## Loading and validating large content in node',
    `\`parseModule\` (src/content/loader.ts: JSON parse, migration, schema, cross-field rules, freeze), the scenario ` +
      `analysis \`moduleProblems\` (src/engine/scenario-graph.ts) and \`validateFile\`, everything ` +
      '`npm run validate <file>` does. "First" is the first call in a fresh node process; the others follow it.',
    '',
    table(
      ['content', 'step', 'first', 'then'],
      [
        nodeRow(
          `${settings.large.toLocaleString('en')} items (${mib(node.module5000.bytes)} MiB)`,
          'load (`parseModule`)',
          node.module5000.load,
        ),
        nodeRow('', 'validate (`npm run validate`)', node.module5000.validate),
        nodeRow(
          `${settings.scenes.toLocaleString('en')}-scene scenario (${mib(node.scenario1000.bytes)} MiB)`,
          'load (`parseModule`)',
          node.scenario1000.load,
        ),
        nodeRow('', 'scenario analysis (`moduleProblems`)', node.scenario1000.analysis),
        nodeRow('', 'validate (`npm run validate`)', node.scenario1000.validate),
      ],
    ),
    '',
    `In the browser, the ${settings.large.toLocaleString('en')}-item module reaches its first question in ` +
      `${spread(per(results, large, (run) => run.first.question))} (table above).`,
  );

  // ── dashboard ──
  const dash = results.dashboard ?? { status: 'pending' };
  if (dash.runs?.length) {
    const getAll = median(dash.runs.map((run) => run.getAll));
    push(
      `## Dashboard at ${dash.responses.toLocaleString('en')} responses`,
      `${dash.learners.toLocaleString('en')} learners × ${dash.items} items from the analytics generator ` +
        '(src/analytics/generate.ts, seed 1), written to IndexedDB through the store as an import. ' +
        '`<cp-dashboard>` built from src/ by the benchmark with the generator on one page ' +
        '(bench/pages/dashboard.js; the same source as the embed build\'s lazy cp-dashboard chunk). Timed from the click on "Read results on this device" to its `cp-dashboard-loaded` event, ' +
        'then the harness clicks "Items" at once and waits for the rows of the item-analysis table. Bare getAll: ' +
        'open the same database and `getAll()` the `responses` store, on the same page right after. One browser ' +
        'context (the database is filled once); the page is reloaded for each run.',
      '',
      table(
        ['measurement', 'time'],
        [
          ['start → results read and analysed', spread(dash.runs.map((run) => run.loaded))],
          ['"Items" → item-analysis table', spread(dash.runs.map((run) => run.items))],
          ['start → item-analysis table', spread(dash.runs.map((run) => run.total))],
          [
            `bare getAll of ${dash.runs[0].records.toLocaleString('en')} records`,
            spread(dash.runs.map((run) => run.getAll)),
          ],
          ['ratio', (median(dash.runs.map((run) => run.total)) / getAll).toFixed(2)],
        ],
      ),
    );
  } else {
    push(
      '## Dashboard at 100,000 responses',
      table(
        ['measurement', 'result'],
        [['1,000 learners × 100 items: item-analysis table vs bare getAll', dash.status]],
      ),
    );
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
