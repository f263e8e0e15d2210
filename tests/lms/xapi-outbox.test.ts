/**
 * The xAPI outbox in the browser with real IndexedDB, when the LRS cannot be reached (a port
 * nothing listens on: the browser's own connection failure). Delivery to a real LRS is tested in
 * tests/e2e/xapi-lrs.test.ts and tests/node/xapi-reporter.test.ts.
 */
import { expect } from '@open-wc/testing';
import type { LmsNotice } from '../../src/lms/reporter.ts';
import { LrsClient } from '../../src/lms/xapi/client.ts';
import { Outbox, type OutboxOptions } from '../../src/lms/xapi/outbox.ts';
import { createXapiReporter, keptRegistration } from '../../src/lms/xapi/reporter.ts';
import type { Statement } from '../../src/lms/xapi/vocabulary.ts';
import { openStore, type Store } from '../../src/storage/store.ts';
import { fixtureModule } from '../helpers/engine-fixture.ts';
import { Databases } from '../helpers/storage-fixture.ts';

/** Nothing listens on port 9 (discard) here: every request fails to connect. */
const DEAD_ENDPOINT = 'http://127.0.0.1:9/xapi/';
const actor = {
  objectType: 'Agent',
  account: { homePage: 'https://lms.example', name: 'u-1' },
} as const;

