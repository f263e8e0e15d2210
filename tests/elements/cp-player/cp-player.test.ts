import { expect, fixture, html } from '@open-wc/testing';
import { SimulatedClock } from 'xstate';
import '../../../src/elements/cp-player/cp-player.ts';
import type { CpPlayer } from '../../../src/elements/cp-player/cp-player.ts';
import type { CpAnswerEvent } from '../../../src/events/cp-answer.ts';
import type { CpCompleteEvent } from '../../../src/events/cp-complete.ts';
import type { CpErrorEvent } from '../../../src/events/cp-error.ts';
import type { CpProgressEvent } from '../../../src/events/cp-progress.ts';
import { engineFixture } from '../../helpers/engine-fixture.ts';
import { button, moduleUrl, until } from '../../helpers/dom.ts';

const text = (el: Element) => el.shadowRoot!.textContent ?? '';

function document(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const doc = structuredClone(engineFixture) as unknown as Record<string, unknown>;
  return { ...doc, contentNotes: ['This module talks about exploitation.'], ...overrides };
}

/** A database of its own per test, deleted afterwards. */
function storageName(): string {
  const name = `cp-player-test-${crypto.randomUUID()}`;
  after(() => new Promise((resolve) => (indexedDB.deleteDatabase(name).onsuccess = resolve)));
  return name;
}

async function player(doc: unknown = document(), name = storageName()) {
  const el = await fixture<CpPlayer>(
    html`<cp-player
      src=${moduleUrl(doc)}
      storage-name=${name}
      .sessionOptions=${{ clock: new SimulatedClock(), newSeed: () => 7919 }}
    ></cp-player>`,
  );
  await until(() => button(el, /^(Continue|Start)/, true) !== undefined, 'the module to load');
  return el;
}

async function openLesson(el: CpPlayer) {
  button(el, 'Continue').click();
  await until(() => text(el).includes('0 of 4 activities done'), 'the overview');
  button(el, 'Open: Lesson').click();
  await until(() => !!el.shadowRoot!.querySelector('cp-lesson'), 'the lesson');
  const lesson = el.shadowRoot!.querySelector('cp-lesson')!;
  await lesson.updateComplete;
  return lesson;
}

