/**
 * The xAPI reporter and outbox in a real browser (Debian's Chromium, real IndexedDB) against a
 * real LRS (xapi-statements) behind a proxy that can be closed: a learner answers while the LRS
 * is gone, reloads the page, carries on, and the LRS ends up with exactly one copy of every
 * statement. The page loads the reporter's source bundled by esbuild, from its own origin.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { LrsClient } from '../../src/lms/xapi/client.ts';
import type { Statement } from '../../src/lms/xapi/vocabulary.ts';
import { startLrs, type Lrs } from '../helpers/lrs.ts';
import { showcaseData } from '../helpers/lrs-session.ts';
import { chromiumArgs, chromiumPath, root } from './serve.ts';

const actor = {
  objectType: 'Agent',
  account: { homePage: 'https://lms.example', name: 'e2e-learner' },
} as const;

async function servePage(): Promise<{ url: string; server: Server }> {
  const bundle = await build({
    entryPoints: [`${root}/tests/helpers/lrs-bundle.ts`],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0]!.text;
  const server = createServer((request, response) => {
    if (request.url === '/bundle.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' });
      response.end(script);
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end('<!doctype html><html lang="en"><title>xAPI</title><body></body></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/`, server };
}

async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface PageGlobals {
  cp: typeof import('../helpers/lrs-bundle.ts');
}

/** Opens a learner's visit in the page: a reporter started on the showcase, facts ready to record. */
async function visit(page: Page, config: object): Promise<number> {
  return page.evaluate(
    async ({ config, module }) => {
      const cp = (await import('/bundle.js' as string)) as PageGlobals['cp'];
      const loaded = cp.validateModule(module);
      if (!loaded.ok) throw new Error('module');
      const w = window as unknown as Record<string, unknown>;
      const notices: string[] = [];
      const reporter = cp.createXapiReporter(config as Parameters<typeof cp.createXapiReporter>[0]);
      reporter.onNotice((notice) => notices.push(notice.kind));
      await reporter.start(loaded.module);
      const facts = cp.runShowcase({ pass: true, module: loaded.module });
      let next = 0;
      w['notices'] = notices;
      w['finish'] = () => reporter.finish();
      /** Records facts up to index `end`; returns how many statements they make. */
      w['recordUntil'] = (end: number) => {
        let statements = 0;
        for (; next < Math.min(end, facts.length); next++) {
          const { fact, status } = facts[next]!;
          reporter.record(fact, status);
          statements += fact.type === 'module.completed' && fact.score ? 2 : 1;
        }
        return statements;
      };
      w['pendingInDatabase'] = async () => (await (await cp.openStore()).list('outbox')).length;
      return facts.length;
    },
    { config, module: showcaseData({ allItems: true }) },
  );
}

const notices = (page: Page) =>
  page.evaluate(() => (window as unknown as { notices: string[] }).notices);
const recordUntil = (page: Page, end: number) =>
  page.evaluate(
    (e) => (window as unknown as { recordUntil: (e: number) => number }).recordUntil(e),
    end,
  );
const pendingInDatabase = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { pendingInDatabase: () => Promise<number> }).pendingInDatabase(),
  );

