/**
 * An LMS API that goes away mid-session: the LMS frame holding it is removed or navigated, its
 * methods start throwing, or the LMS deletes them or takes the API away. The learner is told
 * once, goes on to the end, no call is made to the API that went, and no error reaches the page;
 * an API the LMS puts up again is found on the next save and given what it missed. Through
 * `<cp-player>`, the learner sees one notice and finds their progress on this device.
 */
import { expect, fixture, html } from '@open-wc/testing';
import type { Module, Quiz } from '../../src/content/schema.ts';
import '../../src/elements/cp-player/cp-player.ts';
import type { CpPlayer } from '../../src/elements/cp-player/cp-player.ts';
import type { Fact } from '../../src/engine/events.ts';
import { decodeJournal, encodeJournal } from '../../src/engine/journal.ts';
import { keyFor } from '../../src/engine/scoring.ts';
import { createSession, type Session } from '../../src/engine/session.ts';
import type { LmsNotice, Reporter } from '../../src/lms/reporter.ts';
import { findScormApi, type Scorm12Api, type Scorm2004Api } from '../../src/lms/scorm/discover.ts';
import { createScorm12Reporter } from '../../src/lms/scorm/scorm12.ts';
import { createScorm2004Reporter } from '../../src/lms/scorm/scorm2004.ts';
import { button, moduleUrl, until } from '../helpers/dom.ts';
import {
  adapter,
  API_METHODS,
  LMS_SETTINGS,
  lmsFrame,
  Scorm12API,
  Scorm2004API,
} from '../helpers/scorm-lms.ts';
import { showcaseModule, spyApi } from '../helpers/scorm-session.ts';

type Holder = Record<string, unknown>;

const EDITIONS = [
  {
    edition: 'SCORM 1.2',
    version: '1.2',
    property: 'API',
    names: { initialize: 'LMSInitialize', set: 'LMSSetValue', finish: 'LMSFinish' },
    runtime: (preload: Record<string, string> = {}) => {
      const api = new Scorm12API(LMS_SETTINGS);
      api.loadFromFlattenedJSON({ 'cmi.core.entry': 'ab-initio', ...preload }, '');
      return { api, interactions: () => api.cmi.interactions.childArray.length };
    },
    resumed: (record: string) => ({
      'cmi.core.entry': 'resume',
      'cmi.core.lesson_status': 'incomplete',
      'cmi.suspend_data': record,
    }),
    location: 'cmi.core.lesson_location',
    reporter: (api: object, page?: Window) => createScorm12Reporter(api as Scorm12Api, page),
  },
  {
    edition: 'SCORM 2004',
    version: '2004',
    property: 'API_1484_11',
    names: { initialize: 'Initialize', set: 'SetValue', finish: 'Terminate' },
    runtime: (preload: Record<string, string> = {}) => {
      const api = new Scorm2004API(LMS_SETTINGS);
      api.loadFromFlattenedJSON({ 'cmi.entry': 'ab-initio', ...preload }, '');
      return { api, interactions: () => api.cmi.interactions.childArray.length };
    },
    resumed: (record: string) => ({
      'cmi.entry': 'resume',
      'cmi.completion_status': 'incomplete',
      'cmi.suspend_data': record,
    }),
    location: 'cmi.location',
    reporter: (api: object, page?: Window) => createScorm2004Reporter(api as Scorm2004Api, page),
  },
] as const;

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

/** Errors and rejections that reach the page: none should. */
function pageErrors(): unknown[] {
  const errors: unknown[] = [];
  const onError = (event: ErrorEvent) => errors.push(event.error ?? event.message);
  const onRejection = (event: PromiseRejectionEvent) => errors.push(event.reason);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  cleanups.push(() => {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
  });
  return errors;
}

/** Puts an API in this window as an LMS does, taken away after the test. */
function install(property: string, api: object): void {
  (window as unknown as Holder)[property] = api;
  cleanups.push(() => Reflect.deleteProperty(window, property));
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 0));

interface Moments {
  /** The lesson is done; the quiz comes next. */
  readonly beforeQuiz?: () => void | Promise<void>;
  /** The learner has just given their `n`th answer (from 1). */
  readonly answered?: (n: number) => void;
}

/**
 * The module's lesson and quiz, each action in a task of its own as a learner's clicks are. The
 * reporter hears each fact as it comes and gets the encoded journal after each action, as the
 * player gives them. The quiz is answered right.
 */
