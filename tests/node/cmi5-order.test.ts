import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  loadRegistration,
  loadSession,
  mergeRegistration,
  saveRegistration,
  saveSession,
} from '../../src/lms/cmi5/memory.ts';
import {
  admit,
  FRESH_MEMORY,
  type Candidate,
  type Cmi5DefinedVerb,
  type OrderMemory,
  type OrderRules,
} from '../../src/lms/cmi5/order.ts';
import type { KeyValueStore } from '../../src/lms/cmi5/token.ts';

const NORMAL: OrderRules = { launchMode: 'Normal' };

/** Runs a sequence through the guard; returns what was sent and each drop's reason. */
function run(candidates: readonly Candidate[], rules = NORMAL, start: OrderMemory = FRESH_MEMORY) {
  let memory = start;
  const sent: string[] = [];
  const dropped: string[] = [];
  for (const candidate of candidates) {
    const result = admit(memory, rules, candidate);
    memory = result.memory;
    if (result.decision.send) sent.push(candidate.verb);
    else dropped.push(`${candidate.verb}: ${result.decision.reason}`);
  }
  return { sent, dropped, memory };
}

const v = (verb: Cmi5DefinedVerb | 'allowed', scaled?: number): Candidate =>
  verb === 'allowed' ? { verb } : { verb, scaled };

