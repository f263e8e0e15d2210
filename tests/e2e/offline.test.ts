/** After one visit, the built app works without a network: catalogue, player and modules. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtApp } from './serve.ts';

describe('the app offline', () => {
  const app = builtApp();

  it('opens the catalogue and a module with the network gone', { timeout: 60_000 }, async () => {
    const context = await app.browser.newContext();
    const page = await context.newPage();
    await page.goto(app.served.url);
    await page.getByRole('link', { name: /^Open “Showcase/ }).waitFor();
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('link', { name: /^Open “Showcase/ }).click();
    await page.getByText(/About 25 minutes/).waitFor();
    assert.ok(await page.getByRole('heading', { level: 1, name: /Showcase/ }).isVisible());
    await context.close();
  });

  it('refers to its files relatively, so it runs from a sub-path of a static host', async () => {
    const html = await (await fetch(app.served.url)).text();
    assert.doesNotMatch(html, /(src|href)="\/(?!\/)/, 'index.html refers to an absolute path');
    const sw = await (await fetch(new URL('sw.js', app.served.url))).text();
    assert.doesNotMatch(sw, /"\/(?!\/)[^"]*"/, 'the service worker caches an absolute path');
  });
});
