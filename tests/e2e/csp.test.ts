/**
 * The built app under a strict Content-Security-Policy with Trusted Types: the player runs a
 * module, the trainer's dashboard reads and analyses the result (in its worker) and shows every
 * view, and no violation is reported.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtApp } from './serve.ts';

export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'";

describe('strict Content-Security-Policy', () => {
  const app = builtApp();

  it(
    'runs the player through a lesson and a quiz answer, then the dashboard, with no violation',
    { timeout: 60_000 },
    async () => {
      const context = await app.browser.newContext({ serviceWorkers: 'block' });
      await context.route('**/*', async (route) => {
        const response = await route.fetch();
        await route.fulfill({
          response,
          headers: { ...response.headers(), 'content-security-policy': STRICT_CSP },
        });
      });
      await context.addInitScript(() => {
        (globalThis as { violations?: string[] }).violations = [];
        document.addEventListener('securitypolicyviolation', (event) =>
          (globalThis as unknown as { violations: string[] }).violations.push(
            `${event.violatedDirective}: ${event.blockedURI} ${event.sample}`,
          ),
        );
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${app.served.url}?module=showcase`);
      const player = page.locator('cp-player');
      await player.getByRole('button', { name: 'Continue', exact: true }).click();
      await player.getByRole('button', { name: /^Open: Two crimes/ }).click();
      await player.getByRole('button', { name: 'Continue', exact: true }).click();
      for (let page_ = 0; page_ < 2; page_++)
        await player.getByRole('button', { name: 'Next page' }).click();
      await player.getByRole('button', { name: 'Finish lesson' }).click();
      await player.getByRole('button', { name: /^Open: Check your/ }).click();
      await player.getByRole('button', { name: 'Start' }).click();
      // Items are drawn at random: answer whichever came first with its own kind of control.
      const quiz = player.locator('cp-quiz');
      await quiz.getByRole('button', { name: 'Submit answer' }).waitFor();
      const choice = quiz.locator('input[type="radio"], input[type="checkbox"]');
      if (await choice.count()) await choice.first().check();
      const text = quiz.locator('input[type="text"]');
      if (await text.count()) await text.fill('debt bondage');
      for (const select of await quiz.locator('select').all()) {
        await select.selectOption({ index: 1 });
      }
      await quiz.getByRole('button', { name: 'Submit answer' }).click();
      await player
        .getByText(/Correct|Not quite|Partly/)
        .first()
        .waitFor();
      const violations = await page.evaluate(
        () => (globalThis as unknown as { violations: string[] }).violations,
      );
      assert.deepEqual(violations, []);
      assert.deepEqual(errors, []);

      // The trainer's dashboard over the same device: its worker, tables and charts.
      await page.goto(`${app.served.url}?view=dashboard`);
      const dashboard = page.locator('cp-dashboard');
      const loaded = page.evaluate(
        () =>
          new Promise<number>((resolve) =>
            document.addEventListener('cp-dashboard-loaded', (event) =>
              resolve((event as CustomEvent<{ time: number }>).detail.time),
            ),
          ),
      );
      await dashboard.getByRole('button', { name: 'Read results on this device' }).click();
      await loaded;
      for (const view of [
        'Learners',
        'Items',
        'Scenario decisions',
        'Mastery by tag',
        'Overview',
      ]) {
        await dashboard
          .getByRole('tab', { name: view })
          .or(dashboard.getByRole('button', { name: view }))
          .first()
          .click();
        await dashboard.getByRole('heading', { name: view, exact: true }).waitFor();
      }
      assert.deepEqual(
        await page.evaluate(() => (globalThis as unknown as { violations: string[] }).violations),
        [],
        'no violation in the dashboard',
      );
      assert.deepEqual(errors, []);
      await context.close();
    },
  );
});
