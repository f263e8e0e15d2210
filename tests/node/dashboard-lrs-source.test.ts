/**
 * The dashboard's LRS source against a real LRS (xapi-statements): statements written by the
 * xAPI reporter's builder from real engine runs are read back — page by page, filtered — into
 * the same answers, decisions and attempts the engine produced, and analysed.
 *
 * Node test: `node --import tsx --test tests/elements/cp-dashboard/lrs-source.node.ts`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { analyse } from '../../src/analytics/report.ts';
import { lrsSource, withModules, type Records } from '../../src/analytics/sources/index.ts';
import type { Fact } from '../../src/engine/events.ts';
import { LrsClient } from '../../src/lms/xapi/client.ts';
import { buildStatements } from '../../src/lms/xapi/statements.ts';
import type { Statement } from '../../src/lms/xapi/vocabulary.ts';
import type { DecisionRecord, ItemResponseRecord } from '../../src/storage/records.ts';
import { startLrs, type Lrs } from '../helpers/lrs.ts';
import { runShowcase, showcaseModule } from '../helpers/lrs-session.ts';

const module = showcaseModule({ allItems: true });
const LEARNERS = [
  { name: 'Ana Petrović', account: 'ana', pass: true },
  { name: 'Bo Lindqvist', account: 'bo', pass: false },
] as const;
const HOME = 'https://lms.example';

describe('dashboard: an LRS as a source', () => {
  let lrs: Lrs;
  const facts = new Map<string, Fact[]>();

  before(async () => {
    lrs = await startLrs();
    const client = new LrsClient({ endpoint: lrs.endpoint, auth: lrs.auth });
    for (const learner of LEARNERS) {
      const statements: Statement[] = [];
      const recorded = runShowcase({ pass: learner.pass, module });
      const ctx = {
        module,
        actor: {
          objectType: 'Agent',
          name: learner.name,
          account: { homePage: HOME, name: learner.account },
        },
        registration: crypto.randomUUID(),
      } as const;
      for (const { fact, status } of recorded)
        statements.push(...buildStatements(fact, status, ctx));
      facts.set(
        `${HOME}|${learner.account}`,
        recorded.map(({ fact }) => fact),
      );
      for (let i = 0; i < statements.length; i += 50) {
        const sent = await client.sendStatements(statements.slice(i, i + 50));
        assert.ok(sent.ok, JSON.stringify(sent));
      }
    }
  });
  after(async () => {
    await lrs.stop();
  });

  const read = async (options: Partial<Parameters<typeof lrsSource>[0]> = {}) => {
    const result = await lrsSource({
      endpoint: lrs.endpoint,
      key: lrs.key,
      secret: lrs.secret,
      modules: [module],
      ...options,
    }).load();
    assert.ok(result.ok, JSON.stringify(result));
    return result.records;
  };

  const check = (records: Records) => {
    assert.deepEqual(
      records.learners.map((learner) => learner.name).sort(),
      LEARNERS.map((learner) => learner.name).sort(),
    );
    for (const [learnerId, learnerFacts] of facts) {
      const answers = records.responses.filter(
        (r): r is ItemResponseRecord => r.kind === 'item' && r.learnerId === learnerId,
      );
      const answered = learnerFacts.filter((fact) => fact.type === 'item.answered');
      assert.ok(answered.length > 10, 'the run answered items');
      assert.equal(answers.length, answered.length);
      // Every item type's response comes back as the engine gave it.
      const key = (r: { activityId: string; itemId: string; attempt: number; at: number }) =>
        `${r.activityId}/${r.itemId}/${r.attempt}/${r.at}`;
      const byKey = new Map(answers.map((answer) => [key(answer), answer]));
      for (const fact of answered) {
        const answer = byKey.get(key(fact));
        assert.ok(answer, `answer to ${fact.itemId}`);
        assert.deepEqual(answer.response, fact.response, fact.itemId);
        assert.equal(answer.correct, fact.correct);
        assert.equal(answer.latency, Math.round(fact.latency / 10) * 10);
        assert.deepEqual(answer.tags, [...fact.tags]);
      }
      const decisions = records.responses.filter(
        (r): r is DecisionRecord => r.kind === 'decision' && r.learnerId === learnerId,
      );
      const chose = learnerFacts.filter((fact) => fact.type === 'scenario.chose');
      assert.ok(chose.length >= 2, 'the run took decisions');
      assert.deepEqual(
        decisions.map((d) => [
          d.activityId,
          d.sceneId,
          d.choiceId,
          d.scoreDelta,
          d.total,
          d.critical,
        ]),
        chose.map((f) => [f.activityId, f.sceneId, f.choiceId, f.scoreDelta, f.score, f.critical]),
      );
      const scored = learnerFacts.filter((fact) => fact.type === 'quiz.scored');
      const quizAttempts = records.attempts.filter(
        (a) => a.learnerId === learnerId && a.kind === 'quiz' && a.status !== 'in-progress',
      );
      assert.deepEqual(
        quizAttempts.map((a) => [a.activityId, a.attempt, a.passed, a.score?.scaled]).sort(),
        scored
          .map((f) => [f.activityId, f.attempt, f.passed, Math.round(f.score.scaled * 1e4) / 1e4])
          .sort(),
      );
      const ended = learnerFacts.filter((fact) => fact.type === 'scenario.ended');
      const runs = records.attempts.filter(
        (a) => a.learnerId === learnerId && a.kind === 'scenario',
      );
      assert.deepEqual(
        runs.map((a) => [a.activityId, a.endingId, a.outcome, a.critical]).sort(),
        ended.map((f) => [f.activityId, f.endingId, f.outcome, f.critical]).sort(),
      );
    }
  };

  it(
    'reads every page back into the answers, decisions and attempts of the runs',
    { timeout: 60_000 },
    async () => {
      const records = await read({ pageSize: 7 });
      check(records);
      const report = analyse(withModules(records, [module]));
      const status = Object.fromEntries(
        report.learners.map((row) => [row.learnerName, row.status]),
      );
      assert.deepEqual(status, { 'Ana Petrović': 'passed', 'Bo Lindqvist': 'failed' });
    },
  );

  it('filters by activity and by dates', { timeout: 60_000 }, async () => {
    const moduleIri = `https://checkpoint.invalid/xapi/modules/${encodeURIComponent(module.id)}`;
    check(await read({ activity: moduleIri }));
    const other = await read({ activity: 'https://checkpoint.invalid/xapi/modules/another' });
    assert.equal(other.responses.length, 0);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    assert.equal((await read({ until: yesterday })).responses.length, 0);
    check(await read({ since: yesterday }));
  });

  it('says when the key is refused or the LRS cannot be reached', { timeout: 60_000 }, async () => {
    const refused = await lrsSource({
      endpoint: lrs.endpoint,
      key: lrs.key,
      secret: 'wrong',
    }).load();
    assert.deepEqual(refused.ok ? 'ok' : refused.problem.kind, 'unauthorized');
    await lrs.goOffline();
    try {
      const offline = await lrsSource({
        endpoint: lrs.endpoint,
        key: lrs.key,
        secret: lrs.secret,
      }).load();
      assert.deepEqual(offline.ok ? 'ok' : offline.problem.kind, 'network');
    } finally {
      await lrs.goOnline();
    }
  });
});