describe('xAPI in a browser against a real LRS', () => {
  let lrs: Lrs;
  let browser: Browser;
  let served: { url: string; server: Server };
  before(
    async () => {
      [lrs, served] = await Promise.all([startLrs(), servePage()]);
      browser = await chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs] });
    },
    { timeout: 60_000 },
  );
  after(
    async () => {
      await browser?.close();
      served?.server.close();
      await lrs?.stop();
    },
    { timeout: 30_000 },
  );

  it(
    'a learner who loses the LRS mid-run and reloads leaves exactly one copy of every statement',
    { timeout: 120_000 },
    async () => {
      const registration = crypto.randomUUID();
      const config = {
        endpoint: lrs.endpoint,
        auth: lrs.auth,
        actor,
        registration,
        timeoutMs: 3_000,
        outbox: { retryDelayMs: 200, maxRetryDelayMs: 1_000 },
      };
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(served.url);
      await visit(page, config);
      let expected = 1 + (await recordUntil(page, 15));
      await until(
        async () => (await lrs.count({ registration })) === expected,
        'the first answers',
      );

      await lrs.goOffline();
      expected += await recordUntil(page, 30);
      await until(
        async () => (await notices(page)).includes('unreachable'),
        'the unreachable notice',
      );
      await until(async () => (await pendingInDatabase(page)) >= 15, 'the outbox to fill');

      // A reload: this page's memory is gone, the outbox in IndexedDB is not.
      await page.reload();
      const total = await visit(page, config);
      expected += 1 + (await recordUntil(page, total));
      // Everything but the 16 statements delivered before the LRS went away is in IndexedDB.
      await until(
        async () => (await pendingInDatabase(page)) >= expected - 16,
        'the outbox to hold every undelivered statement',
      );
      assert.ok((await lrs.count({ registration })) < expected);

      await lrs.goOnline();
      await until(async () => (await notices(page)).includes('recovered'), 'the recovered notice');
      assert.equal(await pendingInDatabase(page), 0);
      // Leaving the page: `terminated` goes with keepalive.
      await page.evaluate(() => (window as unknown as { finish: () => void }).finish());
      expected += 1;
      await page.close();
      await until(async () => (await lrs.count({ registration })) >= expected, 'terminated');

      const stored = await lrs.statements({ registration });
      assert.equal(stored.length, expected);
      assert.equal(new Set(stored.map((s) => s.id)).size, expected);
      const verbs = stored.map((s) => (s['verb'] as { id: string }).id.split('/').at(-1));
      assert.equal(verbs.filter((verb) => verb === 'initialized').length, 2);
      assert.equal(verbs.filter((verb) => verb === 'terminated').length, 1);
      await context.close();
    },
  );

  it(
    "sends in order, on the browser's online event, and takes a 409 as already stored",
    { timeout: 60_000 },
    async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(served.url);
      const ids: string[] = Array.from({ length: 6 }, () => crypto.randomUUID());
      const statements: Statement[] = ids.map((id, index) => ({
        id,
        actor,
        verb: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { en: 'answered' } },
        object: {
          objectType: 'Activity',
          id: `https://checkpoint.invalid/xapi/modules/order/items/${index}`,
        },
        timestamp: new Date().toISOString(),
      }));
      await lrs.goOffline();
      const offline = await page.evaluate(
        async ({ statements, endpoint, auth }) => {
          const cp = (await import('/bundle.js' as string)) as PageGlobals['cp'];
          const store = await cp.openStore({ name: 'xapi-order' });
          const client = new cp.LrsClient({ endpoint, auth, timeoutMs: 3_000 });
          const outbox = new cp.Outbox({ store, client, batchSize: 1, retryDelayMs: 60_000 });
          (window as unknown as Record<string, unknown>)['outbox'] = outbox;
          for (const statement of statements) await outbox.add([statement]);
          const result = await outbox.flush();
          return { error: result.error?.kind, pending: (await outbox.pending()).map((s) => s.id) };
        },
        { statements, endpoint: lrs.endpoint, auth: lrs.auth },
      );
      assert.equal(offline.error, 'network');
      assert.deepEqual(offline.pending, ids);

      await lrs.goOnline();
      // Another device already delivered a different copy of the third statement.
      const direct = new LrsClient({ endpoint: lrs.directEndpoint, auth: lrs.auth });
      const copy = { ...statements[2]!, timestamp: '2020-01-01T00:00:00.000Z' };
      assert.ok((await direct.sendStatements([copy])).ok);

      await page.evaluate(() => window.dispatchEvent(new Event('online')));
      await until(
        () =>
          page.evaluate(async () => {
            const outbox = (window as unknown as { outbox: { pending(): Promise<unknown[]> } })
              .outbox;
            return (await outbox.pending()).length === 0;
          }),
        'the outbox to drain',
      );
      const stored = (await lrs.statements({ limit: '500' })).filter((s) => ids.includes(s.id));
      assert.equal(stored.length, 6);
      const storedAt = (id: string) =>
        Date.parse(String(stored.find((s) => s.id === id)!['stored']));
      const sent = ids.filter((_, index) => index !== 2);
      for (let index = 1; index < sent.length; index++) {
        assert.ok(
          storedAt(sent[index - 1]!) <= storedAt(sent[index]!),
          `statement ${index} out of order`,
        );
      }
      await context.close();
    },
  );
});
