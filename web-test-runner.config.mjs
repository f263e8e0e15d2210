// Browser tests in real engines from Debian: WTR_BROWSERS=chromium,firefox,webkit (default: all).
// `npm test` (scripts/test.mjs) provides Xvfb and WebKitWebDriver for webkit; see that file.
import { writeFileSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { webdriverLauncher } from '@web/test-runner-webdriver';
import puppeteer from 'puppeteer-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox', // required as root
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // a closed network: no DNS look-ups at all
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];

const launchers = {
  chromium: () =>
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
        headless: true,
        args: CHROMIUM_ARGS,
      },
      // A browser context (a window) per test file: with files side by side, a page behind
      // another tab is hidden and gets no animation frames, so anything awaiting one hangs.
      createPage: async ({ browser }) => {
        const context = await browser.createBrowserContext();
        const page = await context.newPage();
        page.once('close', () => void context.close().catch(() => {}));
        return page;
      },
    }),
  // puppeteer-core drives Firefox over WebDriver BiDi
  firefox: () =>
    chromeLauncher({
      puppeteer,
      launchOptions: {
        browser: 'firefox',
        executablePath: process.env.FIREFOX_BIN ?? '/usr/bin/firefox-esr',
        headless: true,
      },
    }),
  // WebKitGTK's MiniBrowser has no headless mode: Xvfb + WebKitWebDriver, started by scripts/test.mjs
  webkit: () =>
    webdriverLauncher({
      automationProtocol: 'webdriver',
      hostname: '127.0.0.1',
      port: Number(process.env.WEBKIT_WEBDRIVER_PORT ?? 4444),
      path: '/',
      logLevel: 'warn',
      capabilities: {
        browserName: 'MiniBrowser',
        'wdio:enforceWebDriverClassic': true,
        'webkitgtk:browserOptions': {
          binary:
            process.env.MINIBROWSER_BIN ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
          args: ['--automation'],
        },
      },
    }),
};

/** Counts results over every browser and hands them to scripts/test.mjs for the closing line. */
function summaryReporter() {
  return {
    onTestRunFinished({ sessions }) {
      let passed = 0;
      let failed = 0;
      let skipped = 0;
      const walk = (suite) => {
        for (const test of suite.tests) {
          if (test.skipped) skipped++;
          else if (test.passed) passed++;
          else failed++;
        }
        suite.suites.forEach(walk);
      };
      for (const session of sessions) {
        if (session.testResults) walk(session.testResults);
        const empty = !session.testResults?.tests.length && !session.testResults?.suites.length;
        if (!session.passed && empty) failed++; // the file did not load or crashed
      }
      if (process.env.WTR_SUMMARY_FILE) {
        writeFileSync(process.env.WTR_SUMMARY_FILE, JSON.stringify({ passed, failed, skipped }));
      }
    },
  };
}

/** Test files that must run with their page in the foreground, one at a time. */
const FOREGROUND = [
  'tests/e2e-browser/**/*.test.ts',
  'tests/elements/cp-player/progress.test.ts',
  // keyboard sorting and filtering need the page's focus
  'tests/elements/cp-dashboard/cp-dashboard.test.ts',
  'tests/elements/cp-dashboard/sources.test.ts',
];

const names = (process.env.WTR_BROWSERS ?? 'chromium,firefox,webkit')
  .split(',')
  .map((name) => name.trim())
  .filter(Boolean);

export default {
  // WTR_GROUP=foreground: the files that need their page in front (keyboard walks; two players
  // handing a course over, whose timers a background tab throttles); WTR_GROUP=rest: the others.
  // Unset: all browser tests.
  files: {
    foreground: FOREGROUND,
    rest: [
      'tests/**/*.test.ts',
      '!tests/cli/**',
      '!tests/node/**',
      '!tests/e2e/**',
      ...FOREGROUND.map((glob) => `!${glob}`),
    ],
  }[process.env.WTR_GROUP ?? ''] ?? [
    'tests/**/*.test.ts',
    '!tests/cli/**',
    '!tests/node/**',
    '!tests/e2e/**',
  ],
  nodeResolve: true,
  // WebKit's driver leaves the session inside a test's iframe after key presses when files run
  // side by side: there it runs one file at a time (scripts/test.mjs runs it on its own).
  // Foreground files, and WebKit, one file at a time: a page behind another gets no focus (Firefox)
  // and WebKit's driver loses the frame after key presses when files run side by side.
  concurrency: names.includes('webkit') || process.env.WTR_GROUP === 'foreground' ? 1 : 2,
  concurrentBrowsers: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 300_000,
  plugins: [esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' })],
  testFramework: { config: { timeout: 20_000 } },
  reporters: [defaultReporter(), summaryReporter()],
  browsers: names.map((name) => {
    const launcher = launchers[name];
    if (!launcher)
      throw new Error(`WTR_BROWSERS: unknown browser "${name}" (chromium, firefox, webkit)`);
    return launcher();
  }),
};
