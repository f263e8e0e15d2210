/**
 * An LRS that fails in ways a network and a server really fail: it answers 500, refuses the
 * credentials (401), takes the request and never answers (a timeout), or takes it and drops the
 * connection before answering. The learner keeps going and is told; the
 * statements wait in the outbox; once the fault clears, the real LRS holds exactly one copy of
 * every statement the run produced.
 */
import assert from 'node:assert/strict';
import { createServer, request, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { LmsNotice } from '../../src/lms/reporter.ts';
import { createXapiReporter } from '../../src/lms/xapi/reporter.ts';
import { memoryStore } from '../../src/storage/store.ts';
import { startLrs, type Lrs } from '../helpers/lrs.ts';
import { runShowcase, showcaseModule } from '../helpers/lrs-session.ts';

type Fault = 'none' | 'error-500' | 'error-401' | 'hang' | 'drop';

/** A proxy in front of the real LRS that fails statement writes while told to. */
async function faultyProxy(target: string): Promise<{
  endpoint: string;
  set(fault: Fault): void;
  failures(): number;
  close(): void;
}> {
  let fault: Fault = 'none';
  let failures = 0;
  const upstream = new URL(target);
  const server: Server = createServer((incoming, outgoing) => {
    const writes = incoming.method === 'POST' || incoming.method === 'PUT';
    if (writes && (fault === 'error-500' || fault === 'error-401')) {
      failures++;
      incoming.resume();
      const status = fault === 'error-500' ? 500 : 401;
      outgoing.writeHead(status, { 'content-type': 'text/plain' }).end('failed on purpose');
      return;
    }
    if (writes && fault === 'hang') {
      // The request is read and never answered: the learner's browser gives up (its timeout).
      failures++;
      incoming.resume();
      return;
    }
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
      },
      (answer) => {
        if (writes && fault === 'drop') {
          // The LRS took the request; the answer never reaches the learner's browser.
          failures++;
          answer.resume();
          outgoing.socket?.destroy();
          return;
        }
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forward.on('error', () => outgoing.socket?.destroy());
    incoming.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    endpoint: `http://127.0.0.1:${port}${upstream.pathname}`,
    set: (next) => (fault = next),
    failures: () => failures,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

async function until(check: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const module = showcaseModule({ allItems: true });
const actor = {
  objectType: 'Agent',
  account: { homePage: 'https://lms.example', name: 'learner-faults' },
} as const;

describe('xAPI reporter against an LRS that fails', () => {
  let lrs: Lrs;
  before(async () => {
    lrs = await startLrs();
  });
  after(async () => {
    await lrs.stop();
  });

  const FAULTS = {
    'error-500': ['a 500 answer', 'unreachable'],
    'error-401': ['a 401 answer (credentials refused)', 'refused'],
    hang: ['no answer at all (a timeout)', 'unreachable'],
    drop: ['a dropped connection', 'unreachable'],
  } as const;
  for (const [fault, [what, told]] of Object.entries(FAULTS) as [
    Exclude<Fault, 'none'>,
    (typeof FAULTS)[keyof typeof FAULTS],
  ][]) {
    it(`${what} mid-run: a notice, then every statement once`, { timeout: 90_000 }, async () => {
      const proxy = await faultyProxy(lrs.directEndpoint);
      const registration = crypto.randomUUID();
      const store = memoryStore();
      const notices: LmsNotice[] = [];
      const reporter = createXapiReporter({
        endpoint: proxy.endpoint,
        auth: lrs.auth,
        actor,
        registration,
        store,
        outbox: { retryDelayMs: 50, maxRetryDelayMs: 400 },
        timeoutMs: 3_000,
      });
      reporter.onNotice((notice) => notices.push(notice));
      await reporter.start(module);
      let seen = 0;
      let expected = 1; // initialized
      runShowcase({
        pass: true,
        module,
        onFact: (fact, status) => {
          if (++seen === 8) proxy.set(fault);
          reporter.record(fact, status);
          expected += fact.type === 'module.completed' ? 2 : 1;
        },
      });
      await until(() => proxy.failures() > 0 && notices.some((n) => n.kind === told));
      assert.ok((await store.list('outbox')).length > 0, 'statements wait in the outbox');
      proxy.set('none');
      reporter.finish();
      expected += 1; // terminated
      await until(async () => (await store.list('outbox')).length === 0);
      await until(async () => (await lrs.count({ registration })) >= expected);
      const stored = await lrs.statements({ registration });
      const ids = stored.map((statement) => String(statement['id']));
      assert.equal(new Set(ids).size, ids.length, 'no statement stored twice');
      assert.equal(stored.length, expected, 'every statement stored');
      assert.ok(
        notices.some((n) => n.kind === 'recovered'),
        'the learner is told it is back',
      );
      proxy.close();
    });
  }
});
