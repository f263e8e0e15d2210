#!/usr/bin/env node
// Screenshots of the built app for review: `npm run build && node scripts/screenshot.mjs [url] [out.png]`.
// Serves dist/ with `vite preview` unless a URL is given; pictures land in shots/ (git-ignored).
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../web-test-runner.config.mjs';

const port = 4173 + Math.floor(Math.random() * 500);
const given = process.argv[2];
const out = process.argv[3] ?? 'shots/app.png';
mkdirSync('shots', { recursive: true });
const server = given
  ? undefined
  : spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort'], { stdio: 'ignore' });
const url = given ?? `http://127.0.0.1:${port}/`;
try {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  const page = await browser.newPage({ viewport: { width: 1024, height: 800 } });
  page.on('pageerror', (error) => console.log('[pageerror]', error.message));
  page.on('console', (message) => console.log(`[${message.type()}]`, message.text()));
  for (let attempt = 0; ; attempt++) {
    try {
      await page.goto(url);
      break;
    } catch (error) {
      if (attempt > 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  await page.waitForSelector('[aria-busy="false"]', { timeout: 10_000 });
  await page.locator('summary').first().click();
  await page.screenshot({ path: out, fullPage: true });
  console.log(`${url} -> ${out}`);
  await browser.close();
} finally {
  server?.kill();
}
