#!/usr/bin/env node
// `npm test`: node tests (CLI, end to end) with node's own runner, then browser tests with
// @web/test-runner in Chromium, Firefox ESR and WebKitGTK from Debian. Ends with one line
// "N passed, N failed" summed over everything. WTR_BROWSERS=chromium narrows the browsers.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const browsers = (process.env.WTR_BROWSERS ?? 'chromium,firefox,webkit')
  .split(',')
  .map((name) => name.trim())
  .filter(Boolean);

/** What each engine (and the tests run beside it) needs from Debian, and the file that shows it is there. */
const NEEDS = {
  // xmllint checks the LMS packages' manifests against their XML schemas.
  chromium: {
    packages: ['chromium', 'libxml2-utils'],
    files: ['/usr/bin/chromium', '/usr/bin/xmllint'],
  },
  firefox: { packages: ['firefox-esr'], files: ['/usr/bin/firefox-esr'] },
  webkit: {
    packages: ['webkit2gtk-driver', 'xvfb', 'xauth'],
    files: ['/usr/bin/WebKitWebDriver', '/usr/bin/xvfb-run'],
  },
};

function minibrowser() {
  const lib = '/usr/lib';
  if (!existsSync(lib)) return undefined;
  for (const dir of readdirSync(lib)) {
    const candidate = join(lib, dir, 'webkit2gtk-4.1', 'MiniBrowser');
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

function ensureBrowsers() {
  const missing = new Set();
  for (const name of browsers) {
    const need = NEEDS[name];
    if (!need) {
      console.error(`WTR_BROWSERS: unknown browser "${name}" (chromium, firefox, webkit)`);
      process.exit(1);
    }
    if (need.files.some((file) => !existsSync(file))) need.packages.forEach((p) => missing.add(p));
  }
  if (!missing.size) return;
  const packages = [...missing];
  const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canInstall) {
    console.error(
      `Browsers missing: run "sudo apt-get install -y --no-install-recommends ${packages.join(' ')}" (Debian), or narrow with WTR_BROWSERS=…`,
    );
    process.exit(1);
  }
  console.log(`Installing browsers from Debian: ${packages.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env }).status === 0;
  if (
    !run(['update', '-qq']) ||
    !run(['install', '-y', '-qq', '--no-install-recommends', ...packages])
  ) {
    console.error(
      `Could not install ${packages.join(' ')} with apt-get: install them and run again.`,
    );
    process.exit(1);
  }
}

function testFiles(dir) {
  const full = join(root, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full, { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.test.ts'))
    .map((file) => relative(root, join(full, file)))
    .sort();
}

function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, ...env },
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

async function nodeTests() {
  const files = [...testFiles('tests/cli'), ...testFiles('tests/node'), ...testFiles('tests/e2e')];
  if (!files.length) return { passed: 0, failed: 0 };
  // End-to-end tests run against the real built bundle.
  if (testFiles('tests/e2e').length) {
    const build = await run('npm', ['run', 'build', '--silent']);
    if (build.code !== 0) return { passed: 0, failed: 1 };
  }
  const { code, output } = await run(process.execPath, [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    ...files,
  ]);
  const count = (label) => Number(new RegExp(`ℹ ${label} (\\d+)`).exec(output)?.[1] ?? 0);
  const passed = count('pass');
  const failed = count('fail') + count('cancelled') + (code !== 0 && count('fail') === 0 ? 1 : 0);
  return { passed, failed };
}

function waitForPort(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = createConnection({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.end();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`WebKitWebDriver did not listen on ${port}`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

/** One run of @web/test-runner over some browsers; its counts come back through a summary file. */
async function wtrRun(names, group) {
  const summaryDir = mkdtempSync(join(tmpdir(), 'cp-wtr-'));
  const summaryFile = join(summaryDir, 'summary.json');
  const env = {
    WTR_SUMMARY_FILE: summaryFile,
    WTR_BROWSERS: names.join(','),
    WTR_GROUP: group ?? '',
  };
  let driver;
  try {
    if (names.includes('webkit')) {
      const port = 4444 + Math.floor(Math.random() * 1000);
      driver = spawn('WebKitWebDriver', [`--port=${port}`], { stdio: 'ignore' });
      await waitForPort(port, 15_000);
      env.WEBKIT_WEBDRIVER_PORT = String(port);
      const binary = minibrowser();
      if (binary) env.MINIBROWSER_BIN = binary;
    }
    const { code } = await run('npx', ['wtr', '--static-logging'], env);
    if (!existsSync(summaryFile)) return { passed: 0, failed: 1 };
    const summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
    return {
      passed: summary.passed,
      failed: summary.failed + summary.skipped + (code !== 0 && summary.failed === 0 ? 1 : 0),
    };
  } finally {
    driver?.kill();
    rmSync(summaryDir, { recursive: true, force: true });
  }
}

/**
 * Chromium and Firefox together, two files at a time; then the files that need their page in
 * front (keyboard walks, tab hand-over), one at a time; WebKit on its own, one file at a time.
 */
async function browserTests() {
  const others = browsers.filter((name) => name !== 'webkit');
  const runs = [];
  if (others.length) runs.push([others, 'rest'], [others, 'foreground']);
  if (browsers.includes('webkit')) runs.push([['webkit'], '']);
  const total = { passed: 0, failed: 0 };
  for (const [names, group] of runs) {
    const result = await wtrRun(names, group);
    total.passed += result.passed;
    total.failed += result.failed;
  }
  return total;
}

// WebKitGTK needs a display: re-run this script under Xvfb when there is none.
if (browsers.includes('webkit') && !process.env.DISPLAY) {
  ensureBrowsers();
  const result = spawnSync(
    'xvfb-run',
    ['-a', '-s', '-screen 0 1280x800x24 -nolisten tcp', process.execPath, ...process.argv.slice(1)],
    { stdio: 'inherit' },
  );
  process.exit(result.status ?? 1);
}

ensureBrowsers();
const nodeResult = await nodeTests();
const browserResult = browsers.length ? await browserTests() : { passed: 0, failed: 0 };
const passed = nodeResult.passed + browserResult.passed;
const failed = nodeResult.failed + browserResult.failed;
console.log(`\nnode: ${nodeResult.passed} passed, ${nodeResult.failed} failed`);
console.log(
  `browsers (${browsers.join(', ')}): ${browserResult.passed} passed, ${browserResult.failed} failed`,
);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
