/**
 * The browser runs: one fresh browser context per run, Debian's Chromium through playwright-core.
 */
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../web-test-runner.config.mjs';

export const HARNESS = readFileSync(new URL('./harness.js', import.meta.url), 'utf8');

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
}

const metrics = async (cdp) => {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((metric) => [metric.name, metric.value]));
};

/**
 * One run: load the page, wait for the first question (clicking through what stands before it),
 * the JS heap after a forced GC, then `answers` answer + next cycles with script time from the
 * DevTools Performance metrics, then as many bare IndexedDB puts on the same page.
 */
export async function run(browser, url, { answers = 0, heap = true, root }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    const loaded = [];
    page.on('response', (response) => {
      const type = response.request().resourceType();
      if (type === 'script' || type === 'stylesheet') {
        loaded.push({ path: new URL(response.url()).pathname, type, status: response.status() });
      }
    });
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    await page.addInitScript(HARNESS);
    await page.goto(url, { waitUntil: 'commit' });
    const first = await page
      .evaluate(() => window.__bench.first)
      .catch((error) => {
        throw new Error(`${url}: ${error.message}\n${errors.join('\n')}`);
      });
    // First contentful paint may come after the question is in the DOM: give it a second.
    const paints = await page.evaluate(async () => {
      for (let i = 0; i < 100 && !window.__bench.paints['first-contentful-paint']; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return window.__bench.paints;
    });
    const result = { first, paints, loaded: loaded.map((entry) => entry.path) };
    if (root) result.loaded = result.loaded.filter((path) => path.startsWith(root));
    if (heap) {
      await cdp.send('HeapProfiler.enable');
      await cdp.send('HeapProfiler.collectGarbage');
      result.heap = (await cdp.send('Runtime.getHeapUsage')).usedSize;
      await cdp.send('HeapProfiler.disable');
    }
    if (answers > 0) {
      // What one idle polling tick of the harness costs in script and task time, to take it out.
      const c0 = await metrics(cdp);
      const s0 = await page.evaluate(() => window.__bench.self);
      const ticks = await page.evaluate(() => window.__bench.calibrate(300));
      const c1 = await metrics(cdp);
      const s1 = await page.evaluate(() => window.__bench.self);
      const perTick = (name) => Math.max(0, ((c1[name] - c0[name]) * 1000 - (s1 - s0)) / ticks);
      const tick = { script: perTick('ScriptDuration'), task: perTick('TaskDuration') };

      const counters = () =>
        page.evaluate(() => ({ self: window.__bench.self, ticks: window.__bench.ticks }));
      const before = await counters();
      const m0 = await metrics(cdp);
      const cycles = await page.evaluate((count) => window.__bench.answers(count), answers);
      const m1 = await metrics(cdp);
      const after = await counters();
      const self = after.self - before.self;
      const polls = after.ticks - before.ticks;
      const delta = (name) => (m1[name] - m0[name]) * 1000;
      result.answers = {
        count: answers,
        cycles,
        scriptPerAnswer:
          Math.max(0, delta('ScriptDuration') - self - polls * tick.script) / answers,
        taskPerAnswer: Math.max(0, delta('TaskDuration') - self - polls * tick.task) / answers,
        harnessPerAnswer: (self + polls * tick.task) / answers,
        layoutPerAnswer: (delta('LayoutDuration') + delta('RecalcStyleDuration')) / answers,
      };
      const bare = [];
      for (let i = 0; i < answers; i++)
        bare.push(await page.evaluate(() => window.__bench.barePut()));
      result.barePut = bare;
      result.transactionOptions = await page.evaluate(() => window.__bench.playerOptions ?? null);
    }
    if (errors.length) result.errors = errors;
    return result;
  } finally {
    await context.close();
  }
}
