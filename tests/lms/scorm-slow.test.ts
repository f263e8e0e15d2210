/**
 * A slow LMS: every `SetValue` and `Commit` holds the page, as an LMS does whose calls wait for
 * its server. Answers given in quick succession all reach it, in fewer commits than answers, its
 * resume record brings the learner back to where they were, and the page going away still sends
 * what waits, then finishes. Counts are checked, never durations.
 */
import { expect } from '@open-wc/testing';
import type { Module, Quiz } from '../../src/content/schema.ts';
import type { Fact } from '../../src/engine/events.ts';
import { decodeJournal, encodeJournal } from '../../src/engine/journal.ts';
import { keyFor } from '../../src/engine/scoring.ts';
import { createSession, type Session } from '../../src/engine/session.ts';
import type { LmsNotice, Reporter } from '../../src/lms/reporter.ts';
import type { Scorm12Api, Scorm2004Api } from '../../src/lms/scorm/discover.ts';
import { createScorm12Reporter } from '../../src/lms/scorm/scorm12.ts';
import { createScorm2004Reporter } from '../../src/lms/scorm/scorm2004.ts';
import { until } from '../helpers/dom.ts';
import {
  API_METHODS,
  LMS_SETTINGS,
  Scorm12API,
  Scorm2004API,
  slowDown,
} from '../helpers/scorm-lms.ts';
import { runModule, showcaseModule, spyApi, type ApiCall } from '../helpers/scorm-session.ts';

/**
 * How long each `Commit` holds the page (ms), as an LMS that saves to its server on commit does:
 * one commit makes a slow send.
 */
const SLOW_COMMIT = 200;

const EDITIONS = [
  {
    edition: 'SCORM 1.2',
    names: { initialize: 'LMSInitialize', set: 'LMSSetValue', commit: 'LMSCommit' },
    finish: 'LMSFinish',
    errorQueries: ['LMSGetLastError', 'LMSGetErrorString', 'LMSGetDiagnostic'],
    methods: API_METHODS['1.2'],
    runtime: (preload: Record<string, string> = {}) => {
      const api = new Scorm12API(LMS_SETTINGS);
      api.loadFromFlattenedJSON({ 'cmi.core.entry': 'ab-initio', ...preload }, '');
      return { api, interactions: () => api.cmi.interactions.childArray };
    },
    resumeEntry: { 'cmi.core.entry': 'resume' },
    status: 'cmi.core.lesson_status',
    score: 'cmi.core.score.raw',
    reporter: (api: object) => createScorm12Reporter(api as Scorm12Api),
  },
  {
    edition: 'SCORM 2004',
    names: { initialize: 'Initialize', set: 'SetValue', commit: 'Commit' },
    finish: 'Terminate',
    errorQueries: ['GetLastError', 'GetErrorString', 'GetDiagnostic'],
    methods: API_METHODS['2004'],
    runtime: (preload: Record<string, string> = {}) => {
      const api = new Scorm2004API(LMS_SETTINGS);
      api.loadFromFlattenedJSON({ 'cmi.entry': 'ab-initio', ...preload }, '');
      return { api, interactions: () => api.cmi.interactions.childArray };
    },
    resumeEntry: { 'cmi.entry': 'resume' },
    status: 'cmi.success_status',
    score: 'cmi.score.raw',
    reporter: (api: object) => createScorm2004Reporter(api as Scorm2004Api),
  },
] as const;

const pause = () => new Promise((resolve) => setTimeout(resolve, 0));
const count = (calls: readonly ApiCall[], method: string) =>
  calls.filter((call) => call.method === method).length;
const lastSet = (calls: readonly ApiCall[], method: string, element: string) =>
  calls.filter((call) => call.method === method && call.args[0] === element).at(-1)?.args[1];
/** The id of each interaction the LMS holds, by index, as it was set (1.2 ids are write-only). */
function interactionIds(calls: readonly ApiCall[], method: string): string[] {
  const ids: string[] = [];
  for (const call of calls) {
    const index = /^cmi\.interactions\.(\d+)\.id$/.exec(String(call.args[0]))?.[1];
    if (call.method === method && index !== undefined) ids[Number(index)] = String(call.args[1]);
  }
  return ids;
}

type Interaction = Extract<Fact, { type: 'item.answered' | 'scenario.chose' }>;
const isInteraction = (fact: Fact): fact is Interaction =>
  fact.type === 'item.answered' || fact.type === 'scenario.chose';
/** The interaction id the LMS holds for a fact. */
const interactionOf = (fact: Interaction) =>
  `${fact.activityId}_${fact.type === 'item.answered' ? fact.itemId : fact.sceneId}`;

/**
 * The module's lesson and quiz, each action in a task of its own as a learner's clicks are. The
 * reporter hears each fact as it comes and gets the encoded journal after each action, as the
 * player gives them. The quiz is answered right.
 */
