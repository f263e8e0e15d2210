/**
 * A learner who uses only the keyboard, taking each kind of activity inside `<cp-player>`: Tab and
 * Shift+Tab to a control found by role and accessible name, Enter, Space, arrows and typing.
 * The module's content says what the right answers are; the elements' state is read (which item
 * is on screen), never driven.
 */
import { fixture } from '@open-wc/testing';
import { html, render } from 'lit';
import { renderInlineMarkdown } from '../../src/content/markdown.ts';
import type { Item, Lesson, Quiz, Scenario } from '../../src/content/schema.ts';
import type { CpPlayer } from '../../src/elements/cp-player/cp-player.ts';
import type { CpQuiz } from '../../src/elements/cp-quiz/cp-quiz.ts';
import type { QuizContext } from '../../src/engine/quiz.machine.ts';
import { analyseScenario } from '../../src/engine/scenario-graph.ts';
import { keyFor } from '../../src/engine/scoring.ts';
import { button } from './dom.ts';
import {
  accessibleName,
  deepActive,
  describeElement,
  named,
  press,
  pressOn,
  roleOf,
  tabToControl,
  typeText,
  waitFor,
} from './keyboard.ts';

export const words = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/** Inline Markdown as the words a label shows. */
export function plain(markdown: string): string {
  const host = document.createElement('div');
  render(html`${renderInlineMarkdown(markdown)}`, host);
  return words(host.textContent);
}

/**
 * A database and a learner of the player's own, so that nothing saved by another test (or another
 * tab running the same module) is offered to resume; the database is deleted after the suite.
 */
function freshProgress(): { readonly storageName: string; readonly learner: string } {
  const id = crypto.randomUUID();
  const storageName = `cp-keyboard-${id}`;
  after(
    () =>
      new Promise<void>((resolve) => {
        const request = indexedDB.deleteDatabase(storageName);
        request.onsuccess = request.onerror = request.onblocked = () => resolve();
      }),
  );
  return { storageName, learner: `keyboard-${id}` };
}

/** `<cp-player>` on a module with seeded draws, once its introduction offers to begin. */
export async function mountPlayer(src: string, seed = 7919): Promise<CpPlayer> {
  const { storageName, learner } = freshProgress();
  const player = await fixture<CpPlayer>(
    html`<cp-player
      src=${src}
      storage-name=${storageName}
      learner=${learner}
      .sessionOptions=${{ newSeed: () => seed }}
    ></cp-player>`,
  );
  await waitFor(() => button(player, /^(Continue|Start)$/, true) !== undefined, 'the introduction');
  return player;
}

/** The element of this tag inside the player's shadow root, once it has rendered. */
export async function shown<K extends keyof HTMLElementTagNameMap>(
  player: CpPlayer,
  tag: K,
): Promise<HTMLElementTagNameMap[K]> {
  await waitFor(() => !!player.shadowRoot!.querySelector(tag), `<${tag}> in the player`);
  const el = player.shadowRoot!.querySelector(tag)!;
  await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  return el;
}

const text = (el: Element) => words(el.shadowRoot!.textContent);

/**
 * Waits for the deep focus to land on the element `target` finds (an element may move focus once
 * a child has rendered), or fails saying where focus is instead.
 */
export async function focusLandsOn(
  target: () => Element | null | undefined,
  what: string,
): Promise<void> {
  try {
    await waitFor(() => !!target() && deepActive() === target(), what, 2_000);
  } catch {
    throw new Error(`focus should be on ${what}, but is on ${describeElement(deepActive())}`);
  }
}

/** Every page with "Next page", then "Finish lesson". */
export async function readLesson(player: CpPlayer, lesson: Lesson): Promise<void> {
  const el = await shown(player, 'cp-lesson');
  for (let page = 0; page < lesson.pages.length; page++) {
    await waitFor(
      () => text(el).includes(`Page ${page + 1} of ${lesson.pages.length}`),
      `page ${page + 1} of "${lesson.title}"`,
    );
    // The first page from the player, every other from the lesson.
    await focusLandsOn(() => el.shadowRoot!.querySelector('h2'), `the heading of page ${page + 1}`);
    const last = page === lesson.pages.length - 1;
    await pressOn(last ? 'Finish lesson' : 'Next page', { limit: 100 });
  }
}

const quizPart = (el: CpQuiz, selector: string) => el.shadowRoot!.querySelector(selector);