async function learn(
  reporter: Reporter,
  module: Module,
  moments: Moments = {},
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
  const [lesson, quiz] = module.activities as [Module['activities'][number], Quiz];
  if (lesson.type !== 'lesson' || quiz.type !== 'quiz') throw new Error('a lesson, then a quiz');
  await act(lesson.id);
  for (let page = 0; page < lesson.pages.length && session.status().completed < 1; page++) {
    await act(lesson.id, { type: 'learner.next' });
  }
  await moments.beforeQuiz?.();
  await act(quiz.id);
  await act(quiz.id, { type: 'learner.start' });
  for (let n = 1; n < 50 && session.status().completed < 2; n++) {
    const { itemIds, index } = session.activity(quiz.id)!.getSnapshot().context as {
      itemIds: string[];
      index: number;
    };
    const item = quiz.items.find((candidate) => candidate.id === itemIds[index])!;
    await act(quiz.id, { type: 'learner.submit', response: keyFor(item) });
    moments.answered?.(n);
    await act(quiz.id, { type: 'learner.next' });
  }
  return { session, facts };
}

const answersOf = (facts: readonly Fact[]) =>
  facts.flatMap((fact) =>
    fact.type === 'item.answered' ? [`${fact.activityId}_${fact.itemId}`] : [],
  );

/** The one notice a learner should see when the LMS goes away. */
function expectOneNotice(notices: readonly LmsNotice[]) {
  expect(notices.map((notice) => notice.kind)).to.deep.equal(['unreachable']);
  expect(notices[0]!.message).to.contain('kept on this device');
  expect(notices[0]!.detail).to.match(/^The LMS API has gone away: /);
}

