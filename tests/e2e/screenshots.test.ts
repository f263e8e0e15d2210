/**
 * Every state of every element, rendered by the built app in headless Chromium and saved as PNG
 * under shots/ (git-ignored) for people to look at: light, dark, 320 px wide and right to left.
 * The test itself asserts that each state renders without a page error.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath, root, serveDist, type Served } from './serve.ts';

const SHOTS = `${root}/shots/states`;

interface Variant {
  readonly name: string;
  readonly width: number;
  readonly dark?: boolean;
  readonly lang?: string;
}

const VARIANTS: readonly Variant[] = [
  { name: 'light', width: 1024 },
  { name: 'dark', width: 1024, dark: true },
  { name: 'narrow', width: 320 },
  { name: 'arabic', width: 320, lang: 'ar' },
];

describe('screenshots of every state', () => {
  let served: Served;
  let browser: Browser;
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    served = await serveDist();
    browser = await chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs] });
  });
  after(async () => {
    await browser.close();
    served.close();
  });

  for (const variant of VARIANTS) {
    it(`walks the showcase module (${variant.name})`, { timeout: 120_000 }, async () => {
      const context = await browser.newContext({
        viewport: { width: variant.width, height: 800 },
        colorScheme: variant.dark ? 'dark' : 'light',
        reducedMotion: 'reduce',
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      const saved: string[] = [];
      const shot = async (state: string) => {
        await page.waitForTimeout(100);
        const path = `${SHOTS}/${variant.name}-${String(saved.length + 1).padStart(2, '0')}-${state}.png`;
        await page.screenshot({ path, fullPage: true });
        saved.push(path);
      };
      await walk(page, served.url, variant.lang, shot);
      assert.deepEqual(errors, []);
      assert.ok(saved.length >= 14, `${saved.length} states`);
      await context.close();
    });
  }
});

async function walk(
  page: Page,
  url: string,
  lang: string | undefined,
  shot: (state: string) => Promise<void>,
): Promise<void> {
  await page.goto(url);
  await page.getByRole('link', { name: /^Open “Showcase/ }).waitFor();
  await shot('catalogue');
  await page.goto(`${url}?module=showcase${lang ? `&lang=${lang}` : ''}`);
  const player = page.locator('cp-player');
  await player.locator('h1').first().waitFor();
  await shot('intro');
  // From here on the UI may speak Arabic: find controls by position and role, not by name.
  const primary = () => player.locator('button.primary').first().click();
  await primary(); // continue past the module's content note
  await player.getByRole('progressbar').first().waitFor();
  await shot('overview');
  await player.locator('.activity button').first().click();
  await shot('content-note');
  await primary();
  await player.locator('cp-lesson h2').waitFor();
  await shot('lesson-page-1');
  await primary();
  await primary();
  await shot('lesson-last-page');
  await primary(); // finish the lesson
  await player.locator('.activity button').nth(1).click();
  await player.locator('cp-quiz h2').first().waitFor();
  await shot('quiz-ready');
  await player.locator('cp-quiz button.primary').first().click();
  await shot('quiz-question');
  for (let item = 0; item < 20; item++) {
    const quiz = player.locator('cp-quiz');
    if (await quiz.locator('[part~="results"]').count()) break;
    const choice = quiz.locator('input[type="radio"], input[type="checkbox"]').first();
    if (await choice.count()) await choice.check();
    const text = quiz.locator('input[type="text"]');
    if (await text.count()) await text.fill('debt bondage');
    for (const select of await quiz.locator('select').all())
      await select.selectOption({ index: 1 });
    await quiz.locator('button.primary').first().click(); // submit
    if (item === 0) await shot('quiz-feedback');
    await quiz.locator('button.primary').first().click(); // next question / see results
  }
  await shot('quiz-results');
  await player.locator('cp-quiz [part~="results"] button').last().click(); // back to the module
  await player.locator('.activity button').nth(2).click();
  if (await player.locator('#activity-note-title').count()) await primary(); // its content note
  await player.locator('cp-scenario h2').first().waitFor();
  await shot('scenario-scene');
  for (let step = 0; step < 12; step++) {
    const scenario = player.locator('cp-scenario');
    if (await scenario.locator('#ending-title').count()) break;
    await scenario.locator('[part~="choice"]').first().click();
    if (step === 0) await shot('scenario-consequence');
    await scenario.locator('button.primary').first().click();
  }
  await shot('scenario-ending');
  await page.keyboard.press('End');
  await shot('scenario-recap');
}