/** Chooses the radio named `target` in the group Tab enters: arrows move and check, Space checks. */
async function chooseRadio(target: string, count: number): Promise<void> {
  let radio = (await tabToControl((el) => roleOf(el) === 'radio')) as HTMLInputElement;
  for (let i = 0; i < count && accessibleName(radio) !== target; i++) {
    await press('ArrowDown');
    radio = deepActive() as HTMLInputElement;
  }
  if (accessibleName(radio) !== target) throw new Error(`no radio "${target}" in the group`);
  if (!radio.checked) await press(' ');
  await waitFor(() => radio.checked, `"${target}" checked`);
}

/** Tabs through `count` checkboxes, pressing Space on those whose name is in `wanted`. */
async function markCheckboxes(wanted: ReadonlySet<string>, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const box = (await tabToControl((el) => roleOf(el) === 'checkbox')) as HTMLInputElement;
    if (wanted.has(accessibleName(box)) !== box.checked) await press(' ');
    const want = wanted.has(accessibleName(box));
    await waitFor(
      () => box.checked === want,
      `"${accessibleName(box)}" ${want ? '' : 'un'}checked`,
    );
  }
}

/** Each select, reached by its label, set to the match with ArrowDown. */
async function matchAll(item: Extract<Item, { type: 'matching' }>): Promise<void> {
  for (const pair of item.pairs) {
    const select = (await tabToControl(named(pair.prompt, 'combobox'))) as HTMLSelectElement;
    for (let i = 0; i < select.options.length && select.value !== pair.match; i++) {
      await press('ArrowDown');
    }
    await waitFor(() => select.value === pair.match, `"${pair.match}" chosen for "${pair.prompt}"`);
  }
}

/** The steps put in order with the "Move … up" buttons; focus follows the step moved. */
async function putInOrder(el: CpQuiz, item: Extract<Item, { type: 'ordering' }>): Promise<void> {
  const stepTexts = () =>
    [...el.shadowRoot!.querySelectorAll('.step-text')].map((step) => words(step.textContent));
  for (const [target, step] of item.steps.entries()) {
    const name = `Move “${plain(step.text)}” up`;
    if (stepTexts().indexOf(plain(step.text)) <= target) continue;
    await tabToControl(named(name));
    while (stepTexts().indexOf(plain(step.text)) > target) {
      const before = stepTexts().indexOf(plain(step.text));
      await press('Enter');
      await waitFor(() => stepTexts().indexOf(plain(step.text)) === before - 1, `${name} moved`);
      // Focus follows the moved step: on its up button, or its down button once at the top.
      const active = deepActive();
      const still = active && accessibleName(active).startsWith(`Move “${plain(step.text)}”`);
      if (!still) throw new Error(`after "${name}", focus is on ${describeElement(active)}`);
    }
  }
}

/** Answers the item on screen with its key, through its controls, and submits with Enter. */
async function answerItem(el: CpQuiz, item: Item): Promise<void> {
  const key = keyFor(item);
  switch (item.type) {
    case 'single': {
      const option = item.options.find((o) => key.type === 'single' && o.id === key.optionId)!;
      await chooseRadio(plain(option.text), item.options.length);
      break;
    }
    case 'trueFalse':
      await chooseRadio(item.answer ? 'True' : 'False', 2);
      break;
    case 'multiple':
      await markCheckboxes(
        new Set(item.options.filter((o) => o.correct === true).map((o) => plain(o.text))),
        item.options.length,
      );
      break;
    case 'spotting':
      await markCheckboxes(
        new Set(item.cues.filter((cue) => cue.indicator).map((cue) => plain(cue.text))),
        item.cues.length,
      );
      break;
    case 'matching':
      await matchAll(item);
      break;
    case 'ordering':
      await putInOrder(el, item);
      break;
    case 'shortText': {
      await tabToControl(named('Your answer', 'textbox'));
      await typeText(key.type === 'shortText' ? key.text : '');
      await press('Enter'); // the form's implicit submission
      return;
    }
  }
  await pressOn('Submit answer');
}

