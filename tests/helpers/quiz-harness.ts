/**
 * Drives a `<cp-quiz>` as a learner does: finds controls by their visible label or accessible
 * name and clicks, checks, selects or types. Also reads what the element shows and says.
 */
import { fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { SimulatedClock } from 'xstate';
import type { Item, Module, Quiz } from '../../src/content/schema.ts';
import '../../src/elements/cp-quiz/cp-quiz.ts';
import type { CpQuiz } from '../../src/elements/cp-quiz/cp-quiz.ts';
import { resolvePolicy } from '../../src/engine/policy.ts';
import type { QuizContext } from '../../src/engine/quiz.machine.ts';
import { keyFor } from '../../src/engine/scoring.ts';
import { createSession, type Session } from '../../src/engine/session.ts';
import { fixtureModule } from './engine-fixture.ts';

/** The engine fixture (its quiz draws 2 of q1 single, q2 true/false, q3 ordering), navigable freely. */
export function engineQuizModule(assessment: Record<string, unknown> = {}): Module {
  const base = fixtureModule().assessment;
  return fixtureModule({ navigation: 'free', assessment: { ...base, ...assessment } });
}

export interface Mounted {
  readonly el: CpQuiz;
  readonly session: Session;
  readonly clock: SimulatedClock;
  readonly quiz: Quiz;
}

/** A session on the module, the quiz opened, and the element showing it. */
export async function mountQuiz(module: Module, quizId: string, seed = 7919): Promise<Mounted> {
  const clock = new SimulatedClock();
  const session = createSession(module, { clock, newSeed: () => seed });
  session.open(quizId);
  const quiz = module.activities.find((activity) => activity.id === quizId) as Quiz;
  const el = await fixture<CpQuiz>(
    html`<cp-quiz
      .actor=${session.activity(quizId)}
      .quiz=${quiz}
      .policy=${resolvePolicy(module, quiz)}
      .now=${() => clock.now()}
    ></cp-quiz>`,
  );
  return { el, session, clock, quiz };
}

const root = (el: CpQuiz) => el.shadowRoot!;
const words = (node: Element | null | undefined) =>
  (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

export const context = (el: CpQuiz) => el.actor!.getSnapshot().context as QuizContext;

/** The item on screen. */
export function currentItem(el: CpQuiz): Item {
  const { itemIds, index } = context(el);
  return el.quiz!.items.find((item) => item.id === itemIds[index])!;
}

/** The accessible name of a button: its aria-label, else its text. */
const nameOf = (button: HTMLButtonElement) => button.getAttribute('aria-label') ?? words(button);

export function buttons(el: CpQuiz): HTMLButtonElement[] {
  return [...root(el).querySelectorAll('button')];
}

export function button(el: CpQuiz, name: string): HTMLButtonElement | undefined {
  return buttons(el).find((candidate) => nameOf(candidate) === name);
}

export async function press(el: CpQuiz, name: string): Promise<void> {
  const target = button(el, name);
  if (!target) throw new Error(`no button "${name}" in: ${buttons(el).map(nameOf).join(' | ')}`);
  target.click();
  await el.updateComplete;
}

/** The control a visible label names. */
export function control<T extends HTMLElement = HTMLInputElement>(el: CpQuiz, label: string): T {
  const found = [...root(el).querySelectorAll('label')].find((l) => words(l) === label);
  const target = found && root(el).getElementById(found.htmlFor);
  if (!target) throw new Error(`no control labelled "${label}"`);
  return target as T;
}

/** Clicks a radio or checkbox by its label. */
export async function chooseOption(el: CpQuiz, label: string): Promise<void> {
  control(el, label).click();
  await el.updateComplete;
}

/** Checks or unchecks a checkbox by its label, clicking only when it must change. */
export async function setChecked(el: CpQuiz, label: string, checked: boolean): Promise<void> {
  if (control(el, label).checked !== checked) await chooseOption(el, label);
}

export async function selectMatch(el: CpQuiz, prompt: string, text: string): Promise<void> {
  const select = control<HTMLSelectElement>(el, prompt);
  select.value = text;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

export async function typeAnswer(el: CpQuiz, text: string): Promise<void> {
  const input = control(el, 'Your answer');
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await el.updateComplete;
}

/** The steps as listed, by their text. */
export const stepTexts = (el: CpQuiz) =>
  [...root(el).querySelectorAll('.step-text')].map((step) => words(step));

export async function submit(el: CpQuiz): Promise<void> {
  await press(el, 'Submit answer');
}

export const heading = (el: CpQuiz) => root(el).querySelector('h2');
export const headingText = (el: CpQuiz) => words(heading(el));
export const liveText = (el: CpQuiz) => words(root(el).querySelector('[role="status"]'));
export const feedbackPanel = (el: CpQuiz) => root(el).querySelector<HTMLElement>('.feedback');
export const feedbackText = (el: CpQuiz) => words(feedbackPanel(el));
export const timerText = (el: CpQuiz) => words(root(el).querySelector('[role="timer"]'));
export const focused = (el: CpQuiz) => root(el).activeElement;
export const text = (el: CpQuiz) => words(root(el).querySelector('section, article'));

/**
 * Answers the item on screen through its controls, whatever was there before: the key, or a
 * wrong answer (one wrong pick, one wrong match, the steps as presented, a wrong word).
 */
export async function answer(el: CpQuiz, correct: boolean): Promise<void> {
  const item = currentItem(el);
  switch (item.type) {
    case 'single':
      await chooseOption(el, item.options.find((o) => (o.correct === true) === correct)!.text);
      break;
    case 'multiple': {
      const wrong = item.options.find((o) => o.correct !== true);
      for (const o of item.options) {
        await setChecked(el, o.text, correct ? o.correct === true : o === wrong);
      }
      break;
    }
    case 'trueFalse':
      await chooseOption(el, item.answer === correct ? 'True' : 'False');
      break;
    case 'matching':
      for (const [index, pair] of item.pairs.entries()) {
        const wrong = index === 0 ? item.pairs[1]!.match : '';
        await selectMatch(el, pair.prompt, correct ? pair.match : wrong);
      }
      break;
    case 'ordering':
      if (correct)
        await putInOrder(
          el,
          item.steps.map((step) => step.text),
        );
      break;
    case 'shortText':
      await typeAnswer(el, correct ? (keyFor(item) as { text: string }).text : 'no idea');
      break;
    case 'spotting': {
      const wrong = item.cues.find((cue) => !cue.indicator);
      for (const cue of item.cues) {
        await setChecked(el, cue.text, correct ? cue.indicator : cue === wrong);
      }
      break;
    }
  }
}

/** Sorts the steps with the move buttons, one press at a time. */
export async function putInOrder(el: CpQuiz, wanted: readonly string[]): Promise<void> {
  for (let target = 0; target < wanted.length; target++) {
    let at = stepTexts(el).indexOf(wanted[target]!);
    while (at > target) {
      await press(el, `Move “${wanted[target]}” up`);
      at--;
    }
  }
}

/** Answers items through the machine until one of the type is on screen (setup, not a gesture). */
export async function skipTo({ el, session }: Mounted, type: Item['type']): Promise<void> {
  const quizId = el.quiz!.id;
  while (currentItem(el).type !== type) {
    if (!context(el).responses[currentItem(el).id]) {
      session.sendTo(quizId, { type: 'learner.submit', response: keyFor(currentItem(el)) });
    }
    session.sendTo(quizId, { type: 'learner.next' });
  }
  await el.updateComplete;
}

/** Presses Tab until the button named has focus, or gives up. */
export async function tabTo(el: CpQuiz, name: string, limit = 20): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await sendKeys({ press: 'Tab' });
    const active = focused(el);
    if (active instanceof HTMLButtonElement && nameOf(active) === name) return;
  }
  throw new Error(`Tab never reached "${name}"`);
}