describe('<cp-player>', () => {
  it('introduces the module: title, objectives, time and its content note', async () => {
    const el = await player();
    expect(el.shadowRoot!.querySelector('h1')!.textContent).to.equal('Engine fixture');
    expect(text(el)).to.contain('Tell the two crimes apart.');
    expect(text(el)).to.contain('About 5 minutes');
    expect(text(el)).to.contain('This module talks about exploitation.');
    expect(el.lang).to.equal('en');
    await expect(el).to.be.accessible();
  });

  it('respects "not now" on a content note', async () => {
    const el = await player();
    button(el, 'Not now').click();
    await until(() => text(el).includes('whenever you are ready'), 'the message');
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.contain(
      'whenever you are ready',
    );
  });

  it('shows progress, gates activities in order, and reports progress', async () => {
    const el = await player();
    const progress: CpProgressEvent[] = [];
    el.addEventListener('cp-progress', (event) => progress.push(event));
    const lesson = await openLesson(el);
    expect(button(el, 'Back to all activities').disabled).to.equal(false);
    button(lesson, 'Next page').click();
    await until(() => lesson.shadowRoot!.textContent!.includes('Page 2 of 3'), 'page 2');
    button(lesson, 'Next page').click();
    await until(() => progress.length === 1, 'cp-progress');
    expect(progress[0]!.detail).to.deep.include({
      moduleId: 'engine-fixture',
      completed: 1,
      total: 4,
    });
    button(lesson, 'Finish lesson').click();
    await until(() => text(el).includes('1 of 4 activities done (25 %)'), 'the overview again');
    expect(
      el.shadowRoot!.querySelector('[role="progressbar"]')!.getAttribute('aria-valuenow'),
    ).to.equal('25');
    expect(button(el, 'Open: Practice').disabled).to.equal(true);
    expect(button(el, 'Open: Quiz').disabled).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('keeps the learner’s place when it is moved in the page', async () => {
    const el = await player();
    const lesson = await openLesson(el);
    button(lesson, 'Next page').click();
    await until(() => lesson.shadowRoot!.textContent!.includes('Page 2 of 3'), 'page 2');
    const elsewhere = globalThis.document.createElement('section');
    globalThis.document.body.append(elsewhere);
    elsewhere.append(el); // disconnect + connect
    await el.updateComplete;
    const moved = el.shadowRoot!.querySelector('cp-lesson')!;
    await until(
      () => moved.shadowRoot!.textContent!.includes('Page 2 of 3'),
      'page 2 after the move',
    );
    elsewhere.remove();
  });

  it('shows an activity’s content note before opening it', async () => {
    const doc = document({ navigation: 'free' });
    (doc.activities as Record<string, unknown>[])[2]!['contentNote'] = 'A hard case follows.';
    const el = await player(doc);
    button(el, 'Continue').click();
    await until(() => text(el).includes('activities done'), 'the overview');
    button(el, 'Open: Practice').click();
    await until(() => text(el).includes('A hard case follows.'), 'the note');
    await expect(el).to.be.accessible();
    button(el, 'Not now').click();
    await until(() => !text(el).includes('A hard case follows.'), 'the overview');
    button(el, 'Open: Practice').click();
    await until(() => text(el).includes('A hard case follows.'), 'the note');
    button(el, 'Continue').click();
    await until(() => !!el.shadowRoot!.querySelector('cp-scenario'), 'the scenario');
  });

  it('lists every problem of a broken module and fires cp-error', async () => {
    const errors: CpErrorEvent[] = [];
    const listener = (event: Event) => errors.push(event as CpErrorEvent);
    globalThis.document.addEventListener('cp-error', listener);
    const broken = { ...document(), activities: [] };
    const el = await fixture<CpPlayer>(
      html`<cp-player src=${moduleUrl(broken)} storage-name=${storageName()}></cp-player>`,
    );
    await until(() => text(el).includes('could not be loaded'), 'the problems');
    globalThis.document.removeEventListener('cp-error', listener);
    expect(text(el)).to.contain('activities: needs at least 1 entry');
    expect(errors[0]!.detail.problems![0]!.path).to.equal('activities');
    await expect(el).to.be.accessible();
  });

  it('completes the module, fires cp-answer and cp-complete, and shows results', async () => {
    const el = await player(document({ navigation: 'free' }));
    const answers: CpAnswerEvent[] = [];
    const complete: CpCompleteEvent[] = [];
    el.addEventListener('cp-answer', (event) => answers.push(event));
    el.addEventListener('cp-complete', (event) => complete.push(event));
    button(el, 'Continue').click();
    await until(() => text(el).includes('activities done'), 'the overview');
    // Drive the engine directly: the elements for each activity have tests of their own.
    const session = (
      el as unknown as { sessions: { session: import('../../../src/engine/session.ts').Session } }
    ).sessions.session;
    session.open('lesson');
    session.sendTo('lesson', { type: 'learner.next' });
    session.sendTo('lesson', { type: 'learner.next' });
    for (const id of ['practice', 'assessed']) {
      session.open(id);
      for (const choiceId of id === 'practice' ? ['good', 'refer'] : ['right', 'close']) {
        session.sendTo(id, { type: 'learner.choose', choiceId });
        session.sendTo(id, { type: 'learner.next' });
      }
    }
    session.open('quiz');
    session.sendTo('quiz', { type: 'learner.start' });
    const quiz = session.activity('quiz')!;
    const responses: Record<string, unknown> = {
      q1: { type: 'single', optionId: 'a' },
      q2: { type: 'trueFalse', value: true },
      q3: { type: 'ordering', order: ['s1', 's2'] },
    };
    while (quiz.getSnapshot().matches('attempting')) {
      const { itemIds, index } = quiz.getSnapshot().context;
      if (quiz.getSnapshot().matches({ attempting: 'answering' })) {
        session.sendTo('quiz', { type: 'learner.submit', response: responses[itemIds[index]] });
      } else session.sendTo('quiz', { type: 'learner.next' });
    }
    session.send({ type: 'learner.close' });
    await until(() => complete.length === 1, 'cp-complete');
    expect(complete[0]!.detail).to.deep.include({ moduleId: 'engine-fixture', passed: true });
    expect(answers.length).to.equal(6);
    await until(() => text(el).includes('Passed'), 'the results');
    await until(() => el.shadowRoot!.querySelector('cp-certificate') !== null, 'the certificate');
    await expect(el).to.be.accessible();
  });
});