for (const edition of EDITIONS) {
  const { names, version, property } = edition;
  const methods = API_METHODS[version];

  describe(`${edition.edition} reporter when the LMS API goes away`, () => {
    let module: Module;
    before(async () => {
      module = await showcaseModule();
    });

    for (const way of ['removed', 'navigated'] as const) {
      it(`calls nothing more once the LMS frame holding the API is ${way}, tells the learner once, and lets them go on`, async function () {
        this.timeout(60_000);
        const errors = pageErrors();
        const { api: runtime } = edition.runtime();
        const calls = spyApi(runtime, methods);
        const { frame, lms, content, api } = await lmsFrame(runtime, version);
        expect(findScormApi(content)?.api, 'the API, found from the content').to.equal(api);
        const reporter = edition.reporter(api, content);
        const notices: LmsNotice[] = [];
        reporter.onNotice((notice) => notices.push(notice));
        await reporter.start(module);
        let held = 0;
        const { session } = await learn(reporter, module, {
          beforeQuiz: async () => {
            expect(calls.some((call) => call.method === names.set)).to.equal(true);
            held = calls.length;
            if (way === 'removed') {
              frame.remove();
              return;
            }
            lms.location.replace('/tests/fixtures/scorm/blank.html');
            await until(
              () =>
                frame.contentDocument?.readyState === 'complete' &&
                frame.contentDocument.URL.endsWith('blank.html'),
              'the LMS frame to show another page',
            );
          },
        });
        reporter.finish();
        await pause();

        expect(session.status().completed, 'the lesson and the quiz').to.equal(2);
        expect(calls.length, 'calls after the LMS frame went').to.equal(held);
        expectOneNotice(notices);
        expect(errors).to.deep.equal([]);
      });
    }

    it('stops at the first call that throws once every method of the API throws', async function () {
      this.timeout(60_000);
      const errors = pageErrors();
      const { api: runtime } = edition.runtime();
      const api = adapter(runtime, version);
      install(property, api);
      const reporter = edition.reporter(api);
      const notices: LmsNotice[] = [];
      reporter.onNotice((notice) => notices.push(notice));
      await reporter.start(module);
      const attempts: string[] = [];
      const { session } = await learn(reporter, module, {
        beforeQuiz: () => {
          // What is left of an adapter whose LMS page has gone: every call fails.
          for (const name of methods) {
            api[name] = () => {
              attempts.push(name);
              throw new TypeError('the LMS page has gone');
            };
          }
        },
      });
      reporter.finish();
      await pause();

      expect(session.status().completed).to.equal(2);
      // The failing call, and the error query that found nothing answers: nothing after them.
      expect(attempts).to.have.length(2);
      expect(attempts[1]).to.match(/GetLastError$/);
      expectOneNotice(notices);
      expect(notices[0]!.detail).to.contain('the LMS page has gone');
      expect(errors).to.deep.equal([]);
    });

    it('calls nothing more once the LMS has deleted the methods of its API', async function () {
      this.timeout(60_000);
      const errors = pageErrors();
      const { api: runtime } = edition.runtime();
      const calls = spyApi(runtime, methods);
      const api = adapter(runtime, version);
      install(property, api);
      const reporter = edition.reporter(api);
      const notices: LmsNotice[] = [];
      reporter.onNotice((notice) => notices.push(notice));
      await reporter.start(module);
      let held = 0;
      const { session } = await learn(reporter, module, {
        beforeQuiz: () => {
          held = calls.length;
          for (const name of methods) Reflect.deleteProperty(api, name);
        },
      });
      reporter.finish();
      await pause();

      expect(session.status().completed).to.equal(2);
      expect(calls.length).to.equal(held);
      expectOneNotice(notices);
      expect(notices[0]!.detail).to.contain(`no longer has ${names.initialize}`);
      expect(errors).to.deep.equal([]);
    });

    it('finds the API the LMS puts up again on the next save, and gives it everything it missed', async function () {
      this.timeout(60_000);
      const errors = pageErrors();
      const first = edition.runtime();
      const firstCalls = spyApi(first.api, methods);
      const api = adapter(first.api, version);
      install(property, api);
      const reporter = edition.reporter(api);
      const notices: LmsNotice[] = [];
      reporter.onNotice((notice) => notices.push(notice));
      await reporter.start(module);
      let held = 0;
      let second: ReturnType<typeof edition.runtime> | undefined;
      let secondCalls: ReturnType<typeof spyApi> = [];
      const { session, facts } = await learn(reporter, module, {
        beforeQuiz: () => {
          // The LMS takes its API away (its page reloads, say); the old object still answers.
          held = firstCalls.length;
          Reflect.deleteProperty(window, property);
        },
        answered: (n) => {
          if (n !== 2) return;
          // …and puts up a new one, with what it had kept of the attempt.
          second = edition.runtime(edition.resumed(String(first.api.cmi.suspend_data)));
          secondCalls = spyApi(second.api, methods);
          install(property, adapter(second.api, version));
        },
      });
      const answers = answersOf(facts);
      expect(answers.length).to.be.at.least(6);
      const latest = await encodeJournal(session.journal(), reporter.resumeLimit);
      // Sent while the learner is here, not only as the page goes away.
      expect(second!.interactions()).to.equal(answers.length);
      expect(second!.api.cmi.suspend_data).to.equal(latest);
      reporter.finish();
      await pause();

      expect(firstCalls.length, 'calls to the API taken away').to.equal(held);
      expect(notices.map((notice) => notice.kind)).to.deep.equal(['unreachable', 'recovered']);
      const methodsCalled = secondCalls.map((call) => call.method);
      expect(methodsCalled[0]).to.equal(names.initialize);
      expect(methodsCalled.filter((method) => method === names.initialize)).to.have.length(1);
      expect(methodsCalled.filter((method) => method === names.finish)).to.have.length(1);
      const ids = secondCalls
        .filter(
          (call) =>
            call.method === names.set && /^cmi\.interactions\.\d+\.id$/.test(String(call.args[0])),
        )
        .map((call) => String(call.args[1]));
      expect(ids, 'every answer, the two given while it was away first').to.deep.equal(answers);
      const location = secondCalls.filter(
        (call) => call.method === names.set && call.args[0] === edition.location,
      );
      expect(location.at(-1)?.args[1]).to.equal(module.activities[1]!.id);
      // Its record brings the learner back to where they are.
      const journal = await decodeJournal(String(second!.api.cmi.suspend_data));
      expect(createSession(module, { journal: journal! }).status()).to.deep.equal(session.status());
      expect(errors).to.deep.equal([]);
    });
  });
}

// ── through the player ──────────────────────────────────────────────────────────────────────

/** Two questions, pass mark 100 %. */
const doc = {
  schemaVersion: 1,
  id: 'lms-vanish',
  version: '1.0.0',
  language: 'en',
  title: 'Reporting check',
  summary: 'Two questions.',
  objectives: [{ id: 'LO1', text: 'Answer two questions.' }],
  estimatedMinutes: 2,
  assessment: { passMark: 100 },
  activities: [
    {
      type: 'quiz',
      id: 'quiz',
      title: 'Two questions',
      objectives: ['LO1'],
      items: ['one', 'two'].map((id) => ({
        type: 'single',
        id,
        prompt: `Question ${id}`,
        rationale: 'Because.',
        options: [
          { id: 'right', text: 'Right', correct: true },
          { id: 'wrong', text: 'Wrong' },
        ],
      })),
    },
  ],
};