const statement = (index: number): Statement => ({
  id: crypto.randomUUID(),
  actor,
  verb: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { en: 'answered' } },
  object: {
    objectType: 'Activity',
    id: `https://checkpoint.invalid/xapi/modules/m/items/${index}`,
  },
  timestamp: new Date().toISOString(),
});

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('xAPI outbox (IndexedDB)', () => {
  const databases = new Databases();
  const outboxes: Outbox[] = [];
  afterEach(async () => {
    outboxes.splice(0).forEach((outbox) => outbox.close());
    await databases.cleanup();
  });

  async function open(name: string, options: Partial<OutboxOptions> = {}, fetcher?: typeof fetch) {
    const store: Store = await openStore({ name });
    databases.closeLater(store);
    const client = new LrsClient({
      endpoint: DEAD_ENDPOINT,
      timeoutMs: 2_000,
      ...(fetcher ? { fetch: fetcher } : {}),
    });
    const outbox = new Outbox({ store, client, retryDelayMs: 60_000, ...options });
    outboxes.push(outbox);
    return { outbox, store };
  }

  it('keeps statements in IndexedDB, in order, while the LRS cannot be reached', async () => {
    const name = databases.name('outbox');
    const { outbox, store } = await open(name);
    const notices: LmsNotice[] = [];
    outbox.onNotice((notice) => notices.push(notice));
    const sent = [statement(1), statement(2), statement(3)];
    await outbox.add(sent.slice(0, 2));
    await outbox.add(sent.slice(2));
    const result = await outbox.flush();
    expect(result.error?.kind).to.equal('network');
    expect(result.remaining).to.equal(3);
    expect(notices.map((n) => n.kind)).to.deep.equal(['unreachable']);
    expect(store.durable).to.equal(true);
    expect((await outbox.pending()).map((s) => s.id)).to.deep.equal(sent.map((s) => s.id));
  });

  it('loses nothing across a new outbox on the same database (a reload)', async () => {
    const name = databases.name('reload');
    const first = await open(name);
    const sent = Array.from({ length: 5 }, (_, index) => statement(index));
    for (const one of sent) await first.outbox.add([one]);
    first.outbox.close();
    first.store.close();
    const second = await open(name);
    expect((await second.outbox.pending()).map((s) => s.id)).to.deep.equal(sent.map((s) => s.id));
  });

  it('writes waiting statements back when the database is deleted under the page', async function () {
    this.timeout(30_000);
    const name = databases.name('deleted');
    const { outbox, store } = await open(name);
    const notices: string[] = [];
    store.onNotice((notice) => notices.push(notice.kind));
    const sent = [statement(1), statement(2), statement(3)];
    await outbox.add(sent);
    await outbox.flush(); // the LRS is away: all three wait
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
    });
    const deadline = Date.now() + 10_000;
    while (!notices.includes('deleted') && Date.now() < deadline) await wait(50);
    expect(notices).to.include('deleted');
    expect((await outbox.pending()).map((s) => s.id)).to.deep.equal(sent.map((s) => s.id));
    outbox.close();
    store.close();
    const reloaded = await open(name);
    expect((await reloaded.outbox.pending()).map((s) => s.id)).to.deep.equal(sent.map((s) => s.id));
  });

  it('keeps each destination to its own statements', async () => {
    const name = databases.name('destinations');
    const store = await openStore({ name });
    databases.closeLater(store);
    const a = new Outbox({
      store,
      client: new LrsClient({ endpoint: DEAD_ENDPOINT }),
      retryDelayMs: 60_000,
    });
    const b = new Outbox({
      store,
      client: new LrsClient({ endpoint: 'http://127.0.0.1:9/other/' }),
      retryDelayMs: 60_000,
    });
    outboxes.push(a, b);
    const one = statement(1);
    await a.add([one]);
    expect((await a.pending()).map((s) => s.id)).to.deep.equal([one.id]);
    expect(await b.pending()).to.deep.equal([]);
  });

  it('retries with growing, capped delays and at once when the browser is back online', async () => {
    const attempts: number[] = [];
    // Counts the requests; each still goes out to the dead port.
    const counting: typeof fetch = (input, init) => {
      attempts.push(performance.now());
      return fetch(input, init);
    };
    const { outbox } = await open(
      databases.name('backoff'),
      { retryDelayMs: 150, maxRetryDelayMs: 500, random: () => 0.999 },
      counting,
    );
    await outbox.add([statement(1)]);
    const end = performance.now() + 2_400;
    while (performance.now() < end && attempts.length < 6) await wait(25);
    const gaps = attempts.slice(1).map((at, index) => at - attempts[index]!);
    expect(attempts.length).to.be.within(4, 7);
    // 150, 300, 500 (capped), 500 … each a little more for the failed connection itself
    expect(gaps[0]).to.be.within(140, 400);
    expect(gaps[1]).to.be.within(290, 600);
    expect(gaps[2]).to.be.within(480, 800);

    // Back online just after a failed try: the next try comes at once, well before the next
    // scheduled one (at least 480 ms after the last).
    const last = attempts.at(-1)!;
    await wait(50);
    const before = attempts.length;
    window.dispatchEvent(new Event('online'));
    const deadline = performance.now() + 350;
    while (performance.now() < deadline && attempts.length === before) await wait(10);
    expect(attempts.length).to.be.greaterThan(before);
    expect(attempts.at(-1)! - last).to.be.below(450);
  });

  it('keeps one registration per learner and module in this browser', () => {
    const first = keptRegistration(DEAD_ENDPOINT, actor, `m-${crypto.randomUUID()}`);
    expect(first).to.match(/^[0-9a-f-]{36}$/);
    const module = `m-${crypto.randomUUID()}`;
    expect(keptRegistration(DEAD_ENDPOINT, actor, module)).to.equal(
      keptRegistration(DEAD_ENDPOINT, actor, module),
    );
    expect(keptRegistration(DEAD_ENDPOINT, actor, module)).to.not.equal(first);
  });

  it('a reporter whose LRS is unreachable still starts, and says so', async () => {
    const store = await openStore({ name: databases.name('reporter') });
    databases.closeLater(store);
    const reporter = createXapiReporter({
      endpoint: DEAD_ENDPOINT,
      actor,
      store,
      timeoutMs: 2_000,
      outbox: { retryDelayMs: 60_000 },
    });
    const notices: string[] = [];
    reporter.onNotice((notice) => notices.push(notice.kind));
    const launch = await reporter.start(fixtureModule());
    expect(launch.mode).to.equal('normal');
    expect(launch.resume).to.equal(undefined);
    expect(reporter.resumeLimit).to.equal(undefined);
    const end = Date.now() + 5_000;
    while (!notices.includes('unreachable') && Date.now() < end) await wait(25);
    expect(notices).to.include('unreachable');
    const kept = await store.list('outbox');
    expect(kept.map((record) => (record.statement as Statement).verb.id)).to.deep.equal([
      'http://adlnet.gov/expapi/verbs/initialized',
    ]);
    reporter.finish();
  });
});
