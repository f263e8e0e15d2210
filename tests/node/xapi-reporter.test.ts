/**
 * The xAPI reporter and its outbox against a real LRS (xapi-statements): a whole run arrives once;
 * an LRS that goes away mid-run gets everything once it is back, with no duplicates; refusals
 * and conflicts are told apart; the client classifies failures.
 */
import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { LmsNotice } from '../../src/lms/reporter.ts';
import { LrsClient } from '../../src/lms/xapi/client.ts';
import { Outbox } from '../../src/lms/xapi/outbox.ts';
import { createXapiReporter, fromLaunchUrl } from '../../src/lms/xapi/reporter.ts';
import type { Statement } from '../../src/lms/xapi/vocabulary.ts';
import { memoryStore } from '../../src/storage/store.ts';
import { startLrs, type Lrs } from '../helpers/lrs.ts';
import { runShowcase, showcaseModule } from '../helpers/lrs-session.ts';

const module = showcaseModule({ allItems: true });
const actor = {
  objectType: 'Agent',
  account: { homePage: 'https://lms.example', name: 'learner-42' },
} as const;
const FAST = { retryDelayMs: 50, maxRetryDelayMs: 400 } as const;

async function until(check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const statement = (id: string, verb = 'answered'): Statement => ({
  id,
  actor,
  verb: { id: `http://adlnet.gov/expapi/verbs/${verb}`, display: { en: verb } },
  object: { objectType: 'Activity', id: 'https://checkpoint.invalid/xapi/modules/test' },
  timestamp: new Date().toISOString(),
});

describe('xAPI reporter with a real LRS', () => {
  let lrs: Lrs;
  before(async () => {
    lrs = await startLrs();
  });
  after(async () => {
    await lrs.stop();
  });

  it(
    "delivers a whole run once, in order, with the learner's registration",
    { timeout: 60_000 },
    async () => {
      const registration = crypto.randomUUID();
      const store = memoryStore();
      const reporter = createXapiReporter({
        endpoint: lrs.endpoint,
        auth: lrs.auth,
        actor: { ...actor, name: 'Ada Example' },
        registration,
        store,
        outbox: FAST,
      });
      const launch = await reporter.start(module);
      assert.equal(launch.mode, 'normal');
      assert.equal(launch.resume, undefined);
      assert.equal(launch.learner?.name, undefined);
      const facts = runShowcase({
        pass: true,
        module,
        onFact: (fact, status) => reporter.record(fact, status),
      });
      reporter.finish();
      const expected =
        1 + facts.length + facts.filter((f) => f.fact.type === 'module.completed').length + 1;
      await until(async () => (await lrs.count({ registration })) >= expected);
      await until(async () => (await store.list('outbox')).length === 0);
      const stored = await lrs.statements({ registration });
      assert.equal(stored.length, expected);
      // Sent oldest first: nothing is stored before `initialized` or after `terminated`.
      const verb = (s: (typeof stored)[number]) =>
        (s['verb'] as { id: string }).id.split('/').at(-1);
      const storedAt = (s: (typeof stored)[number]) => Date.parse(String(s['stored']));
      const first = stored.find((s) => verb(s) === 'initialized')!;
      const last = stored.find((s) => verb(s) === 'terminated')!;
      for (const s of stored) {
        assert.ok(storedAt(first) <= storedAt(s) && storedAt(s) <= storedAt(last), verb(s));
      }
      for (const s of stored)
        assert.deepEqual(s['actor'] as object, { objectType: 'Agent', account: actor.account });
    },
  );

  it(
    'keeps statements while the LRS is unreachable and sends each once when it is back',
    { timeout: 60_000 },
    async () => {
      const registration = crypto.randomUUID();
      const store = memoryStore();
      const notices: LmsNotice[] = [];
      const reporter = createXapiReporter({
        endpoint: lrs.endpoint,
        auth: lrs.auth,
        actor,
        registration,
        store,
        outbox: FAST,
        timeoutMs: 2_000,
      });
      reporter.onNotice((notice) => notices.push(notice));
      await reporter.start(module);
      let seen = 0;
      let expected = 1;
      runShowcase({
        pass: false,
        module,
        onFact: (fact, status) => {
          seen++;
          if (seen === 10) void lrs.goOffline();
          reporter.record(fact, status);
          expected += fact.type === 'module.completed' && fact.score ? 2 : 1;
        },
      });
      await until(() => notices.some((n) => n.kind === 'unreachable'));
      assert.ok((await store.list('outbox')).length > 0);
      const before = await lrs.count({ registration });
      assert.ok(before < expected);
      await lrs.goOnline();
      await until(() => notices.some((n) => n.kind === 'recovered'));
      reporter.finish();
      expected += 1;
      await until(async () => (await lrs.count({ registration })) >= expected);
      await until(async () => (await store.list('outbox')).length === 0);
      const stored = await lrs.statements({ registration });
      assert.equal(stored.length, expected);
      assert.equal(new Set(stored.map((s) => s.id)).size, expected);
      assert.deepEqual(
        notices.map((n) => n.kind),
        ['unreachable', 'recovered'],
      );
    },
  );

  it('reads and writes the resume record as a State document, quietly where there is none', async () => {
    // This LRS has no State resource (404): the reporter asks, gets nothing, and says nothing.
    const requests: { url: URL; method: string; body: string | undefined; keepalive: boolean }[] =
      [];
    const watching: typeof fetch = (input, init) => {
      requests.push({
        url: new URL(String(input)),
        method: init?.method ?? 'GET',
        body: typeof init?.body === 'string' ? init.body : undefined,
        keepalive: init?.keepalive === true,
      });
      return fetch(input, init);
    };
    const registration = crypto.randomUUID();
    const reporter = createXapiReporter({
      endpoint: lrs.endpoint,
      auth: lrs.auth,
      actor,
      registration,
      store: memoryStore(),
      fetch: watching,
      saveDelayMs: 20,
      activityId: 'https://lms.example/activities/showcase',
    });
    const notices: LmsNotice[] = [];
    reporter.onNotice((notice) => notices.push(notice));
    const launch = await reporter.start(module);
    assert.equal(launch.resume, undefined);
    const state = () => requests.filter((r) => r.url.pathname.endsWith('/activities/state'));
    assert.equal(state()[0]?.method, 'GET');
    reporter.save('v1:abc', 'quiz-smuggling-or-trafficking');
    reporter.save('v1:abcd', 'quiz-smuggling-or-trafficking');
    await until(() => state().length === 2);
    const put = state()[1]!;
    assert.equal(put.method, 'PUT');
    assert.equal(put.url.searchParams.get('stateId'), 'checkpoint.resume');
    assert.equal(put.url.searchParams.get('activityId'), 'https://lms.example/activities/showcase');
    assert.equal(put.url.searchParams.get('registration'), registration);
    assert.deepEqual(JSON.parse(put.url.searchParams.get('agent')!), actor);
    assert.deepEqual(JSON.parse(put.body!), {
      resume: 'v1:abcd',
      location: 'quiz-smuggling-or-trafficking',
    });
    // A save still waiting when the page goes away is sent with the last requests.
    reporter.save('v1:last', 'scenario-five-passports');
    reporter.finish();
    assert.equal(state().length, 3);
    assert.equal(state()[2]!.keepalive, true);
    assert.equal(
      requests.filter((r) => r.url.pathname.endsWith('/statements')).at(-1)!.keepalive,
      true,
    );
    await until(async () => (await lrs.count({ registration })) === 2);
    assert.deepEqual(notices, []);
  });

  it('tells the learner when the LRS refuses the credentials, and keeps the statements', async () => {
    const store = memoryStore();
    const client = new LrsClient({
      endpoint: lrs.endpoint,
      auth: { key: lrs.key, secret: 'wrong' },
    });
    const outbox = new Outbox({ store, client, ...FAST });
    const notices: LmsNotice[] = [];
    outbox.onNotice((notice) => notices.push(notice));
    await outbox.add([statement(crypto.randomUUID())]);
    const result = await outbox.flush();
    assert.equal(result.error?.kind, 'auth');
    assert.equal(result.remaining, 1);
    assert.deepEqual(
      notices.map((n) => [n.kind, n.detail?.slice(0, 3)]),
      [['refused', '401']],
    );
    assert.equal((await outbox.pending()).length, 1);
    outbox.close();
  });

  it('counts a statement the LRS already holds (409) as delivered and sends the rest', async () => {
    const store = memoryStore();
    const client = new LrsClient({ endpoint: lrs.endpoint, auth: lrs.auth });
    const known = crypto.randomUUID();
    // The LRS got this id before, with other content (say, from another device's copy).
    assert.ok((await client.sendStatements([statement(known, 'initialized')])).ok);
    const conflict = await client.sendStatements([statement(known, 'answered')]);
    assert.equal(!conflict.ok && conflict.error.kind, 'conflict');
    const outbox = new Outbox({ store, client, ...FAST });
    const fresh = crypto.randomUUID();
    await outbox.add([statement(known, 'answered'), statement(fresh)]);
    const result = await outbox.flush();
    assert.equal(result.error, undefined);
    assert.equal(result.remaining, 0);
    assert.equal((await outbox.pending()).length, 0);
    const stored = await lrs.statements({ limit: '500' });
    assert.equal(stored.filter((s) => s.id === known).length, 1);
    assert.equal(stored.filter((s) => s.id === fresh).length, 1);
    outbox.close();
  });

  it('sending the same statements twice stores them once', async () => {
    const client = new LrsClient({ endpoint: lrs.endpoint, auth: lrs.auth });
    const batch = [statement(crypto.randomUUID()), statement(crypto.randomUUID())];
    const total = await lrs.count();
    assert.ok((await client.sendStatements(batch)).ok);
    const again = await client.sendStatements(batch);
    assert.ok(again.ok || again.error.kind === 'conflict');
    assert.equal(await lrs.count(), total + 2);
  });
});

describe('LRS client failures', () => {
  it('tells a dead network, a timeout and a refused statement apart', async () => {
    const lrs = await startLrs();
    const client = new LrsClient({ endpoint: lrs.endpoint, auth: lrs.auth, timeoutMs: 2_000 });
    const invalid = await client.sendStatements([
      { ...statement(crypto.randomUUID()), timestamp: 'yesterday' },
    ]);
    assert.equal(!invalid.ok && invalid.error.kind, 'refused');
    assert.equal(!invalid.ok && invalid.error.status, 400);
    await lrs.goOffline();
    const offline = await client.sendStatements([statement(crypto.randomUUID())]);
    assert.equal(!offline.ok && offline.error.kind, 'network');
    await lrs.stop();

    // A host that accepts connections and never answers.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    const slow = new LrsClient({ endpoint: `http://127.0.0.1:${port}/xapi`, timeoutMs: 300 });
    const timedOut = await slow.sendStatements([statement(crypto.randomUUID())]);
    assert.equal(!timedOut.ok && timedOut.error.kind, 'timeout');
    sockets.forEach((socket) => socket.destroy());
    silent.close();
  });
});

describe('classic xAPI launch', () => {
  it('reads endpoint, auth, actor, registration and activity id from the launch URL', () => {
    const registration = crypto.randomUUID();
    const config = fromLaunchUrl(
      `https://host.example/course/?endpoint=${encodeURIComponent('https://lrs.example/xapi/')}` +
        `&auth=${encodeURIComponent('Basic a2V5OnNlY3JldA==')}` +
        `&actor=${encodeURIComponent(JSON.stringify({ name: ['Ada'], account: [{ accountServiceHomePage: 'https://lms.example', accountName: 'u1' }] }))}` +
        `&registration=${registration}&activity_id=${encodeURIComponent('https://lms.example/a/1')}`,
    );
    assert.deepEqual(config, {
      endpoint: 'https://lrs.example/xapi/',
      auth: { header: 'Basic a2V5OnNlY3JldA==' },
      actor: {
        objectType: 'Agent',
        name: 'Ada',
        account: { homePage: 'https://lms.example', name: 'u1' },
      },
      registration,
      activityId: 'https://lms.example/a/1',
    });
    assert.equal(fromLaunchUrl('https://host.example/?endpoint=x'), undefined);
    assert.equal(
      fromLaunchUrl(
        `https://host.example/?endpoint=https://lrs.example/&actor=${encodeURIComponent('{}')}`,
      ),
      undefined,
    );
    const mbox = fromLaunchUrl(
      `https://host.example/?endpoint=https://lrs.example/&actor=${encodeURIComponent('{"mbox":"mailto:a@b.example"}')}&registration=nope`,
    );
    assert.deepEqual(mbox, {
      endpoint: 'https://lrs.example/',
      actor: { objectType: 'Agent', mbox: 'mailto:a@b.example' },
    });
  });
});