const text = (el: Element) => el.shadowRoot!.textContent ?? '';
const quizOf = (el: CpPlayer) => el.shadowRoot!.querySelector('cp-quiz');

function storageName(): string {
  const name = `cp-player-vanish-${crypto.randomUUID()}`;
  after(() => new Promise((resolve) => (indexedDB.deleteDatabase(name).onsuccess = resolve)));
  return name;
}

async function player(name: string, lms: string) {
  const el = await fixture<CpPlayer>(
    html`<cp-player src=${moduleUrl(doc)} storage-name=${name} lms=${lms}></cp-player>`,
  );
  await until(() => button(el, /^(Continue|Start)/, true) !== undefined, 'the module to load');
  return el;
}

async function answer(el: CpPlayer, optionText: string) {
  await until(() => !!quizOf(el)?.shadowRoot?.querySelector('input[type="radio"]'), 'a question');
  const root = quizOf(el)!.shadowRoot!;
  const label = [...root.querySelectorAll('label')].find(
    (candidate) => candidate.textContent?.trim() === optionText,
  )!;
  (root.getElementById(label.htmlFor) as HTMLInputElement).click();
  await quizOf(el)!.updateComplete;
  button(quizOf(el)!, 'Submit answer').click();
  await until(
    () => button(quizOf(el)!, /^(Next question|See results)$/, true) !== undefined,
    'feedback',
  );
}

describe('<cp-player lms="scorm12"> when the LMS API goes away', () => {
  it('tells the learner once, lets them answer on, and keeps their progress on this device', async function () {
    this.timeout(60_000);
    const errors = pageErrors();
    const runtime = new Scorm12API(LMS_SETTINGS);
    runtime.loadFromFlattenedJSON({ 'cmi.core.student_id': 'learner-7' }, '');
    const calls = spyApi(runtime, API_METHODS['1.2']);
    install('API', adapter(runtime, '1.2'));
    const name = storageName();
    const el = await player(name, 'scorm12');
    button(el, 'Start').click();
    await until(() => !!button(el, 'Open: Two questions', true), 'the overview');
    button(el, 'Open: Two questions').click();
    await until(() => !!quizOf(el), 'the quiz');
    await quizOf(el)!.updateComplete;
    button(quizOf(el)!, 'Start').click();
    await answer(el, 'Right');
    const result = (n: number) =>
      calls.find(
        (call) => call.method === 'LMSSetValue' && call.args[0] === `cmi.interactions.${n}.result`,
      );
    await until(() => result(0) !== undefined, 'the first answer in the LMS');

    // The LMS takes its API away, as when its page reloads.
    Reflect.deleteProperty(window, 'API');
    const held = calls.length;
    button(quizOf(el)!, 'Next question').click();
    await answer(el, 'Wrong');
    const notice = 'Your LMS is not answering';
    await until(() => text(el).includes(notice), 'the notice');
    await until(() => text(el).includes('All progress saved'), 'saved on this device');
    expect(text(el).split(notice), 'the notice, once').to.have.length(2);
    await expect(el).to.be.accessible();
    el.remove();
    await pause();
    expect(calls.length, 'calls after the API was taken away').to.equal(held);
    expect(result(1)).to.equal(undefined);
    expect(errors).to.deep.equal([]);

    // Nothing is lost: launched again by the LMS, this device has both answers, the one given
    // after the LMS went too.
    const relaunched = new Scorm12API(LMS_SETTINGS);
    relaunched.loadFromFlattenedJSON({ 'cmi.core.student_id': 'learner-7' }, '');
    install('API', adapter(relaunched, '1.2'));
    const again = await player(name, 'scorm12');
    expect(text(again)).to.contain('Welcome back');
    button(again, 'Continue where you left off').click();
    await until(() => !!quizOf(again) && !!button(quizOf(again)!, 'See results', true), 'the quiz');
    button(quizOf(again)!, 'See results').click();
    await until(() => text(quizOf(again)!).includes('Your score:'), 'the results');
    expect(text(quizOf(again)!)).to.match(/Your score:\s*50\s*%/);
  });
});
