/**
 * Dashboard at 100,000 responses (1,000 learners × 100 items, from src/analytics/generate.ts):
 * time from "Read results on this device" to the item-analysis table rendered by <cp-dashboard>,
 * against a bare getAll of the same records on the same page. The benchmark builds
 * bench/pages/dashboard.html (the element and the generator) from src/ itself; when that fails,
 * or the parts are missing, the row reads "pending" with the reason.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { HARNESS } from './browser.mjs';

const OUT = 'bench/node_modules/.cache/checkpoint-bench';

export const DASHBOARD = {
  element: 'src/elements/cp-dashboard/cp-dashboard.ts',
  generator: 'src/analytics/generate.ts',
  learners: 1_000,
  items: 100,
};

async function buildPage(root) {
  const { build } = await import('vite');
  await build({
    configFile: false,
    root: join(root, 'bench/pages'),
    base: `/${OUT}/dashboard/`,
    logLevel: 'error',
    build: {
      outDir: join(root, OUT, 'dashboard'),
      emptyOutDir: true,
      target: 'es2022',
      modulePreload: { polyfill: false },
      rollupOptions: { input: { dashboard: join(root, 'bench/pages/dashboard.html') } },
    },
  });
}

/** One browser context: the database is filled once, then the page is reloaded for each run. */
export async function measureDashboard({ root, browser, base, runs }) {
  const missing = [DASHBOARD.element, DASHBOARD.generator].filter(
    (path) => !existsSync(join(root, path)),
  );
  if (missing.length) return { status: `pending: ${missing.join(' and ')} not built yet` };
  try {
    await buildPage(root);
  } catch (error) {
    return {
      status: `pending: the dashboard does not build yet (${error.message.split('\n')[0]})`,
    };
  }
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(HARNESS);
    const url = `${base}/${OUT}/dashboard/dashboard.html`;
    await page.goto(url);
    await page.waitForFunction(() => window.__dashboard);
    const filled = await page.evaluate(
      ({ learners, items }) => window.__dashboard.fill(learners, items),
      DASHBOARD,
    );
    const measured = [];
    for (let i = 0; i <= runs; i++) {
      await page.goto(url);
      await page.waitForFunction(() => window.__dashboard);
      const open = await page.evaluate(() => window.__dashboard.open());
      const bare = await page.evaluate(() => window.__dashboard.getAll());
      if (i > 0) measured.push({ ...open, getAll: bare.ms, records: bare.count });
    }
    return { status: 'measured', ...DASHBOARD, responses: filled.responses, runs: measured };
  } catch (error) {
    return { status: `pending: the dashboard did not run (${error.message.split('\n')[0]})` };
  } finally {
    await context.close();
  }
}
