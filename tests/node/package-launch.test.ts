/**
 * The packages as a learner meets them: unzipped on a web server (as an LMS does on import) and
 * opened in Chromium. The web package runs under a strict Content-Security-Policy with every
 * file it asks for in the zip; the SCORM packages, launched in a frame of a page that holds
 * scorm-again's run-time as the LMS, find the API and open the attempt.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../web-test-runner.config.mjs';
import { packageModule } from '../../src/cli/package.ts';
import type { PackageFormat } from '../../src/lms/package/package.ts';
import { engineSnapshot } from './package-engine.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'";
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
  '.xsd': 'application/xml',
};
const TITLE = (
  JSON.parse(readFileSync(join(root, 'modules/showcase/module.json'), 'utf8')) as { title: string }
).title;

let work: string;
let site: string;
let server: Server;
let origin: string;
let browser: Browser;

/** The LMS page: scorm-again's run-time as `window.API` / `API_1484_11`, the package in a frame. */
function lmsPage(format: 'scorm12' | 'scorm2004'): void {
  const dir = join(site, `lms-${format}`);
  mkdirSync(dir, { recursive: true });
  const runtime = format === 'scorm12' ? 'scorm12' : 'scorm2004';
  writeFileSync(
    join(dir, 'runtime.js'),
    readFileSync(join(root, `node_modules/scorm-again/dist/${runtime}.js`)),
  );
  const setup =
    format === 'scorm12'
      ? 'window.API = new Scorm12API(settings);'
      : 'window.API_1484_11 = new Scorm2004API(settings);';
  writeFileSync(
    join(dir, 'lms.js'),
    `const settings = { logLevel: 5, autocommit: false, lmsCommitUrl: false };\n${setup}\n` +
      `const frame = document.createElement('iframe');\nframe.title = 'module';\n` +
      `frame.src = '/${format}/index.html';\ndocument.body.append(frame);\n`,
  );
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>LMS</title>' +
      '<script src="runtime.js"></script></head><body><script src="lms.js"></script></body></html>',
  );
}

function extract(format: PackageFormat): void {
  const built = packageModule({ module: 'showcase', format, engineDir: join(work, 'engine') });
  for (const [path, data] of Object.entries(unzipSync(built.zip))) {
    const file = join(site, format, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, data);
  }
}

async function open(path: string): Promise<{ page: Page; failed: string[]; errors: string[] }> {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const failed: string[] = [];
  const errors: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => failed.push(`failed ${request.url()}`));
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${origin}${path}`);
  return { page, failed, errors };
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'cp-package-launch-'));
  engineSnapshot(join(work, 'engine'));
  site = join(work, 'site');
  for (const format of ['web', 'scorm12', 'scorm2004'] as const) extract(format);
  lmsPage('scorm12');
  lmsPage('scorm2004');
  server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    const file = join(site, path);
    try {
      if (!file.startsWith(site) || !statSync(file).isFile()) throw new Error('not a file');
      response.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        ...(path.startsWith('/web/') ? { 'content-security-policy': STRICT_CSP } : {}),
      });
      response.end(readFileSync(file));
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  assert.ok(address && typeof address === 'object');
  origin = `http://127.0.0.1:${address.port}`;
  browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_BIN'] ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('a package opened in a browser', () => {
  it('web: shows the module under a strict CSP, every file it loads in the zip', async () => {
    const { page, failed, errors } = await open('/web/index.html');
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content[- ]Security[- ]Policy|Trusted Type/i.test(message.text()))
        violations.push(message.text());
    });
    await page.locator('cp-player').getByText(TITLE).first().waitFor({ timeout: 20_000 });
    assert.equal(await page.title(), TITLE);
    assert.deepEqual(failed, []);
    assert.deepEqual(errors, []);
    assert.deepEqual(violations, []);
    await page.context().close();
  });

  for (const format of ['scorm12', 'scorm2004'] as const) {
    it(`${format}: launched in the LMS's frame, finds its API and opens the attempt`, async () => {
      const { page, failed, errors } = await open(`/lms-${format}/index.html`);
      const frame = page.frameLocator('iframe[title="module"]');
      await frame.locator('cp-player').getByText(TITLE).first().waitFor({ timeout: 20_000 });
      const status = () =>
        page.evaluate((edition) => {
          const api = (window as unknown as Record<string, { cmi: Record<string, unknown> }>)[
            edition === 'scorm12' ? 'API' : 'API_1484_11'
          ]!;
          return edition === 'scorm12'
            ? (api.cmi['core'] as { lesson_status: string }).lesson_status
            : (api.cmi['completion_status'] as string);
        }, format);
      for (let wait = 0; (await status()) !== 'incomplete' && wait < 100; wait++)
        await page.waitForTimeout(100);
      assert.equal(await status(), 'incomplete');
      assert.deepEqual(failed, []);
      assert.deepEqual(errors, []);
      await page.context().close();
    });
  }
});
