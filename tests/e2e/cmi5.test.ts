/**
 * A cmi5 launch in a real browser: the test LMS (in front of the real LRS) launches a page that
 * runs the showcase module with the cmi5 reporter — the page's own sessionStorage, localStorage
 * and IndexedDB outbox. The page is reloaded halfway; the statements are read back from the LRS.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startCmi5Launcher, type Cmi5Launcher, type Launched } from '../helpers/cmi5-launcher.ts';
import { startLrs, type Lrs, type StoredStatement } from '../helpers/lrs.ts';
import { chromiumArgs, chromiumPath, root } from './serve.ts';

const CMI5 = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
const SESSION = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';

type Stmt = StoredStatement & {
  verb: { id: string };
  object: { id: string };
  timestamp: string;
  context?: {
    contextActivities?: { category?: { id: string }[] };
    extensions?: Record<string, unknown>;
  };
};
const verbOf = (s: Stmt) => s.verb.id.split('/').pop()!;
const isDefined = (s: Stmt) => !!s.context?.contextActivities?.category?.some((c) => c.id === CMI5);

async function until(check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('cmi5 in a browser', () => {
  let lrs: Lrs;
  let lms: Cmi5Launcher;
  let browser: Browser;
  before(async () => {
    lrs = await startLrs();
    lms = await startCmi5Launcher(lrs);
    const bundle = await build({
      entryPoints: [fileURLToPath(new URL('../helpers/cmi5-page.ts', import.meta.url))],
      bundle: true,
      format: 'esm',
      target: 'es2022',
      write: false,
      absWorkingDir: root,
      tsconfig: `${root}/tsconfig.json`,
      logLevel: 'silent',
    });
    lms.serve('/au/page.js', bundle.outputFiles[0]!.text, 'text/javascript');
    lms.serve(
      '/au/index.html',
      '<!doctype html><meta charset="utf-8"><title>Checkpoint</title><script type="module" src="/au/page.js"></script>',
      'text/html; charset=utf-8',
    );
    browser = await chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs] });
  });
  after(async () => {
    await browser?.close();
    await lms?.close();
    await lrs?.stop();
  });

  const ready = async (page: Page) => {
    await page.waitForFunction(() => !!window.cmi5Page, null, { timeout: 20_000 });
    return page.evaluate(() => window.cmi5Page!.info);
  };

  async function sessionStatements(launched: Launched): Promise<Stmt[]> {
    const all = (await lrs.statements({ registration: launched.registration })) as Stmt[];
    return all
      .filter((s) => s.context?.extensions?.[SESSION] === launched.sessionId)
      .filter((s) => verbOf(s) !== 'launched')
      .sort((a, b) => a.timestamp.localeCompare(b.timestamp));
  }

  it(
    'survives a reload without a second token fetch or "initialized", and returns to the LMS',
    { timeout: 90_000 },
    async () => {
      const launched = await lms.launch({
        auUrl: `${lms.origin}/au/index.html`,
        masteryScore: 0.7,
      });
      const context = await browser.newContext();
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(launched.url);
      const info = await ready(page);
      assert.equal(info.mode, 'normal');
      assert.equal(info.passMark, 70);
      assert.equal(info.returnUrl, launched.returnURL);
      await page.evaluate(() => window.cmi5Page!.lesson());
      await until(async () =>
        (await sessionStatements(launched)).some((s) => verbOf(s) === 'completed'),
      );

      await page.reload();
      const again = await ready(page);
      assert.equal(
        typeof again.resume,
        'string',
        'the resume record comes back from the State API',
      );
      await page.evaluate(() => window.cmi5Page!.rest());
      await Promise.all([
        page.waitForURL(launched.returnURL),
        page.evaluate(() => window.cmi5Page!.finish()),
      ]);

      await until(async () =>
        (await sessionStatements(launched)).some((s) => verbOf(s) === 'terminated'),
      );
      const statements = await sessionStatements(launched);
      assert.equal(lms.fetchCount(launched.fetchUrl), 1);
      assert.deepEqual(statements.filter(isDefined).map(verbOf), [
        'initialized',
        'passed',
        'completed',
        'terminated',
      ]);
      assert.equal(verbOf(statements[0]!), 'initialized');
      assert.equal(verbOf(statements.at(-1)!), 'terminated');
      assert.ok(statements.filter((s) => verbOf(s) === 'answered').length >= 3);
      assert.deepEqual(errors, []);
      await context.close();
    },
  );

  it(
    'in Browse mode sends initialized and terminated only as cmi5 statements',
    { timeout: 60_000 },
    async () => {
      const launched = await lms.launch({
        auUrl: `${lms.origin}/au/index.html`,
        launchMode: 'Browse',
      });
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(launched.url);
      assert.equal((await ready(page)).mode, 'browse');
      await page.evaluate(() => {
        window.cmi5Page!.lesson();
        window.cmi5Page!.rest();
      });
      await Promise.all([
        page.waitForURL(launched.returnURL),
        page.evaluate(() => window.cmi5Page!.finish()),
      ]);
      await until(async () =>
        (await sessionStatements(launched)).some((s) => verbOf(s) === 'terminated'),
      );
      const statements = await sessionStatements(launched);
      assert.deepEqual(statements.filter(isDefined).map(verbOf), ['initialized', 'terminated']);
      assert.ok(
        !statements.some(
          (s) =>
            s.object.id === launched.activityId &&
            ['passed', 'failed', 'completed'].includes(verbOf(s)),
        ),
      );
      await context.close();
    },
  );
});
