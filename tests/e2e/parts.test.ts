/**
 * The built player loads each kind of activity's code only when a module needs it, and a part
 * that cannot be downloaded (the connection dropped before it was fetched) says so and loads on
 * "Try again" without losing the learner's place.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Route } from 'playwright-core';
import { builtApp, root } from './serve.ts';

const showcase = JSON.parse(readFileSync(`${root}/modules/showcase/module.json`, 'utf8')) as {
  activities: { type: string }[];
};

describe('activity code loaded on demand', () => {
  const app = builtApp();

  it(
    'runs a quiz-only module without downloading the lesson or scenario code',
    { timeout: 60_000 },
    async () => {
      const context = await app.browser.newContext({ serviceWorkers: 'block' });
      const quizOnly = {
        ...showcase,
        activities: showcase.activities.filter((activity) => activity.type === 'quiz'),
      };
      await context.route('**/modules/showcase/module.json', (route: Route) =>
        route.fulfill({ json: quizOnly }),
      );
      const scripts: string[] = [];
      context.on('request', (request) => {
        if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
      });
      const page = await context.newPage();
      await page.goto(`${app.served.url}?module=showcase`);
      const player = page.locator('cp-player');
      await player.getByRole('button', { name: 'Continue', exact: true }).click();
      await player.getByRole('button', { name: /^Open: Check your/ }).click();
      await player.locator('cp-quiz').getByRole('button', { name: 'Start' }).click();
      await player.locator('cp-quiz').getByRole('button', { name: 'Submit answer' }).waitFor();
      const names = scripts.map((path) => path.split('/').pop() ?? path);
      assert.ok(
        names.some((name) => name.startsWith('cp-quiz-')),
        names.join(' '),
      );
      assert.deepEqual(
        names.filter((name) => /^cp-(lesson|scenario|dashboard)-/.test(name)),
        [],
        'code for activities the module does not have',
      );
      await context.close();
    },
  );

  it(
    'says when a part cannot be downloaded and loads it on "Try again"',
    { timeout: 60_000 },
    async () => {
      const context = await app.browser.newContext({ serviceWorkers: 'block' });
      let cut = true;
      await context.route(/\/cp-lesson-[^/]*\.js$/, (route: Route) =>
        cut ? route.abort('internetdisconnected') : route.continue(),
      );
      const errors: string[] = [];
      const page = await context.newPage();
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${app.served.url}?module=showcase`);
      const player = page.locator('cp-player');
      await player.getByRole('button', { name: 'Continue', exact: true }).click();
      await player.getByRole('button', { name: /^Open: Two crimes/ }).click();
      await player.getByRole('button', { name: 'Continue', exact: true }).click();
      const alert = player.getByRole('alert');
      await alert.getByText('This part of the module could not be loaded.').waitFor();
      assert.match((await alert.textContent()) ?? '', /Your progress is kept/);
      cut = false;
      await alert.getByRole('button', { name: 'Try again' }).click();
      await player
        .locator('cp-lesson')
        .getByText(/^Page 1 of \d+$/)
        .waitFor();
      assert.equal(
        await player.getByText('This part of the module could not be loaded.').count(),
        0,
      );
      assert.deepEqual(errors, []);
      await context.close();
    },
  );
});
