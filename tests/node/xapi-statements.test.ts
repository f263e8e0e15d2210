/**
 * Statements built from real engine facts (the showcase module run through a session: every item
 * type, scenario decisions, a pass and a fail) are valid xAPI 1.0.3 by Learning Locker's
 * validator, are taken by a real LRS and read back as sent.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { LrsClient } from '../../src/lms/xapi/client.ts';
import {
  activityIds,
  buildStatements,
  initializedStatement,
  isoDuration,
  terminatedStatement,
  type StatementContext,
} from '../../src/lms/xapi/statements.ts';
import type { Statement } from '../../src/lms/xapi/vocabulary.ts';
import { startLrs, type Lrs } from '../helpers/lrs.ts';
import { runShowcase, showcaseModule, type RecordedFact } from '../helpers/lrs-session.ts';

/** Every problem is a rulr `Warning` (errors included); valid is an empty list. */
const validate = (
  createRequire(import.meta.url)('@learninglocker/xapi-validation') as {
    default: (data: unknown) => { path: string[]; name: string; message: string }[];
  }
).default;

const module = showcaseModule({ allItems: true });
const actor = {
  objectType: 'Agent',
  account: { homePage: 'https://lms.example', name: 'learner-17' },
} as const;

function statementsOf(recorded: readonly RecordedFact[], registration: string): Statement[] {
  const started = new Map<string | undefined, number>([[undefined, Date.now() - 60_000]]);
  const ctx: StatementContext = {
    module,
    actor,
    registration,
    startedAt: (activityId) => started.get(activityId),
  };
  const out = [initializedStatement(ctx, Date.now() - 60_000)];
  for (const { fact, status } of recorded) {
    if ('activityId' in fact && !started.has(fact.activityId))
      started.set(fact.activityId, fact.at - 1_000);
    out.push(...buildStatements(fact, status, ctx));
  }
  out.push(terminatedStatement(ctx, recorded.at(-1)!.status, Date.now()));
  return out;
}

const passRegistration = crypto.randomUUID();
const failRegistration = crypto.randomUUID();
const passed = statementsOf(runShowcase({ pass: true, module }), passRegistration);
const failed = statementsOf(runShowcase({ pass: false, module }), failRegistration);
const all = [...passed, ...failed];

const verbOf = (statement: Statement) => statement.verb.id.split('/').at(-1);
const ids = activityIds({ module, actor, registration: passRegistration });