describe('cmi5 statement order', () => {
  it('sends a well-formed session unchanged', () => {
    const { sent, dropped } = run([
      v('initialized'),
      v('allowed'),
      v('allowed'),
      v('passed', 0.9),
      v('completed'),
      v('terminated'),
    ]);
    assert.deepEqual(sent, [
      'initialized',
      'allowed',
      'allowed',
      'passed',
      'completed',
      'terminated',
    ]);
    assert.deepEqual(dropped, []);
  });

  it('drops everything before initialized, and a second initialized', () => {
    const { sent, dropped } = run([
      v('allowed'),
      v('completed'),
      v('initialized'),
      v('initialized'),
      v('terminated'),
    ]);
    assert.deepEqual(sent, ['initialized', 'terminated']);
    assert.equal(dropped.length, 3);
    assert.match(dropped[0]!, /before "initialized"/);
    assert.match(dropped[2]!, /already sent in this session/);
  });

  it('drops everything after terminated, terminated included', () => {
    const { sent, dropped } = run([
      v('initialized'),
      v('terminated'),
      v('allowed'),
      v('passed', 1),
      v('terminated'),
      v('initialized'),
    ]);
    assert.deepEqual(sent, ['initialized', 'terminated']);
    assert.equal(dropped.length, 4);
    for (const reason of dropped) assert.match(reason, /terminated/);
  });

  it('allows one judgement per session: no failed then passed, no passed twice', () => {
    assert.deepEqual(
      run([v('initialized'), v('failed', 0.2), v('passed', 0.9), v('terminated')]).sent,
      ['initialized', 'failed', 'terminated'],
    );
    const twice = run([v('initialized'), v('passed', 0.9), v('passed', 1), v('terminated')]);
    assert.deepEqual(twice.sent, ['initialized', 'passed', 'terminated']);
    assert.match(twice.dropped[0]!, /already sent in this registration/);
  });

  it('keeps passed and completed to once per registration across sessions', () => {
    const first = run([v('initialized'), v('passed', 0.8), v('completed'), v('terminated')]);
    const second = run(
      [v('initialized'), v('passed', 0.9), v('completed'), v('failed', 0.1), v('terminated')],
      NORMAL,
      { ...first.memory, session: FRESH_MEMORY.session },
    );
    assert.deepEqual(second.sent, ['initialized', 'terminated']);
    assert.deepEqual(
      second.dropped.map((line) => line.split(':')[0]),
      ['passed', 'completed', 'failed'],
    );
    assert.match(second.dropped[2]!, /may not follow "passed"/);
  });

  it('lets a later session pass after an earlier one failed', () => {
    const first = run([v('initialized'), v('failed', 0.3), v('terminated')]);
    const second = run([v('initialized'), v('passed', 0.7), v('terminated')], NORMAL, {
      ...first.memory,
      session: FRESH_MEMORY.session,
    });
    assert.deepEqual(second.sent, ['initialized', 'passed', 'terminated']);
  });

  it('judges by the mastery score: passed only at or above it, failed only below', () => {
    const rules: OrderRules = { launchMode: 'Normal', masteryScore: 0.8 };
    assert.deepEqual(run([v('initialized'), v('passed', 0.79)], rules).sent, ['initialized']);
    assert.deepEqual(run([v('initialized'), v('passed', 0.8)], rules).sent, [
      'initialized',
      'passed',
    ]);
    assert.deepEqual(run([v('initialized'), v('failed', 0.8)], rules).sent, ['initialized']);
    assert.deepEqual(run([v('initialized'), v('failed', 0.5)], rules).sent, [
      'initialized',
      'failed',
    ]);
    assert.match(
      run([v('initialized'), v('passed', 0.5)], rules).dropped[0]!,
      /below the mastery score 0.8/,
    );
  });

  for (const launchMode of ['Browse', 'Review'] as const) {
    it(`records no judgement or completion in ${launchMode} mode, but initialized, terminated and allowed statements`, () => {
      const { sent, dropped } = run(
        [
          v('initialized'),
          v('allowed'),
          v('passed', 1),
          v('failed', 0),
          v('completed'),
          v('terminated'),
        ],
        { launchMode },
      );
      assert.deepEqual(sent, ['initialized', 'allowed', 'terminated']);
      assert.equal(dropped.length, 3);
      for (const reason of dropped) assert.match(reason, new RegExp(`${launchMode} launch`));
    });
  }

  it('never sends a sequence that breaks a rule, whatever it is asked to send', () => {
    const candidate = fc.oneof(
      fc.constantFrom<Candidate>(v('initialized'), v('completed'), v('terminated'), v('allowed')),
      fc.record({
        verb: fc.constantFrom('passed' as const, 'failed' as const),
        scaled: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
    );
    const rules = fc.record({
      launchMode: fc.constantFrom('Normal' as const, 'Browse' as const, 'Review' as const),
      masteryScore: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(candidate, { maxLength: 12 }), { minLength: 1, maxLength: 3 }),
        rules,
        (sessions, rule) => {
          let registration = FRESH_MEMORY.registration;
          const all: Candidate[] = [];
          for (const session of sessions) {
            let memory: OrderMemory = { session: FRESH_MEMORY.session, registration };
            const sent: Candidate[] = [];
            for (const c of session) {
              const result = admit(memory, rule, c);
              memory = result.memory;
              if (result.decision.send) sent.push(c);
            }
            registration = memory.registration;
            all.push(...sent);
            const verbs = sent.map((c) => c.verb);
            if (verbs.length) assert.equal(verbs[0], 'initialized');
            const end = verbs.indexOf('terminated');
            if (end >= 0) assert.equal(end, verbs.length - 1);
            assert.ok(verbs.filter((x) => x === 'initialized').length <= 1);
            assert.ok(verbs.filter((x) => x === 'passed' || x === 'failed').length <= 1);
            if (rule.launchMode !== 'Normal')
              assert.ok(!verbs.some((x) => x === 'passed' || x === 'failed' || x === 'completed'));
            for (const c of sent) {
              if (c.verb === 'passed' && rule.masteryScore !== undefined)
                assert.ok(c.scaled! >= rule.masteryScore);
              if (c.verb === 'failed' && rule.masteryScore !== undefined)
                assert.ok(c.scaled! < rule.masteryScore);
            }
          }
          const verbs = all.map((c) => c.verb);
          assert.ok(verbs.filter((x) => x === 'passed').length <= 1);
          assert.ok(verbs.filter((x) => x === 'completed').length <= 1);
          const passedAt = verbs.indexOf('passed');
          if (passedAt >= 0) assert.ok(!verbs.slice(passedAt).includes('failed'));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

function memoryStorage(): KeyValueStore & { readonly items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

describe('cmi5 order memory across reloads', () => {
  const launch = {
    fetch: 'http://lms.example/fetch?k=1',
    registration: 'f7c5e0b4-7a23-4d35-9e93-1d0f3b2c9a10',
    activityId: 'https://lms.example/au/1',
  };

  it('a reload of the same launch finds the session: no second initialized', () => {
    const session = memoryStorage();
    const first = run([v('initialized'), v('allowed')]);
    saveSession(session, launch, {
      memory: first.memory.session,
      sessionId: 's-1',
      startedAt: 5,
      lastAt: 9,
    });
    const restored = loadSession(session, launch);
    assert.deepEqual(restored, {
      memory: { initialized: true, terminated: false },
      sessionId: 's-1',
      startedAt: 5,
      lastAt: 9,
    });
    const afterReload = run([v('initialized'), v('allowed')], NORMAL, {
      session: restored!.memory,
      registration: FRESH_MEMORY.registration,
    });
    assert.deepEqual(afterReload.sent, ['allowed']);
  });

  it('a new launch (another fetch URL) starts a new session', () => {
    const session = memoryStorage();
    saveSession(session, launch, {
      memory: { initialized: true, terminated: true },
      sessionId: 's-1',
      startedAt: 5,
      lastAt: 9,
    });
    assert.equal(
      loadSession(session, { ...launch, fetch: 'http://lms.example/fetch?k=2' }),
      undefined,
    );
  });

  it('keeps passed and completed for the registration, merged with the copy from the LRS', () => {
    const local = memoryStorage();
    saveRegistration(local, launch, { passed: true, completed: false });
    assert.deepEqual(loadRegistration(local, launch), { passed: true, completed: false });
    assert.deepEqual(
      loadRegistration(local, { ...launch, registration: '0e1d4f76-2f7e-4c2b-9a56-8f1b7c3d2e10' }),
      {
        passed: false,
        completed: false,
      },
    );
    assert.deepEqual(
      mergeRegistration({ passed: true, completed: false }, { passed: false, completed: true }),
      {
        passed: true,
        completed: true,
      },
    );
  });

  it('treats an unreadable record as nothing sent rather than failing', () => {
    const broken = memoryStorage();
    broken.items.set(`checkpoint.cmi5.session ${launch.registration} ${launch.fetch}`, '{not json');
    assert.equal(loadSession(broken, launch), undefined);
    const throwing: KeyValueStore = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {},
    };
    assert.deepEqual(loadRegistration(throwing, launch), { passed: false, completed: false });
    assert.doesNotThrow(() =>
      saveRegistration(throwing, launch, { passed: true, completed: true }),
    );
  });
});
