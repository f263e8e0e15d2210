/**
 * End-to-end tests run against the real built bundle: `dist/` (built by `npm test` before they
 * run) served by `vite preview` on 127.0.0.1, in Debian's Chromium driven by playwright-core.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createConnection } from 'node:net';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../web-test-runner.config.mjs';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const chromiumPath = process.env['CHROMIUM_BIN'] ?? '/usr/bin/chromium';
export const chromiumArgs: readonly string[] = CHROMIUM_ARGS;

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.end(), resolve(true)));
    socket.once('error', () => (socket.destroy(), resolve(false)));
  });
}

export interface Served {
  readonly url: string;
  close(): void;
}

/** Serves the built app from dist/ on a free port. */
export async function serveDist(): Promise<Served> {
  if (!existsSync(`${root}/dist/index.html`))
    throw new Error('dist/ is missing: run npm run build');
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const server: ChildProcess = spawn(
    'npx',
    ['vite', 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
    { cwd: root, stdio: 'ignore' },
  );
  for (let attempt = 0; !(await listening(port)); attempt++) {
    if (attempt > 150) throw new Error('vite preview did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url: `http://127.0.0.1:${port}/`, close: () => server.kill() };
}

/**
 * The built app served and Debian's Chromium started for the tests of the suite it is called in
 * (before its tests; stopped after them). Read `served` and `browser` inside the tests.
 */
export function builtApp(): { readonly served: Served; readonly browser: Browser } {
  const app = {} as { served: Served; browser: Browser };
  before(async () => {
    app.served = await serveDist();
    app.browser = await chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs] });
  });
  after(async () => {
    await app.browser.close();
    app.served.close();
  });
  return app;
}
