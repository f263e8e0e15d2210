/**
 * cmi5 sessions end to end: a test LMS (tests/helpers/cmi5-launcher.ts) in front of the real LRS
 * (xapi-statements) launches the showcase module; the cmi5 reporter hears the real engine's
 * facts; the statements are read back from the LRS and checked against the specification's rules.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createCmi5Reporter, type Cmi5ReporterOptions } from '../../src/lms/cmi5/reporter.ts';
import { CHECKPOINT_STATE_ID } from '../../src/lms/cmi5/connect.ts';
import type { LmsNotice } from '../../src/lms/reporter.ts';
import { memoryStore, type Store } from '../../src/storage/store.ts';
import { startCmi5Launcher, type Cmi5Launcher, type Launched } from '../helpers/cmi5-launcher.ts';
import { startLrs, type Lrs, type StoredStatement } from '../helpers/lrs.ts';
import { runShowcase, showcaseModule, type RecordedFact } from '../helpers/lrs-session.ts';
import type { KeyValueStore } from '../../src/lms/cmi5/token.ts';

const module = showcaseModule({ allItems: true });
const CMI5 = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
const MOVEON = 'https://w3id.org/xapi/cmi5/context/categories/moveon';
const SESSION = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
const MASTERY = 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore';
const VERB = 'http://adlnet.gov/expapi/verbs/';

/** A browser tab's or device's Web Storage, as a Map. */
function webStorage(): KeyValueStore {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

interface Tab {
  readonly sessionStorage: KeyValueStore;
  readonly localStorage: KeyValueStore;
  readonly store: Store;
}
const newTab = (device?: Tab): Tab => ({
  sessionStorage: webStorage(),
  localStorage: device?.localStorage ?? webStorage(),
  store: device?.store ?? memoryStore(),
});

async function until(check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

type Stmt = StoredStatement & {
  verb: { id: string };
  object: { id: string };
  timestamp: string;
  result?: {
    score?: { scaled?: number };
    success?: boolean;
    completion?: boolean;
    duration?: string;
  };
  context?: {
    registration?: string;
    contextActivities?: { category?: { id: string }[]; grouping?: { id: string }[] };
    extensions?: Record<string, unknown>;
  };
};

const verbOf = (s: Stmt) => s.verb.id.slice(VERB.length);
const categories = (s: Stmt) => (s.context?.contextActivities?.category ?? []).map((c) => c.id);
const isDefined = (s: Stmt) => categories(s).includes(CMI5);

describe('cmi5 sessions against a real LRS', () => {
  let lrs: Lrs;
  let lms: Cmi5Launcher;
  before(async () => {
    lrs = await startLrs();
    lms = await startCmi5Launcher(lrs);
  });
  after(async () => {
    await lms.close();
    await lrs.stop();
  });

  const options = (tab: Tab, drops: string[] = []): Cmi5ReporterOptions => ({
    ...tab,
    outbox: { retryDelayMs: 50, maxRetryDelayMs: 400 },
    onDrop: (verb, reason) => drops.push(`${verb}: ${reason}`),
  });

  /** The session's statements (not the LMS's "launched"), in timestamp order. */
  async function sessionStatements(launched: Launched): Promise<Stmt[]> {
    const all = (await lrs.statements({ registration: launched.registration })) as Stmt[];
    return all
      .filter(
        (s) => s.context?.extensions?.[SESSION] === launched.sessionId && verbOf(s) !== 'launched',
      )
      .sort((a, b) => a.timestamp.localeCompare(b.timestamp));
  }

  async function terminated(launched: Launched): Promise<Stmt[]> {
    await until(async () =>
      (await sessionStatements(launched)).some((s) => verbOf(s) === 'terminated'),
    );
    return sessionStatements(launched);
  }

  const replay = (
    reporter: { record: (f: RecordedFact['fact'], s: RecordedFact['status']) => void },
    facts: readonly RecordedFact[],
  ) => facts.forEach(({ fact, status }) => reporter.record(fact, status));

  it(
    'reports a passed session in cmi5 order, through a reload mid-session',
    { timeout: 90_000 },
    async () => {
      const launched = await lms.launch({
        auUrl: `${lms.origin}/au/index.html`,
        masteryScore: 0.6,
      });
      const facts = runShowcase({ pass: true, module });
      const half = Math.floor(facts.length / 2);
      const tab = newTab();

      const first = createCmi5Reporter(launched.url, options(tab));
      const info = await first.start(module);
      assert.deepEqual(info, {
        learner: { id: launched.actor.account.name },
        mode: 'normal',
        passMark: 60,
        returnUrl: launched.returnURL,
      });
      replay(first, facts.slice(0, half));
      first.save('resume-record-1', 'quiz-smuggling-or-trafficking');
      await until(
        () =>
          (
            lms.state({ ...launched, stateId: CHECKPOINT_STATE_ID }) as
              { resume?: string } | undefined
          )?.resume === 'resume-record-1',
      );

      // The page reloads: a new reporter on the same launch URL, in the same tab, without finish().
      const drops: string[] = [];
      const second = createCmi5Reporter(launched.url, options(tab, drops));
      const resumed = await second.start(module);
      assert.equal(
        resumed.resume,
        'resume-record-1',
        'the resume record comes back from the State API',
      );
      replay(second, facts.slice(half));
      second.finish();
      second.finish(); // once only

      const statements = await terminated(launched);
      assert.equal(
        lms.fetchCount(launched.fetchUrl),
        1,
        'the reload did not fetch the token again',
      );
      const verbs = statements.map(verbOf);
      const defined = statements.filter(isDefined).map(verbOf);
      assert.deepEqual(defined, ['initialized', 'passed', 'completed', 'terminated']);
      assert.equal(verbs[0], 'initialized');
      assert.equal(verbs.at(-1), 'terminated');
      assert.ok(
        verbs.filter((v) => v === 'answered').length > 5,
        'the answers are reported as cmi5 allowed statements',
      );
      assert.equal(
        new Set(statements.map((s) => s.timestamp)).size,
        statements.length,
        "every timestamp is distinct: the order is the LMS's to read",
      );

      for (const s of statements) {
        assert.equal(s.context?.registration, launched.registration);
        assert.equal(s.context?.extensions?.[SESSION], launched.sessionId);
        assert.ok(
          s.context?.contextActivities?.grouping?.some((g) => g.id === launched.publisherId),
          'the publisher id from the context template',
        );
      }
      for (const s of statements.filter(isDefined)) {
        assert.equal(s.object.id, launched.activityId);
        assert.equal(
          categories(s).includes(MOVEON),
          ['passed', 'completed'].includes(verbOf(s)),
          `moveon category on ${verbOf(s)}`,
        );
      }
      for (const s of statements.filter((x) => !isDefined(x)))
        assert.ok(!categories(s).includes(MOVEON));

      const byVerb = (verb: string) => statements.find((s) => isDefined(s) && verbOf(s) === verb)!;
      const passed = byVerb('passed');
      assert.equal(passed.result?.success, true);
      assert.ok(passed.result!.score!.scaled! >= 0.6);
      assert.equal(passed.result?.completion, undefined);
      assert.equal(passed.context?.extensions?.[MASTERY], 0.6);
      const completed = byVerb('completed');
      assert.deepEqual(Object.keys(completed.result ?? {}).sort(), ['completion', 'duration']);
      assert.equal(completed.context?.extensions?.[MASTERY], undefined);
      assert.match(byVerb('terminated').result?.duration ?? '', /^PT/);
      assert.equal(byVerb('initialized').result, undefined);
      assert.deepEqual(drops, []);
    },
  );

  it(
    "records no judgement or completion in Browse mode; reads the learner's preferences",
    { timeout: 60_000 },
    async () => {
      const launched = await lms.launch({
        auUrl: `${lms.origin}/au/index.html`,
        launchMode: 'Browse',
        masteryScore: 0.5,
        languagePreference: 'fr-FR, ar',
      });
      const drops: string[] = [];
      const reporter = createCmi5Reporter(launched.url, options(newTab(), drops));
      assert.equal((await reporter.start(module)).mode, 'browse');
      assert.deepEqual(reporter.preferences, { languages: ['fr-FR', 'ar'], audio: 'on' });
      replay(reporter, runShowcase({ pass: true, module }));
      reporter.finish();
      const statements = await terminated(launched);
      assert.deepEqual(statements.filter(isDefined).map(verbOf), ['initialized', 'terminated']);
      assert.ok(
        !statements.some(
          (s) =>
            s.object.id === launched.activityId &&
            ['passed', 'failed', 'completed'].includes(verbOf(s)),
        ),
      );
      assert.deepEqual(
        drops.map((d) => d.split(':')[0]),
        ['passed', 'completed'],
      );
      assert.match(drops[0]!, /Browse launch/);
    },
  );

  it(
    'holds "failed" to the end of the session; a later session passes without completing twice, on another device',
    { timeout: 90_000 },
    async () => {
      const launched = await lms.launch({
        auUrl: `${lms.origin}/au/index.html`,
        masteryScore: 0.8,
      });
      const failing = createCmi5Reporter(launched.url, options(newTab()));
      await failing.start(module);
      replay(failing, runShowcase({ pass: false, module }));
      failing.finish();
      const first = await terminated(launched);
      assert.deepEqual(first.filter(isDefined).map(verbOf), [
        'initialized',
        'completed',
        'failed',
        'terminated',
      ]);
      const failed = first.find((s) => isDefined(s) && verbOf(s) === 'failed')!;
      assert.equal(failed.result?.success, false);
      assert.ok(failed.result!.score!.scaled! < 0.8);
      assert.equal(failed.context?.extensions?.[MASTERY], 0.8);
      assert.ok(categories(failed).includes(MOVEON));
      await until(
        () =>
          (
            lms.state({ ...launched, stateId: CHECKPOINT_STATE_ID }) as
              { sent?: { completed?: boolean } } | undefined
          )?.sent?.completed === true,
      );

      // The LMS launches the module again in the same registration, on a device that never saw it.
      const again = await lms.launch({
        auUrl: `${lms.origin}/au/index.html`,
        masteryScore: 0.8,
        registration: launched.registration,
      });
      const drops: string[] = [];
      const passing = createCmi5Reporter(again.url, options(newTab(), drops));
      await passing.start(module);
      replay(passing, runShowcase({ pass: true, module }));
      passing.finish();
      const second = await terminated(again);
      assert.deepEqual(second.filter(isDefined).map(verbOf), [
        'initialized',
        'passed',
        'terminated',
      ]);
      assert.deepEqual(drops, ['completed: "completed" was already sent in this registration']);
    },
  );

  it(
    'tells the learner when the token was already handed out to another tab',
    { timeout: 30_000 },
    async () => {
      const launched = await lms.launch({ auUrl: `${lms.origin}/au/index.html` });
      await createCmi5Reporter(launched.url, options(newTab())).start(module);
      const notices: LmsNotice[] = [];
      const other = createCmi5Reporter(launched.url, options(newTab()));
      other.onNotice((notice) => notices.push(notice));
      assert.deepEqual(await other.start(module), { mode: 'normal' });
      await until(() => notices.length > 0);
      assert.equal(notices[0]!.kind, 'refused');
      assert.match(
        notices[0]!.detail ?? '',
        /\(1\): The authorization token has already been returned/,
      );
      assert.equal(lms.fetchCount(launched.fetchUrl), 2);
    },
  );
});