/** Start, every drawn item answered with its key, "Next question" / "See results", back. */
export async function takeQuiz(player: CpPlayer, quiz: Quiz): Promise<void> {
  const el = await shown(player, 'cp-quiz');
  const context = () => el.actor!.getSnapshot().context as QuizContext;
  await focusLandsOn(() => quizPart(el, '#quiz-title'), 'the quiz’s title');
  await pressOn('Start', { limit: 60 });
  await waitFor(() => context().itemIds.length > 0, 'the first question');
  const total = context().itemIds.length;
  for (let index = 0; index < total; index++) {
    const heading = () => quizPart(el, '#item-heading');
    await waitFor(
      () => words(heading()?.textContent).startsWith(`Question ${index + 1} of ${total}`),
      `question ${index + 1} of ${total} in "${quiz.title}"`,
    );
    await focusLandsOn(heading, `the heading of question ${index + 1}`);
    const item = quiz.items.find((candidate) => candidate.id === context().itemIds[index])!;
    // Every shipped prompt is one line: it is the heading's text after "Question n of m".
    if (!words(heading()?.textContent).includes(plain(item.prompt))) {
      throw new Error(`the heading "${words(heading()?.textContent)}" is not "${item.id}"`);
    }
    await answerItem(el, item);
    await waitFor(() => !!quizPart(el, '#feedback'), `feedback on "${item.id}"`);
    const feedback = quizPart(el, '#feedback')!;
    if (!words(feedback.textContent).startsWith('✓ Correct')) {
      throw new Error(
        `"${item.id}" (${item.type}) was not scored correct: ${JSON.stringify(context().responses[item.id])} ${words(feedback.textContent)}`,
      );
    }
    await focusLandsOn(() => feedback, `the feedback on "${item.id}"`);
    const live = words(quizPart(el, '[role="status"]')?.textContent);
    if (!live.startsWith('Correct.')) throw new Error(`the live region says "${live}"`);
    // Enter and Space both activate a button: take turns.
    const last = index === total - 1;
    await pressOn(last ? 'See results' : 'Next question', { key: index % 2 ? ' ' : 'Enter' });
  }
  await waitFor(() => !!quizPart(el, '#results-heading'), `the results of "${quiz.title}"`);
  await focusLandsOn(() => quizPart(el, '#results-heading'), 'the results heading');
  const outcome = words(quizPart(el, '[part="outcome"]')?.textContent);
  if (!outcome.includes('Passed.')) throw new Error(`"${quiz.title}": ${outcome}`);
  const said = words(quizPart(el, '[role="status"]')?.textContent);
  if (!said.endsWith('Passed.')) throw new Error(`the live region says "${said}" at the results`);
  await pressOn('Back to the module', { limit: 100 });
}

/** The text of a choice by its id (ids are unique within a scenario). */
const choiceText = (scenario: Scenario, choiceId: string): string =>
  words(scenario.scenes.flatMap((scene) => scene.choices).find((c) => c.id === choiceId)!.text);

/** The best path, one choice at a time: Enter on the choice, "Continue" past its consequence. */
export async function playScenario(player: CpPlayer, scenario: Scenario): Promise<void> {
  const el = await shown(player, 'cp-scenario');
  const root = el.shadowRoot!;
  const { bestPath } = analyseScenario(scenario);
  for (const [step, choiceId] of bestPath.entries()) {
    await waitFor(
      () => !!root.querySelector('button.choice'),
      `scene ${step + 1} of "${scenario.id}"`,
    );
    await focusLandsOn(
      () => root.querySelector('#scene-title'),
      `the heading of scene ${step + 1}`,
    );
    await pressOn(choiceText(scenario, choiceId), { limit: 60 });
    await waitFor(
      () => !!root.querySelector('#consequence-title'),
      `the consequence of ${choiceId}`,
    );
    await focusLandsOn(() => root.querySelector('#consequence-title'), 'the consequence heading');
    const live = words(root.querySelector('[role="status"]')?.textContent);
    if (!live.includes(choiceText(scenario, choiceId))) {
      throw new Error(`the live region does not say the choice: "${live}"`);
    }
    await pressOn('Continue', { limit: 60, key: step % 2 ? ' ' : 'Enter' });
  }
  await waitFor(() => !!root.querySelector('#ending-title'), `an ending of "${scenario.id}"`);
  await focusLandsOn(() => root.querySelector('#ending-title'), 'the ending’s heading');
  const outcome = words(root.querySelector('[part="outcome"]')?.textContent);
  if (!outcome.includes('Good outcome')) throw new Error(`"${scenario.id}": ${outcome}`);
  const said = words(root.querySelector('[role="status"]')?.textContent);
  if (!said.includes('Good outcome')) throw new Error(`the live region says "${said}" at the end`);
  if (scenario.mode === 'assessment' && !text(el).includes('passed on this run')) {
    throw new Error(`"${scenario.id}": the best path did not pass`);
  }
  await pressOn('Back to the module', { limit: 100 });
}