describe('xAPI statements from engine facts', () => {
  it('are valid xAPI by @learninglocker/xapi-validation: no errors, no warnings', () => {
    for (const statement of all) {
      const problems = validate(JSON.parse(JSON.stringify(statement)));
      assert.deepEqual(
        problems.map((problem) => `${problem.path.join('.')}: ${problem.name}`),
        [],
        JSON.stringify(statement, null, 2),
      );
    }
  });

  it('report every verb of a run: start, answers, decisions, ending, pass, fail, completion, end', () => {
    assert.deepEqual(
      new Set(passed.map(verbOf)),
      new Set([
        'initialized',
        'completed',
        'answered',
        'failed',
        'passed',
        'responded',
        'experienced',
        'terminated',
      ]),
    );
    assert.equal(verbOf(passed[0]!), 'initialized');
    assert.equal(verbOf(passed.at(-1)!), 'terminated');
    const moduleVerdict = (list: Statement[]) =>
      list
        .filter((s) => s.object.id === ids.module && ['passed', 'failed'].includes(verbOf(s)!))
        .map(verbOf);
    assert.deepEqual(moduleVerdict(passed), ['passed']);
    assert.deepEqual(moduleVerdict(failed), ['failed']);
  });

  it('describe every item type as a cmi.interaction with its correct responses', () => {
    const answered = passed.filter((s) => verbOf(s) === 'answered');
    const types = new Set(answered.map((s) => s.object.definition?.interactionType));
    assert.deepEqual(types, new Set(['choice', 'true-false', 'matching', 'sequencing', 'fill-in']));
    for (const s of answered) {
      assert.equal(
        s.object.definition?.type,
        'http://adlnet.gov/expapi/activities/cmi.interaction',
      );
      assert.ok(s.object.definition?.correctResponsesPattern?.length, s.object.id);
    }
    const item = (id: string, attempt: number) =>
      answered.filter((s) => s.object.id === ids.item('quiz-smuggling-or-trafficking', id))[
        attempt
      ]!;
    // A right answer is exactly one of the item's correct response patterns.
    for (const s of answered.filter((statement) => statement.result?.success)) {
      const pattern = s.object.definition!.correctResponsesPattern!;
      if (s.object.definition?.interactionType === 'fill-in')
        assert.ok(pattern.includes(s.result!.response!));
      else assert.equal(s.result!.response, pattern[0]);
    }
    assert.deepEqual(item('q-one-indicator', 1).result?.response, 'false');
    assert.deepEqual(item('q-one-indicator', 0).result?.response, 'true');
    assert.equal(item('q-match-terms', 0).object.definition?.source?.length, 4);
    assert.match(
      item('q-match-terms', 0).result!.response!,
      /^smuggling\[\.\]match-trafficking\[,\]trafficking\[\.\]match-smuggling\[,\]vulnerability\[\.\]distractor-1\[,\]/,
    );
    assert.equal(
      item('q-first-steps', 1).result?.response,
      'note[,]second-line[,]separate[,]interpreter[,]questions[,]refer',
    );
    assert.equal(item('q-trafficking-features', 1).result?.response, 'a[,]b[,]c');
    assert.deepEqual(item('q-debt-term', 0).object.definition?.correctResponsesPattern, [
      'debt bondage',
      'debt-bondage',
      'bonded labour',
      'bonded labor',
    ]);
    assert.equal(item('q-debt-term', 0).result?.response, 'people smuggling');
    assert.equal(item('q-spot-coach', 0).object.definition?.choices?.length, 6);
  });

  it('report a scenario decision as a response to the scene, with its choices and score change', () => {
    const decisions = passed.filter((s) => verbOf(s) === 'responded');
    assert.equal(decisions.length, 5);
    const first = decisions[0]!;
    assert.equal(first.object.id, ids.scene('scenario-five-passports', 's1-first-line'));
    assert.equal(first.object.definition?.interactionType, 'choice');
    assert.deepEqual(
      first.object.definition?.choices?.map((choice) => choice.id),
      ['c1-wave-through', 'c1-second-line', 'c1-accuse'],
    );
    assert.equal(first.result?.response, 'c1-second-line');
    assert.equal(
      first.result?.extensions?.['https://checkpoint.invalid/xapi/extensions/score-delta'],
      2,
    );
    const harm = failed.filter((s) => verbOf(s) === 'responded').at(-1)!;
    assert.equal(
      harm.result?.extensions?.['https://checkpoint.invalid/xapi/extensions/critical'],
      true,
    );
    const ending = failed.find((s) => verbOf(s) === 'experienced')!;
    assert.equal(ending.object.id, ids.ending('scenario-five-passports', 'end-harmful'));
    assert.equal(
      ending.result?.extensions?.['https://checkpoint.invalid/xapi/extensions/outcome'],
      'harmful',
    );
  });

  it('identify the learner by an account only, under one registration, in the module', () => {
    for (const s of passed) {
      assert.deepEqual(s.actor, actor);
      assert.equal(s.context?.registration, passRegistration);
      assert.match(s.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.ok(!('version' in s));
      assert.ok(s.object.id.startsWith('https://checkpoint.invalid/xapi/modules/showcase'));
      if (s.object.id !== ids.module) {
        const context = s.context?.contextActivities;
        const around = [...(context?.parent ?? []), ...(context?.grouping ?? [])].map((a) => a.id);
        assert.ok(around.includes(ids.module), `${s.object.id} is not placed in the module`);
      }
    }
    const answer = passed.find((s) => verbOf(s) === 'answered')!;
    assert.deepEqual(
      answer.context?.contextActivities?.parent?.map((a) => a.id),
      [ids.activity('quiz-smuggling-or-trafficking')],
    );
    assert.equal(new Set(all.map((s) => s.id)).size, all.length);
  });

  it('give scores and durations in xAPI form', () => {
    const quizResults = passed.filter(
      (s) => ['passed', 'failed'].includes(verbOf(s)!) && s.object.id !== ids.module,
    );
    assert.equal(quizResults.length, 2);
    for (const s of quizResults) {
      const score = s.result!.score!;
      assert.ok(score.scaled! >= 0 && score.scaled! <= 1);
      assert.ok(score.min! <= score.raw! && score.raw! <= score.max!);
      assert.equal(s.result?.success, verbOf(s) === 'passed');
      assert.match(s.result!.duration!, /^PT/);
    }
    assert.equal(isoDuration(3_723_456), 'PT1H2M3.46S');
    assert.equal(isoDuration(0), 'PT0S');
    assert.equal(isoDuration(90_000), 'PT1M30S');
  });

  it('keep activity ids stable across runs and encode each part', () => {
    const again = statementsOf(runShowcase({ pass: true, module }), crypto.randomUUID());
    assert.deepEqual(
      again.map((s) => s.object.id),
      passed.map((s) => s.object.id),
    );
    const custom = activityIds({
      module: { ...module, id: 'a b' } as typeof module,
      actor,
      registration: passRegistration,
      activityBase: 'https://lrs.example/acts',
    });
    assert.equal(
      custom.item('q 1', 'x/y'),
      'https://lrs.example/acts/modules/a%20b/activities/q%201/items/x%2Fy',
    );
  });
});

describe('xAPI statements in a real LRS', () => {
  let lrs: Lrs;
  before(async () => {
    lrs = await startLrs();
  });
  after(async () => {
    await lrs.stop();
  });

  it('are all stored and read back with their ids', { timeout: 60_000 }, async () => {
    const client = new LrsClient({ endpoint: lrs.endpoint, auth: lrs.auth });
    for (let start = 0; start < all.length; start += 25) {
      const sent = await client.sendStatements(all.slice(start, start + 25));
      assert.ok(sent.ok, JSON.stringify(sent));
      assert.deepEqual(
        sent.value,
        all.slice(start, start + 25).map((s) => s.id),
      );
    }
    assert.equal(await lrs.count(), all.length);
    const stored = await lrs.statements({ registration: passRegistration });
    assert.deepEqual(new Set(stored.map((s) => s.id)), new Set(passed.map((s) => s.id)));
    // Read through the client, page by page.
    const seen: string[] = [];
    let page = await client.getStatements({ registration: failRegistration, limit: 7 });
    for (let guard = 0; page.ok && guard < 100; guard++) {
      seen.push(...page.value.statements.map((s) => s.id));
      if (!page.value.more) break;
      page = await client.getMore(page.value.more);
    }
    assert.deepEqual(new Set(seen), new Set(failed.map((s) => s.id)));
    assert.equal(seen.length, failed.length);
  });
});
