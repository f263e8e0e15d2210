/**
 * A learner answers, sees "saved", and the browser dies (SIGKILL: no unload, no flush). After a
 * relaunch on the same profile the answer is there.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { chromiumArgs, chromiumPath, serveDist, type Served } from './serve.ts';

/** Chromium as a process of our own, so that it can be killed outright. */
async function launch(profile: string): Promise<{ browser: Browser; process: ChildProcess }> {
  const child = spawn(
    chromiumPath,
    [
      ...chromiumArgs,
      '--headless',
      `--user-data-dir=${profile}`,
      '--remote-debugging-port=0',
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const endpoint = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no DevTools endpoint:\n${output}`)), 20_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
  });
  return { browser: await chromium.connectOverCDP(endpoint), process: child };
}

describe('progress survives a killed browser', () => {
  let served: Served;
  const profile = mkdtempSync(join(tmpdir(), 'cp-profile-'));
  before(async () => {
    served = await serveDist();
  });
  after(() => {
    served.close();
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  });

  it('keeps an answer saved before SIGKILL', { timeout: 120_000 }, async () => {
    const url = `${served.url}?module=showcase`;
    const first = await launch(profile);
    const page =
      first.browser.contexts()[0]!.pages()[0] ?? (await first.browser.contexts()[0]!.newPage());
    await page.goto(url);
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await page.getByRole('button', { name: /^Open: Two crimes/ }).click();
    await page.getByRole('button', { name: 'Continue', exact: true }).click(); // the content note
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByText('Page 2 of 3').waitFor();
    await page.getByText('All progress saved').waitFor();
    first.process.kill('SIGKILL');
    await new Promise((resolve) => first.process.once('exit', resolve));

    const second = await launch(profile);
    const again =
      second.browser.contexts()[0]!.pages()[0] ?? (await second.browser.contexts()[0]!.newPage());
    await again.goto(url);
    await again.getByText(/Welcome back/).waitFor();
    await again.getByRole('button', { name: 'Continue where you left off' }).click();
    await again.getByText('Page 2 of 3').waitFor();
    assert.ok(await again.getByText('Page 2 of 3').isVisible());
    await second.browser.close();
    second.process.kill('SIGKILL');
    await new Promise((resolve) => second.process.once('exit', resolve));
  });
});
