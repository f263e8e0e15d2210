/**
 * `<cp-player>` in an LMS page: it finds the LMS by itself, reports answers and the result,
 * keeps the LMS's copy of the compact resume record, honours the LMS's pass mark, and a learner
 * relaunched on a device with nothing saved continues where the LMS says they were. Without an
 * LMS it says that progress stays on the device. scorm-again is the LMS.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/cp-player/cp-player.ts';
import type { CpPlayer } from '../../../src/elements/cp-player/cp-player.ts';
import { button, moduleUrl, until } from '../../helpers/dom.ts';
import { LMS_SETTINGS, Scorm12API } from '../../helpers/scorm-lms.ts';

const text = (el: Element) => el.shadowRoot!.textContent ?? '';

/** Two questions, pass mark 100 %: one right answer out of two fails, unless the LMS says 50. */
const doc = {
  schemaVersion: 1,
  id: 'lms-check',
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

function storageName(): string {
  const name = `cp-player-lms-${crypto.randomUUID()}`;
  after(() => new Promise((resolve) => (indexedDB.deleteDatabase(name).onsuccess = resolve)));
  return name;
}

type Lms = InstanceType<typeof Scorm12API>;
declare global {
  interface Window {
    API?: Lms;
  }
}

/** An LMS in this window, with what it already holds for the learner; every set recorded. */
function installLms(preload: Record<string, string> = {}) {
  const api = new Scorm12API(LMS_SETTINGS);
  api.loadFromFlattenedJSON(
    { 'cmi.core.student_id': 'learner-7', 'cmi.core.student_name': 'Doe, Jo', ...preload },
    '',
  );
  const sets: [string, string][] = [];
  const calls: string[] = [];
  const target = api as unknown as Record<string, (...args: string[]) => string>;
  for (const method of ['LMSInitialize', 'LMSSetValue', 'LMSCommit', 'LMSFinish']) {
    const original = target[method]!.bind(api);
    target[method] = (...args: string[]) => {
      calls.push(method);
      if (method === 'LMSSetValue') sets.push([args[0]!, args[1]!]);
      return original(...args);
    };
  }
  window.API = api;
  after(() => delete window.API);
  return {
    api,
    sets,
    calls,
    value: (name: string) => sets.filter(([n]) => n === name).at(-1)?.[1],
  };
}

async function player(name: string, lms = 'auto') {
  const el = await fixture<CpPlayer>(
    html`<cp-player src=${moduleUrl(doc)} storage-name=${name} lms=${lms}></cp-player>`,
  );
  await until(() => button(el, /^(Continue|Start)/, true) !== undefined, 'the module to load');
  return el;
}

async function answer(el: CpPlayer, optionText: string) {
  const quiz = () => el.shadowRoot!.querySelector('cp-quiz')!;
  await until(() => !!quiz()?.shadowRoot?.querySelector('input[type="radio"]'), 'a question');
  const root = quiz().shadowRoot!;
  const label = [...root.querySelectorAll('label')].find(
    (candidate) => candidate.textContent?.trim() === optionText,
  )!;
  const radio = root.getElementById(label.htmlFor) as HTMLInputElement;
  radio.click();
  await quiz().updateComplete;
  button(quiz(), 'Submit answer').click();
  await until(
    () => button(quiz(), /^(Next question|See results)$/, true) !== undefined,
    'feedback',
  );
}

async function startQuiz(el: CpPlayer) {
  button(el, /^(Continue where you left off|Start)$/).click();
  const open = () => button(el, /^(Open|Continue): Two questions$/, true);
  // A resumed learner is put back inside the quiz; a new one sees the overview first.
  await until(() => !!open() || !!el.shadowRoot!.querySelector('cp-quiz'), 'the overview');
  open()?.click();
  await until(() => !!el.shadowRoot!.querySelector('cp-quiz'), 'the quiz');
  const quiz = el.shadowRoot!.querySelector('cp-quiz')!;
  await quiz.updateComplete;
  button(quiz, 'Start', true)?.click();
}

describe('<cp-player> and the LMS', () => {
  it('says progress stays on the device when no LMS is found, and nothing with lms="none"', async () => {
    const auto = await player(storageName());
    await until(() => text(auto).includes('No LMS was found'), 'the standalone notice');
    await expect(auto).to.be.accessible();
    const none = await player(storageName(), 'none');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(text(none)).not.to.contain('No LMS was found');
  });

  it('reports to a SCORM 1.2 LMS it finds, with the LMS pass mark, and resumes from it on an empty device', async () => {
    const first = installLms({ 'cmi.student_data.mastery_score': '50' });
    const el = await player(storageName());
    expect(first.calls.filter((call) => call === 'LMSInitialize')).to.have.length(1);
    expect(text(el)).not.to.contain('No LMS was found');
    await startQuiz(el);
    const firstPrompt = () =>
      /Question (one|two)/.exec(
        el.shadowRoot!.querySelector('cp-quiz')!.shadowRoot!.textContent!,
      )![0];
    await answer(el, 'Right');
    const answered = firstPrompt();
    await until(() => first.value('cmi.interactions.0.result') === 'correct', 'the interaction');
    await until(() => (first.value('cmi.suspend_data') ?? '').length > 0, 'the resume record');
    expect(first.value('cmi.core.lesson_location')).to.equal('quiz');
    expect(first.value('cmi.suspend_data')!.length).to.be.at.most(4096);
    // The page goes away mid-quiz: one finish, suspended.
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(first.calls.filter((call) => call === 'LMSFinish')).to.have.length(1);
    expect(first.value('cmi.core.exit')).to.equal('suspend');
    const saved = first.value('cmi.suspend_data')!;
    el.remove();

    // Relaunched on another device: nothing in IndexedDB, the LMS has the record.
    const second = installLms({
      'cmi.core.entry': 'resume',
      'cmi.suspend_data': saved,
      'cmi.core.lesson_location': 'quiz',
      'cmi.student_data.mastery_score': '50',
    });
    const again = await player(storageName());
    await until(() => !!button(again, 'Continue where you left off', true), 'the resume offer');
    await startQuiz(again);
    const quiz = again.shadowRoot!.querySelector('cp-quiz')!;
    // Back on the question answered, with its feedback, then on to the other one.
    await until(
      () => !!button(quiz, 'Next question', true),
      'the feedback of the answered question',
    );
    expect(quiz.shadowRoot!.textContent).to.contain(answered);
    button(quiz, 'Next question').click();
    await answer(again, 'Wrong');
    button(quiz, 'See results').click();
    // One of two right: 50 % meets the LMS's pass mark of 50 (the module's own is 100).
    await until(() => second.value('cmi.core.lesson_status') === 'passed', 'passed');
    expect(second.value('cmi.core.score.raw')).to.equal('50');
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(second.calls.filter((call) => call === 'LMSFinish')).to.have.length(1);
    expect(second.calls.at(-1)).to.equal('LMSFinish');
  });
});