async function learnQuickly(
  reporter: Reporter,
  module: Module,
): Promise<{ session: Session; facts: Fact[] }> {
  const session = createSession(module, { newSeed: () => 7919 });
  const facts: Fact[] = [];
  session.onFact((fact) => {
    facts.push(fact);
    reporter.record(fact, session.status());
  });
  const act = async (activityId: string, event?: { type: string } & Record<string, unknown>) => {
    if (event) session.sendTo(activityId, event);
    else session.open(activityId);
    reporter.save((await encodeJournal(session.journal(), reporter.resumeLimit))!, activityId);
    await pause();
  };
  const done = () => session.status().completed;
  for (const activity of module.activities) {
    if (activity.type === 'lesson') {
      await act(activity.id);
      for (let page = 0; page < activity.pages.length && done() < 1; page++) {
        await act(activity.id, { type: 'learner.next' });
      }
    } else if (activity.type === 'quiz') {
      await answerQuiz(session, activity, act);
    }
  }
  return { session, facts };
}

async function answerQuiz(
  session: Session,
  quiz: Quiz,
  act: (activityId: string, event?: { type: string } & Record<string, unknown>) => Promise<void>,
) {
  const before = session.status().completed;
  await act(quiz.id);
  await act(quiz.id, { type: 'learner.start' });
  for (let turn = 0; turn < 50 && session.status().completed === before; turn++) {
    const { itemIds, index } = session.activity(quiz.id)!.getSnapshot().context as {
      itemIds: string[];
      index: number;
    };
    const item = quiz.items.find((candidate) => candidate.id === itemIds[index])!;
    await act(quiz.id, { type: 'learner.submit', response: keyFor(item) });
    await act(quiz.id, { type: 'learner.next' });
  }
}

for (const edition of EDITIONS) {
  const { names } = edition;

  describe(`${edition.edition} reporter on a slow LMS`, () => {
    let module: Module;
    before(async () => {
      module = await showcaseModule();
    });

    it('gets a whole run given in one burst, in a few commits, and the page going away sends what waits', async function () {
      this.timeout(120_000);
      const { api, interactions } = edition.runtime();
      slowDown(api, [names.commit], SLOW_COMMIT);
      const calls = spyApi(api, edition.methods);
      const reporter = edition.reporter(api);
      const run = await runModule(reporter, module, { quiz: 'right', scenario: 'best' });
      // The page goes away right after the last answer, while the burst still waits.
      reporter.finish();

      const reported = run.facts.filter(isInteraction);
      const answers = run.facts.filter((fact) => fact.type === 'item.answered').length;
      expect(answers).to.be.at.least(6);
      expect(interactions()).to.have.length(reported.length);
      expect(interactionIds(calls, names.set)).to.deep.equal(reported.map(interactionOf));
      expect(run.status().completed).to.equal(run.status().total);
      expect(lastSet(calls, names.set, edition.status)).to.equal('passed');
      expect(lastSet(calls, names.set, edition.score)).to.equal('100');
      expect(lastSet(calls, names.set, 'cmi.suspend_data')).to.equal(
        JSON.stringify({ facts: run.facts.length, progress: run.status().progress }),
      );
      // One commit as the session opened, one as it ended: not one per answer.
      expect(count(calls, names.commit)).to.be.at.most(2);
      expect(count(calls, names.commit)).to.be.below(answers);
      const methods = calls
        .map((call) => call.method)
        .filter((method) => !edition.errorQueries.some((query) => query === method));
      expect(methods.filter((method) => method === names.initialize)).to.have.length(1);
      expect(methods.filter((method) => method === edition.finish)).to.have.length(1);
      expect(methods.at(-1)).to.equal(edition.finish);
      expect(run.notices).to.deep.equal([]);
    });

    it('gets every answer given one after another, in fewer commits than answers, and its record resumes the learner', async function () {
      this.timeout(120_000);
      const { api, interactions } = edition.runtime();
      slowDown(api, [names.commit], SLOW_COMMIT);
      const calls = spyApi(api, edition.methods);
      const reporter = edition.reporter(api);
      const notices: LmsNotice[] = [];
      reporter.onNotice((notice) => notices.push(notice));
      await reporter.start(module);
      const { session, facts } = await learnQuickly(reporter, module);

      const answers = facts.filter((fact) => fact.type === 'item.answered');
      expect(answers.length).to.be.at.least(6);
      // Nothing waits for the page to go away: the LMS gets it all while the learner is here.
      const latest = await encodeJournal(session.journal(), reporter.resumeLimit);
      await until(
        () => interactions().length === answers.length && api.cmi.suspend_data === latest,
        'every answer and the latest resume record',
        60_000,
      );
      expect(interactionIds(calls, names.set)).to.deep.equal(answers.map(interactionOf));
      expect(count(calls, names.commit)).to.be.below(answers.length);
      expect(notices).to.deep.equal([]);

      // Launched again with what the LMS kept: the learner is back after the last answer.
      const again = edition.runtime({ ...edition.resumeEntry, 'cmi.suspend_data': latest! });
      const relaunched = edition.reporter(again.api);
      const launch = await relaunched.start(module);
      const journal = await decodeJournal(launch.resume!);
      expect(journal, 'a journal').to.not.equal(undefined);
      const resumed = createSession(module, { journal: journal! });
      expect(resumed.status()).to.deep.equal(session.status());
      expect(resumed.status().completed).to.equal(2);
      reporter.finish();
      relaunched.finish();
    });
  });
}
