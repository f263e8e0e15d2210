/**
 * A learner who takes a whole module in `<cp-player>` without reading a word of it: every
 * control is found by its place on the screen and by the content's ids (option values, choice
 * ids), never by its text, so the walk is the same whatever the module says. After each screen
 * has rendered, `look` is told, to inspect what the learner sees.
 *
 * Also: what counts as script reaching the DOM, and a trap for script that runs.
 */
import type { Item, Lesson, Module, Quiz, Scenario } from '../../src/content/schema.ts';
import type { CpPlayer } from '../../src/elements/cp-player/cp-player.ts';
import type { QuizContext } from '../../src/engine/quiz.machine.ts';
import { analyseScenario } from '../../src/engine/scenario-graph.ts';
import type { ScenarioContext } from '../../src/engine/scenario.machine.ts';
import { keyFor } from '../../src/engine/scoring.ts';
import { until } from './dom.ts';

const DANGEROUS_ELEMENTS =
  'script, iframe, frame, object, embed, base, meta, link, style, form, svg, math, template';
/** The player's own elements among those: the form an item is answered in. */
const OWN_ELEMENTS = 'article.item > form.answer';
const URL_ATTRIBUTES = [
  'href',
  'src',
  'action',
  'formaction',
  'srcdoc',
  'xlink:href',
  'data',
  'poster',
];
const BAD_SCHEME = /^(javascript|data|vbscript|livescript):/i;

/** Dangerous elements, event-handler attributes and script addresses under a root. */
export function offences(root: ParentNode): string[] {
  const found: string[] = [];
  for (const element of root.querySelectorAll('*')) {
    if (element.matches(DANGEROUS_ELEMENTS) && !element.matches(OWN_ELEMENTS)) {
      found.push(`<${element.localName}> element`);
    }
    for (const attribute of element.attributes) {
      if (attribute.name.toLowerCase().startsWith('on')) {
        found.push(`${attribute.name} on <${element.localName}>`);
      }
      if (URL_ATTRIBUTES.includes(attribute.name.toLowerCase())) {
        // eslint-disable-next-line no-control-regex
        const compact = attribute.value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
        if (BAD_SCHEME.test(compact)) found.push(`${attribute.name}="${attribute.value}"`);
      }
    }
  }
  return found;
}

/** The element's shadow root and every shadow root nested in it, outermost first. */
export function shadowRoots(host: Element): ShadowRoot[] {
  const roots: ShadowRoot[] = [];
  const visit = (root: ShadowRoot) => {
    roots.push(root);
    for (const element of root.querySelectorAll('*')) {
      if (element.shadowRoot) visit(element.shadowRoot);
    }
  };
  if (host.shadowRoot) visit(host.shadowRoot);
  return roots;
}

/** Offences anywhere in the player, nested elements included. */
export const screenOffences = (player: CpPlayer): string[] =>
  shadowRoots(player).flatMap((root) => offences(root));

/** Everything the player shows: the text of each shadow root and every attribute's value. */
export function shownText(player: CpPlayer): string[] {
  return shadowRoots(player).flatMap((root) => [
    root.textContent ?? '',
    ...[...root.querySelectorAll('*')].flatMap((element) =>
      [...element.attributes].map((attribute) => attribute.value),
    ),
  ]);
}

/**
 * Replaces alert, confirm, prompt and print, and watches `window.__xss`, so that a payload that
 * runs leaves a trace in `executed` instead of blocking the page. `release` puts them back.
 */
export function trapScripts(): { readonly executed: string[]; release(): void } {
  const executed: string[] = [];
  const originals = {
    alert: window.alert,
    confirm: window.confirm,
    prompt: window.prompt,
    print: window.print,
  };
  window.alert = (message?: unknown) => void executed.push(`alert ${String(message)}`);
  window.confirm = (message?: string) => (executed.push(`confirm ${String(message)}`), false);
  window.prompt = (message?: string) => (executed.push(`prompt ${String(message)}`), null);
  window.print = () => void executed.push('print');
  Object.defineProperty(window, '__xss', {
    configurable: true,
    set: () => void executed.push('__xss'),
    get: () => undefined,
  });
  return {
    executed,
    release() {
      Object.assign(window, originals);
      delete (window as { __xss?: unknown }).__xss;
    },
  };
}

export interface Learner {
  /** What the learner types into a short-text answer. */
  readonly typed: (item: Extract<Item, { type: 'shortText' }>) => string;
  /** Called once a screen has rendered, with where the learner is. */
  readonly look: (screen: string) => Promise<void> | void;
}

