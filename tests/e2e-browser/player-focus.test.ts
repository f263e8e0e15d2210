/**
 * Where focus goes, and what is announced, when a keyboard learner moves between `<cp-player>`'s
 * overview and an activity, shown on the small engine fixture. The keyboard walk through every
 * shipped module (keyboard.test.ts) found each of these failing on the player of 1cc0757: focus
 * left on <body> after opening or leaving an activity, and the module's result written into a
 * live region inserted with it.
 */
import { expect } from '@open-wc/testing';
import '../../src/elements/cp-player/cp-player.ts';
import type { CpPlayer } from '../../src/elements/cp-player/cp-player.ts';
import { engineFixture } from '../helpers/engine-fixture.ts';
import { moduleUrl } from '../helpers/dom.ts';
import { deepActive, describeElement, pressOn, waitFor } from '../helpers/keyboard.ts';
import { mountPlayer, words } from '../helpers/keyboard-learner.ts';

const [lesson, , , assessed] = engineFixture.activities;

/**
 * The engine fixture's lesson and assessed scenario (a pass mark needs something scored), with a
 * content note on the module and maybe on the lesson.
 */
function lessonFirst(contentNote?: string): unknown {
  return {
    ...structuredClone(engineFixture),
    contentNotes: ['This module talks about exploitation.'],
    activities: [
      { ...structuredClone(lesson!), ...(contentNote ? { contentNote } : {}) },
      structuredClone(assessed!),
    ],
  };
}

const text = (player: CpPlayer) => words(player.shadowRoot!.textContent);

/** The player past its introduction, on the overview, by keyboard. */
async function overview(doc: unknown): Promise<CpPlayer> {
  const player = await mountPlayer(moduleUrl(doc));
  await pressOn('Continue');
  await waitFor(() => text(player).includes('activities done'), 'the overview');
  return player;
}

async function openLesson(player: CpPlayer): Promise<Element> {
  await pressOn('Open: Lesson');
  await waitFor(() => !!player.shadowRoot!.querySelector('cp-lesson'), 'the lesson');
  const el = player.shadowRoot!.querySelector('cp-lesson')!;
  await el.updateComplete;
  return el;
}

/** Whether the deep focus is, or soon is, inside `root` (a shadow root or an element). */
async function focusIn(root: ParentNode & Node): Promise<boolean> {
  const inside = () => root.contains(deepActive());
  // The player focuses an activity's heading once the activity has rendered.
  await waitFor(inside, 'focus', 1_000).catch(() => undefined);
  return inside();
}

describe('<cp-player> focus and announcements, by keyboard', () => {
  it('moves focus into the activity it opens', async () => {
    const player = await overview(lessonFirst());
    const el = await openLesson(player);
    expect(
      await focusIn(el.shadowRoot!),
      `focus is on ${describeElement(deepActive())}, not in the lesson`,
    ).to.equal(true);
  });

  it('moves focus into the activity opened past its content note', async () => {
    const player = await overview(lessonFirst('A hard case follows.'));
    await pressOn('Open: Lesson');
    await waitFor(() => text(player).includes('A hard case follows.'), 'the note');
    await pressOn('Continue');
    await waitFor(() => !!player.shadowRoot!.querySelector('cp-lesson'), 'the lesson');
    const el = player.shadowRoot!.querySelector('cp-lesson')!;
    await el.updateComplete;
    expect(
      await focusIn(el.shadowRoot!),
      `focus is on ${describeElement(deepActive())}, not in the lesson`,
    ).to.equal(true);
  });

  it('moves focus back to the overview when the learner leaves an activity', async () => {
    const player = await overview(lessonFirst());
    await openLesson(player);
    // The way out is before the lesson.
    await pressOn('Back to all activities', { backward: true, limit: 10 });
    await waitFor(() => !player.shadowRoot!.querySelector('cp-lesson'), 'the overview');
    const section = player.shadowRoot!.querySelector('section[aria-labelledby="overview-title"]')!;
    expect(
      await focusIn(section),
      `focus is on ${describeElement(deepActive())}, not in the overview`,
    ).to.equal(true);
  });

  it('announces the module’s result from a live region that was there before', async () => {
    const player = await overview(lessonFirst());
    await openLesson(player);
    await pressOn('Next page');
    await pressOn('Next page', { limit: 10 });
    await pressOn('Finish lesson');
    await waitFor(() => text(player).includes('1 of 2 activities done'), 'the overview');
    await pressOn('Open: Assessed');
    for (const choice of ['Right', 'Close']) {
      await pressOn(choice, { limit: 20 });
      await pressOn('Continue', { limit: 20 });
    }
    const scenario = player.shadowRoot!.querySelector('cp-scenario')!;
    await waitFor(() => !!scenario.shadowRoot!.querySelector('#ending-title'), 'the ending');
    // The regions in the DOM just before the last key press of the module.
    const before = new Set([
      ...player.shadowRoot!.querySelectorAll('[role="status"]'),
      ...scenario.shadowRoot!.querySelectorAll('[role="status"]'),
    ]);
    await pressOn('Back to the module', { limit: 30 });
    await waitFor(() => text(player).includes('Passed'), 'the results');
    const region = [...player.shadowRoot!.querySelectorAll('[role="status"]')].find((candidate) =>
      words(candidate.textContent).includes('Passed'),
    );
    expect(region, 'a live region says "Passed"').to.not.equal(undefined);
    expect(
      before.has(region!),
      'the region saying "Passed" was inserted with its text, so it is not announced',
    ).to.equal(true);
  });
});
