/** <cp-player> keeps progress on this device: resume, start over, saved state, failures, tabs. */
import { expect, fixture, html } from '@open-wc/testing';
import { SimulatedClock } from 'xstate';
import '../../../src/elements/cp-player/cp-player.ts';
import type { CpPlayer } from '../../../src/elements/cp-player/cp-player.ts';
import { engineFixture } from '../../helpers/engine-fixture.ts';
import { button, moduleUrl, until } from '../../helpers/dom.ts';

const text = (el: Element) => el.shadowRoot!.textContent ?? '';
const lessonOf = (el: CpPlayer) => el.shadowRoot!.querySelector('cp-lesson');

function storageName(): string {
  const name = `cp-progress-test-${crypto.randomUUID()}`;
  after(() => new Promise((resolve) => (indexedDB.deleteDatabase(name).onsuccess = resolve)));
  return name;
}

async function player(src: string, name: string) {
  const el = await fixture<CpPlayer>(
    html`<cp-player
      src=${src}
      storage-name=${name}
      .sessionOptions=${{ clock: new SimulatedClock(), newSeed: () => 7919 }}
    ></cp-player>`,
  );
  await until(() => button(el, /^(Start|Continue)/, true) !== undefined, 'the intro');
  return el;
}

/** Starts, opens the lesson and turns to page 2; resolves once that is saved. */
async function readToPageTwo(el: CpPlayer) {
  button(el, 'Start').click();
  await until(() => text(el).includes('activities done'), 'the overview');
  button(el, 'Open: Lesson').click();
  await until(() => lessonOf(el) !== null, 'the lesson');
  await lessonOf(el)!.updateComplete;
  button(lessonOf(el)!, 'Next page').click();
  await until(() => text(lessonOf(el)!).includes('Page 2 of 3'), 'page 2');
  await until(() => text(el).includes('All progress saved'), '"saved"');
}

describe('<cp-player> progress on this device', () => {
  it('says "saved" once written, and offers to continue after a reload', async () => {
    const src = moduleUrl(engineFixture);
    const name = storageName();
    const first = await player(src, name);
    await readToPageTwo(first);
    await expect(first).to.be.accessible();
    first.remove();

    const again = await player(src, name);
    expect(text(again)).to.contain('Welcome back');
    await expect(again).to.be.accessible();
    button(again, 'Continue where you left off').click();
    await until(() => lessonOf(again) !== null, 'the lesson, open where it was');
    await until(() => text(lessonOf(again)!).includes('Page 2 of 3'), 'page 2 again');
  });

  it('starts over on request and keeps nothing of the old place', async () => {
    const src = moduleUrl(engineFixture);
    const name = storageName();
    const first = await player(src, name);
    await readToPageTwo(first);
    first.remove();
    const again = await player(src, name);
    button(again, 'Start over').click();
    await until(() => text(again).includes('0 of 4 activities done'), 'a fresh overview');
    expect(lessonOf(again)).to.equal(null);
  });

  it('runs in memory and says so when IndexedDB is missing', async () => {
    const original = Object.getOwnPropertyDescriptor(globalThis, 'indexedDB')!;
    Object.defineProperty(globalThis, 'indexedDB', { configurable: true, value: undefined });
    try {
      const el = await player(moduleUrl(engineFixture), `cp-missing-${crypto.randomUUID()}`);
      button(el, 'Start').click();
      await until(() => text(el).includes('activities done'), 'the overview');
      expect(
        el.shadowRoot!.querySelector('[role="status"].storage-messages')!.textContent,
      ).to.match(/can.t be saved|not be kept|kept in this page/i);
      button(el, 'Open: Lesson').click();
      await until(() => lessonOf(el) !== null, 'the lesson still works');
      await expect(el).to.be.accessible();
    } finally {
      Object.defineProperty(globalThis, 'indexedDB', original);
    }
  });

  it('makes a second tab read-only until the learner continues there', async () => {
    const src = moduleUrl(engineFixture);
    const name = storageName();
    const first = await player(src, name);
    await readToPageTwo(first);
    const second = await player(src, name);
    expect(text(second)).to.contain('Welcome back');
    button(second, 'Continue where you left off').click();
    await until(() => text(second).includes('open in another tab'), 'the read-only message');
    await expect(second).to.be.accessible();
    button(second, 'Continue here').click();
    // The first tab finishes its writes before it hands over (at most a few seconds).
    await until(() => !text(second).includes('open in another tab'), 'the take-over', 15_000);
    await until(
      () => text(first).includes('continued this course in another tab'),
      'the first tab told',
      15_000,
    );
    first.remove();
    second.remove();
  });
});