type Snapshot<C> = { readonly context: C; matches(state: string): boolean };
const snapshotOf = <C>(el: Element) =>
  (el as unknown as { actor: { getSnapshot(): Snapshot<C> } }).actor.getSnapshot();
const inside = (el: Element) => el.shadowRoot!;

/** Every Lit element in the player has rendered, and handlers of anything loaded have run. */
async function settle(player: CpPlayer): Promise<void> {
  for (let round = 0; round < 3; round++) {
    const elements = [
      player,
      ...shadowRoots(player).flatMap((root) => [...root.querySelectorAll('*')]),
    ];
    await Promise.all(
      elements.map((element) => (element as { updateComplete?: Promise<unknown> }).updateComplete),
    );
  }
  await new Promise((resolve) => setTimeout(resolve, 5));
}

/** Waits for what `find` looks for, then for the screen to settle. */
async function reach<T extends Element>(
  player: CpPlayer,
  find: () => T | null | undefined,
  what: string,
): Promise<T> {
  await until(() => !!find(), what, 10_000);
  await settle(player);
  return find()!;
}

async function click(player: CpPlayer, target: Element | null | undefined, what: string) {
  if (!(target instanceof HTMLElement)) throw new Error(`no ${what} on the screen`);
  if ((target as HTMLButtonElement).disabled) throw new Error(`${what} is disabled`);
  target.click();
  await settle(player);
}

/** The introduction, each activity in order (its content note first), then the results. */
export async function takeModule(player: CpPlayer, module: Module, learner: Learner) {
  const begin = await reach(
    player,
    () => inside(player).querySelector('section[aria-labelledby="intro-title"] .actions .primary'),
    'the button that begins the module',
  );
  await learner.look('the introduction');
  await click(player, begin, 'the button that begins the module');
  for (const [index, activity] of module.activities.entries()) {
    const open = await reach(
      player,
      () => inside(player).querySelector(`ol.activities > li:nth-child(${index + 1}) button`),
      `the overview, to open activity ${index + 1}`,
    );
    await learner.look('the overview');
    await click(player, open, `the button that opens "${activity.id}"`);
    if (activity.contentNote) {
      await reach(player, () => inside(player).querySelector('section.note'), 'the content note');
      await learner.look(`the content note of "${activity.id}"`);
      await click(player, inside(player).querySelector('section.note .primary'), 'Continue');
    }
    if (activity.type === 'lesson') await readLesson(player, activity, learner);
    if (activity.type === 'quiz') await takeQuiz(player, activity, learner);
    if (activity.type === 'scenario') await playScenario(player, activity, learner);
    await until(
      () => !inside(player).querySelector('cp-lesson, cp-quiz, cp-scenario'),
      `the overview after "${activity.id}"`,
    );
  }
  await reach(
    player,
    () => inside(player).querySelector('cp-certificate')?.shadowRoot?.querySelector('article'),
    'the certificate (the learner passes)',
  );
  await learner.look('the results and certificate');
}

async function readLesson(player: CpPlayer, lesson: Lesson, learner: Learner) {
  const el = await reach(player, () => inside(player).querySelector('cp-lesson'), 'the lesson');
  for (let page = 0; page < lesson.pages.length; page++) {
    await until(() => snapshotOf<{ page: number }>(el).context.page === page, `page ${page + 1}`);
    await settle(player);
    await learner.look(`"${lesson.id}", page ${page + 1}`);
    await click(player, inside(el).querySelector('nav.actions .primary'), 'Next page');
  }
}

async function takeQuiz(player: CpPlayer, quiz: Quiz, learner: Learner) {
  const el = await reach(player, () => inside(player).querySelector('cp-quiz'), 'the quiz');
  const root = inside(el);
  const snapshot = () => snapshotOf<QuizContext>(el);
  await reach(player, () => root.querySelector('section.ready'), 'the quiz introduction');
  await learner.look(`"${quiz.id}", before it starts`);
  await click(player, root.querySelector('section.ready .primary'), 'Start');
  while (snapshot().matches('attempting')) {
    const { itemIds, index, order } = snapshot().context;
    const item = quiz.items.find((candidate) => candidate.id === itemIds[index])!;
    const where = `"${quiz.id}", item "${item.id}"`;
    const form = await reach(player, () => root.querySelector('form.answer'), where);
    await learner.look(where);
    await answer(player, form, item, order[item.id], learner);
    await learner.look(`${where}, answered`);
    await click(player, form.querySelector('button[type="submit"]'), `Submit on ${where}`);
    const feedback = await reach(player, () => root.getElementById('feedback'), 'feedback');
    await learner.look(`${where}, feedback`);
    await click(player, feedback.querySelector('.actions .primary'), 'Next question');
  }
  const results = await reach(player, () => root.querySelector('section.results'), 'results');
  for (const summary of results.querySelectorAll('details > summary')) {
    await click(player, summary, 'an answer in the results');
  }
  await learner.look(`"${quiz.id}", results`);
  await click(player, results.querySelector('.actions > button'), 'Review answers');
  const review = await reach(player, () => root.querySelector('section.review'), 'the review');
  await learner.look(`"${quiz.id}", review`);
  await click(player, review.querySelector('.actions .primary'), 'Back to results');
  const again = await reach(player, () => root.querySelector('section.results'), 'results');
  await click(player, again.querySelector('.actions .primary'), 'Back to the module');
}

