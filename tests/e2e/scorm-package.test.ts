/**
 * A packaged course in a test LMS: `npm run package` builds the SCORM zip from the real bundle,
 * a page exposes scorm-again's run-time as the LMS API and launches the course in a frame, in a
 * frame inside a frame, or in a popup. Every API call is logged to this process (with
 * `sendBeacon`, which survives a closing page, one per burst of calls), so each way of leaving is checked: the run
 * initialises once, reports the answer, reads no error, and finishes exactly once, last.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { unzipSync } from 'fflate';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath, root } from './serve.ts';

interface Call {
  readonly run: string;
  /** Beacons may arrive out of order: the LMS page numbers its calls. */
  readonly seq: number;
  readonly method: string;
  readonly args: readonly string[];
  readonly result: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.xsd': 'application/xml',
};

/**
 * The LMS page: the API, a log of every call, and the course in a frame, nested frames or a popup.
 * Like an LMS, it starts the run with the learner's id, a first entry, the mode, and the pass
 * mark the manifest declares.
 */
const lmsPage = (version: '1.2' | '2004', manifest: string) => {
  const preload =
    version === '1.2'
      ? {
          'cmi.core.student_id': 'learner-1',
          'cmi.core.entry': 'ab-initio',
          'cmi.core.lesson_mode': 'normal',
          'cmi.student_data.mastery_score': /<adlcp:masteryscore>([\d.]+)</.exec(manifest)![1]!,
        }
      : {
          'cmi.learner_id': 'learner-1',
          'cmi.entry': 'ab-initio',
          'cmi.mode': 'normal',
          'cmi.scaled_passing_score': /<imsss:minNormalizedMeasure>([\d.]+)</.exec(manifest)![1]!,
        };
  const [global, name, script, methods] =
    version === '1.2'
      ? [
          'API',
          'Scorm12API',
          'scorm12.min.js',
          'LMSInitialize LMSFinish LMSGetValue LMSSetValue LMSCommit LMSGetLastError',
        ]
      : [
          'API_1484_11',
          'Scorm2004API',
          'scorm2004.min.js',
          'Initialize Terminate GetValue SetValue Commit GetLastError',
        ];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test LMS</title>
<script src="/scorm-again/${script}"></script></head><body><h1>Test LMS</h1>
<script>
const params = new URLSearchParams(location.search);
const run = params.get('run');
const api = new ${name}({ logLevel: 5, autocommit: false, lmsCommitUrl: false });
api.loadFromFlattenedJSON(${JSON.stringify(preload)}, '');
for (const method of '${methods}'.split(' ')) {
  const original = api[method].bind(api);
  api[method] = (...args) => {
    const result = String(original(...args));
    const seq = (window.seq = (window.seq ?? 0) + 1);
    // One beacon per burst of calls: a closing tab lets only a few requests out.
    if (!window.queued) {
      window.queued = [];
      queueMicrotask(() => {
        navigator.sendBeacon('/log', JSON.stringify(window.queued));
        window.queued = undefined;
      });
    }
    window.queued.push({ run, seq, method, args: args.map(String), result });
    return result;
  };
}
window.${global} = api;
const course = '/course/index.html';
const mode = params.get('mode');
if (mode === 'popup') {
  const button = document.createElement('button');
  button.textContent = 'Launch';
  button.onclick = () => { window.course = window.open(course, 'course'); };
  document.body.append(button);
} else {
  const frame = document.createElement('iframe');
  frame.title = 'Course';
  frame.width = 900; frame.height = 700;
  frame.src = mode === 'nested' ? '/wrapper.html' : course;
  document.body.append(frame);
}
</script></body></html>`;
};

const WRAPPER = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Wrapper</title></head>
<body><iframe title="Course" width="880" height="680" src="/course/index.html"></iframe></body></html>`;

function serve(courseDir: string, version: '1.2' | '2004', calls: Call[]): Promise<Server> {
  const scormAgain = join(root, 'node_modules/scorm-again/dist');
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method === 'POST' && url.pathname === '/log') {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        calls.push(...(JSON.parse(body) as Call[]));
        response.writeHead(204).end();
      });
      return;
    }
    const send = (type: string, data: string | Buffer) =>
      response.writeHead(200, { 'content-type': type }).end(data);
    if (url.pathname === '/lms.html')
      return send(
        TYPES['.html']!,
        lmsPage(version, readFileSync(join(courseDir, 'imsmanifest.xml'), 'utf8')),
      );
    if (url.pathname === '/wrapper.html') return send(TYPES['.html']!, WRAPPER);
    if (url.pathname === '/other.html') return send(TYPES['.html']!, '<!doctype html><p>Other');
    const [base, rest] = url.pathname.startsWith('/scorm-again/')
      ? [scormAgain, url.pathname.slice('/scorm-again/'.length)]
      : url.pathname.startsWith('/course/')
        ? [courseDir, url.pathname.slice('/course/'.length)]
        : [undefined, ''];
    const file = base && normalize(join(base, rest));
    if (!file || !file.startsWith(base)) return response.writeHead(404).end();
    try {
      send(TYPES[extname(file)] ?? 'application/octet-stream', readFileSync(file));
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Builds the package with the CLI, as an administrator would, and unpacks it. */
function unpack(format: 'scorm12' | 'scorm2004', into: string): void {
  const zip = join(into, `${format}.zip`);
  execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli/package.ts',
      'tests/fixtures/lms/module.json',
      '--format',
      format,
      '--out',
      zip,
    ],
    { cwd: root, stdio: 'pipe' },
  );
  for (const [path, data] of Object.entries(unzipSync(readFileSync(zip)))) {
    const target = join(into, 'course', path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, data);
  }
}

/** The learner starts the quiz and answers its first question. */
async function answerOne(course: Frame | Page): Promise<void> {
  const player = course.locator('cp-player');
  await player.getByRole('button', { name: 'Start', exact: true }).click();
  await player.getByRole('button', { name: 'Open: Two questions' }).click();
  await player.locator('cp-quiz').getByRole('button', { name: 'Start' }).click();
  await player.locator('cp-quiz').getByLabel('Right').check();
  await player.locator('cp-quiz').getByRole('button', { name: 'Submit answer' }).click();
  await player
    .locator('cp-quiz')
    .getByRole('button', { name: /Next question|See results/ })
    .waitFor();
}

const until = async (condition: () => boolean, what: string) => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 25));
  assert.ok(condition(), `timed out waiting for ${what}`);
};

for (const version of ['1.2', '2004'] as const) {
  const names =
    version === '1.2'
      ? { init: 'LMSInitialize', finish: 'LMSFinish', set: 'LMSSetValue', error: 'LMSGetLastError' }
      : { init: 'Initialize', finish: 'Terminate', set: 'SetValue', error: 'GetLastError' };

  describe(`a SCORM ${version} package in a test LMS`, () => {
    const calls: Call[] = [];
    let dir: string;
    let server: Server;
    let base: string;
    let browser: Browser;
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'cp-scorm-'));
      unpack(version === '1.2' ? 'scorm12' : 'scorm2004', dir);
      server = await serve(join(dir, 'course'), version, calls);
      const address = server.address();
      base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      browser = await chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs] });
    });
    after(async () => {
      await browser.close();
      server.close();
      rmSync(dir, { recursive: true, force: true });
    });

    /** Checks one run's calls: one initialise, the answer, no error, one finish, last. */
    function checkRun(run: string): void {
      const mine = calls.filter((call) => call.run === run).sort((a, b) => a.seq - b.seq);
      const methods = mine.map((call) => call.method).filter((method) => method !== names.error);
      assert.equal(
        methods.filter((method) => method === names.init).length,
        1,
        `${run}: one initialise`,
      );
      assert.equal(methods[0], names.init, `${run}: initialise first`);
      assert.equal(
        methods.filter((method) => method === names.finish).length,
        1,
        `${run}: one finish`,
      );
      assert.equal(methods.at(-1), names.finish, `${run}: nothing after finish`);
      // Each error code with the call it followed.
      const errors = mine.flatMap((call, index) =>
        call.method === names.error && call.result !== '0'
          ? [`${call.result} after ${mine[index - 1]?.method}(${mine[index - 1]?.args.join(', ')})`]
          : [],
      );
      assert.deepEqual(errors, [], `${run}: no error from the LMS`);
      const results = mine.filter(
        (call) => call.method === names.set && /^cmi\.interactions\.0\.result$/.test(call.args[0]!),
      );
      assert.equal(results.at(-1)?.args[1], 'correct', `${run}: the answer reported`);
      const exit = mine.filter(
        (call) => call.method === names.set && /^cmi\.(core\.)?exit$/.test(call.args[0]!),
      );
      assert.equal(
        exit.at(-1)?.args[1],
        'suspend',
        `${run}: suspended, not finished with the course`,
      );
    }

    const exits: Record<string, (page: Page, run: string) => Promise<void>> = {
      'navigating the frame away': async (page) => {
        await page
          .locator('iframe')
          .evaluate((frame: HTMLIFrameElement) => (frame.src = '/other.html'));
      },
      'navigating the LMS page away': async (page) => {
        await page.goto(`${base}/other.html`);
      },
      'closing the tab': async (page) => {
        await page.close({ runBeforeUnload: true });
      },
    };

    for (const [mode, frames] of [
      ['iframe', 1],
      ['nested', 2],
    ] as const) {
      for (const [exit, leave] of Object.entries(exits)) {
        it(
          `course in ${mode === 'iframe' ? 'a frame' : 'nested frames'}, then ${exit}`,
          { timeout: 60_000 },
          async () => {
            const run = `${mode}-${exit}`;
            const page = await browser.newPage();
            await page.goto(`${base}/lms.html?mode=${mode}&run=${encodeURIComponent(run)}`);
            let course = page.mainFrame();
            for (let depth = 0; depth < frames; depth++) {
              course = await (
                await course.waitForSelector('iframe')
              )
                .contentFrame()
                .then((frame) => frame!);
            }
            await answerOne(course);
            await leave(page, run);
            await until(
              () => calls.some((call) => call.run === run && call.method === names.finish),
              'finish',
            );
            await new Promise((resolve) => setTimeout(resolve, 200));
            checkRun(run);
            if (!page.isClosed()) await page.close();
          },
        );
      }
    }

    it(
      'course in a popup found through its opener, then closing the popup',
      { timeout: 60_000 },
      async () => {
        const run = 'popup';
        const page = await browser.newPage();
        await page.goto(`${base}/lms.html?mode=popup&run=${run}`);
        const [popup] = await Promise.all([
          page.waitForEvent('popup'),
          page.getByRole('button', { name: 'Launch' }).click(),
        ]);
        await answerOne(popup);
        await page.evaluate(() => (window as unknown as { course: Window }).course.close());
        await until(
          () => calls.some((call) => call.run === run && call.method === names.finish),
          'finish',
        );
        await new Promise((resolve) => setTimeout(resolve, 200));
        checkRun(run);
        await page.close();
      },
    );
  });
}