/** Answers with the key, through the controls; a short-text answer is whatever is typed. */
async function answer(
  player: CpPlayer,
  form: Element,
  item: Item,
  order: readonly string[] | undefined,
  learner: Learner,
) {
  const controls = <T extends Element>(selector: string) => [...form.querySelectorAll<T>(selector)];
  const mark = async (type: 'radio' | 'checkbox', values: readonly string[]) => {
    for (const input of controls<HTMLInputElement>(`input[type="${type}"]`)) {
      if (values.includes(input.value)) await click(player, input, `the ${type} "${input.value}"`);
    }
  };
  const key = keyFor(item);
  switch (key.type) {
    case 'single':
      return mark('radio', [key.optionId]);
    case 'trueFalse':
      return mark('radio', [String(key.value)]);
    case 'multiple':
      return mark('checkbox', key.optionIds);
    case 'spotting':
      return mark('checkbox', key.cueIds);
    case 'matching': {
      const pairs = item.type === 'matching' ? item.pairs : [];
      for (const [index, select] of controls<HTMLSelectElement>('select').entries()) {
        select.value = key.matches[pairs[index]!.id]!;
        select.dispatchEvent(new Event('change', { bubbles: true }));
        await settle(player);
      }
      return;
    }
    case 'ordering': {
      // Each step moved up into its place, one press at a time.
      const current = [...(order ?? key.order)];
      for (const [target, id] of key.order.entries()) {
        for (let at = current.indexOf(id); at > target; at--) {
          const up = form.querySelector(`ol.steps > li:nth-child(${at + 1}) .step-moves button`);
          await click(player, up, `the button that moves step ${at + 1} up`);
          [current[at - 1], current[at]] = [current[at]!, current[at - 1]!];
        }
      }
      return;
    }
    case 'shortText': {
      const input = form.querySelector<HTMLInputElement>('input[type="text"]')!;
      input.value = item.type === 'shortText' ? learner.typed(item) : '';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await settle(player);
      return;
    }
  }
}

/** The first choice of each scene until an ending, then once more along the best path. */
async function playScenario(player: CpPlayer, scenario: Scenario, learner: Learner) {
  const el = await reach(player, () => inside(player).querySelector('cp-scenario'), 'scenario');
  const root = inside(el);
  const context = () => snapshotOf<ScenarioContext>(el).context;
  const { bestPath } = analyseScenario(scenario);
  for (let step = 0; step < 100; step++) {
    const shown = await reach(player, () => root.querySelector('article'), 'a scene');
    const { runs, path } = context();
    if (shown.matches('.ending')) {
      await learner.look(`"${scenario.id}", ending "${runs.at(-1)?.endingId}"`);
      const restart = shown.querySelector('[part="actions"] .primary');
      if (runs.length === 1 && restart) {
        await click(player, restart, 'Try the scenario again');
        continue;
      }
      return click(player, shown.querySelector('[part="actions"] > :last-child'), 'Back');
    }
    const choices = root.querySelectorAll('button.choice');
    if (choices.length === 0) {
      await learner.look(`"${scenario.id}", consequence of "${path.at(-1)?.choiceId}"`);
      await click(player, shown.querySelector('.actions .primary'), 'Continue');
      continue;
    }
    await learner.look(`"${scenario.id}", run ${runs.length + 1}, decision ${path.length + 1}`);
    const best = root.querySelector(
      `button.choice[data-choice="${CSS.escape(bestPath[path.length] ?? '')}"]`,
    );
    await click(player, runs.length === 0 ? choices[0] : best, `a choice`);
  }
  throw new Error(`"${scenario.id}": no ending after 100 screens`);
}
