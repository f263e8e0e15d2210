/**
 * Limits: a module of 5,000 quiz items and a scenario of 1,000 scenes load, validate and play;
 * a text or a list one step over its limit is refused at its place, naming the limit; a flood
 * of problems is cut short. Hostile or runaway content is stopped by the validator, so it never
 * reaches the page. Everything here is checked by its result, never by how long it takes (the
 * benchmarks measure that).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { SimulatedClock } from 'xstate';
import {
  loadModule,
  MAX_MODULE_CHARACTERS,
  MAX_PROBLEMS,
  parseModule,
  validateModule,
  type LoadResult,
} from '../../src/content/loader.ts';
import type { Problem } from '../../src/content/problems.ts';
import { LIMITS, type Module, type Quiz, type Scenario } from '../../src/content/schema.ts';
import '../../src/elements/cp-player/cp-player.ts';
import type { CpPlayer } from '../../src/elements/cp-player/cp-player.ts';
import type { CpScenario } from '../../src/elements/cp-scenario/cp-scenario.ts';
import type { CpQuiz } from '../../src/elements/cp-quiz/cp-quiz.ts';
import type { Fact, ItemAnsweredFact } from '../../src/engine/events.ts';
import type { CpErrorEvent } from '../../src/events/cp-error.ts';
import { analyseScenario, moduleProblems } from '../../src/engine/scenario-graph.ts';
import { keyFor } from '../../src/engine/scoring.ts';
import { createSession } from '../../src/engine/session.ts';
import {
  bigModule,
  CHOICES,
  ENDINGS,
  generatedItem,
  generatedScenario,
  ITEM_TYPES,
  itemId,
  quizIn,
  QUIZ_ID,
  SCENARIO_ID,
  sceneId,
} from '../helpers/big-module.ts';
import { button, moduleUrl, until } from '../helpers/dom.ts';
import { setAt, type Json, type JsonPath } from '../helpers/module-doc.ts';
import * as quizUi from '../helpers/quiz-harness.ts';
import * as scenarioUi from '../helpers/scenario-harness.ts';

const ITEMS = 5_000;
const SCENES = 1_000;
/** Generous: parsing and checking megabytes of JSON is slow in some engines on a small machine. */
const SLOW = 120_000;

function accepted(result: LoadResult): Module {
  if (!result.ok) throw new Error(JSON.stringify(result.errors.slice(0, 5)));
  return result.module;
}

function refused(result: LoadResult): readonly Problem[] {
  if (result.ok) throw new Error('the module was accepted');
  return result.errors;
}

const tooLong = (path: string, limit: number): Problem => ({
  path,
  message: `is too long: at most ${limit} characters, this has ${limit + 1}`,
  severity: 'error',
});

const tooMany = (path: string, limit: number): Problem => ({
  path,
  message: `has too many entries: at most ${limit}, this has ${limit + 1}`,
  severity: 'error',
});

const quizOf = (module: Module) => module.activities[0] as Quiz;
const scenarioOf = (module: Module) => module.activities[1] as Scenario;

describe('limits: a module of 5,000 quiz items and a scenario of 1,000 scenes', function () {
  this.timeout(SLOW);
  const document = bigModule({ items: ITEMS, scenes: SCENES });
  let module: Module;

  before(function () {
    this.timeout(SLOW);
    module = accepted(validateModule(document));
  });

  it('validates with no errors and no warnings, every item type and scene kept, frozen', () => {
    const result = validateModule(document);
    expect(result.ok, JSON.stringify(result.ok || result.errors.slice(0, 3))).to.equal(true);
    expect(result.warnings).to.deep.equal([]);
    const items = quizOf(module).items;
    expect(items).to.have.length(ITEMS);
    for (const type of ITEM_TYPES) {
      expect(items.filter((item) => item.type === type)).to.have.length.at.least(700);
    }
    expect(scenarioOf(module).scenes).to.have.length(SCENES);
    expect(Object.isFrozen(items[ITEMS - 1])).to.equal(true);
    expect(Object.isFrozen(scenarioOf(module).scenes[SCENES - 1]!.choices[0])).to.equal(true);
  });

  it('loads the same module from its URL', async () => {
    const loaded = accepted(await loadModule(moduleUrl(document)));
    expect(quizOf(loaded).items.map((item) => item.id)).to.deep.equal(
      quizOf(module).items.map((item) => item.id),
    );
    expect(scenarioOf(loaded).scenes.at(-1)!.id).to.equal(sceneId(SCENES - 1));
  });

  it('analyses every path of the scenario: every scene and ending reachable, no dead end', () => {
    const analysis = analyseScenario(scenarioOf(module));
    expect(analysis.complete, `stopped after ${analysis.states} states`).to.equal(true);
    expect(analysis.unreachableScenes).to.deep.equal([]);
    expect(analysis.unreachableEndings).to.deep.equal([]);
    expect(analysis.deadEnds).to.deep.equal([]);
    expect(analysis.traps).to.deep.equal([]);
    expect(analysis.unreachableBands).to.deep.equal([]);
    expect(analysis.maxUnbounded).to.equal(false);
    // What `npm run validate` adds to the loader's checks: nothing to report either.
    expect(moduleProblems(module)).to.deep.equal([]);
  });

  it('opens the quiz in a session: items are answered and followed by the next, all scored', () => {
    const session = createSession(module, { clock: new SimulatedClock(), newSeed: () => 7919 });
    const facts: Fact[] = [];
    session.onFact((fact) => facts.push(fact));
    session.open(QUIZ_ID);
    session.sendTo(QUIZ_ID, { type: 'learner.start' });
    const quiz = session.activity(QUIZ_ID)!;
    const byId = new Map(quizOf(module).items.map((item) => [item.id, item]));
    const context = () =>
      quiz.getSnapshot().context as { itemIds: readonly string[]; index: number };
    expect(context().itemIds).to.have.length(ITEMS);
    // Two rounds of the seven item types, each answered with its key.
    let marks = 0;
    for (let step = 0; step < 2 * ITEM_TYPES.length; step++) {
      expect(context().index).to.equal(step);
      const item = byId.get(context().itemIds[step]!)!;
      session.sendTo(QUIZ_ID, { type: 'learner.submit', response: keyFor(item) });
      const answered = facts.at(-1) as ItemAnsweredFact;
      expect(answered).to.deep.include({ type: 'item.answered', itemId: item.id, correct: true });
      marks += item.weight ?? 1;
      session.sendTo(QUIZ_ID, { type: 'learner.next' });
    }
    expect(context().index).to.equal(2 * ITEM_TYPES.length);
    session.sendTo(QUIZ_ID, { type: 'learner.finish' });
    const scored = facts.find((fact) => fact.type === 'quiz.scored');
    const weights = quizOf(module).items.reduce((sum, item) => sum + (item.weight ?? 1), 0);
    expect(scored?.score).to.deep.include({ raw: marks, max: weights });
    session.stop();
  });

  it('walks the scenario in a session from its first scene to the good ending', () => {
    const session = createSession(module, { clock: new SimulatedClock(), newSeed: () => 7919 });
    const facts: Fact[] = [];
    session.onFact((fact) => facts.push(fact));
    session.open(SCENARIO_ID);
    for (let scene = 0; scene < SCENES; scene++) {
      session.sendTo(SCENARIO_ID, { type: 'learner.choose', choiceId: CHOICES.steady });
      session.sendTo(SCENARIO_ID, { type: 'learner.next' });
    }
    const chosen = facts.filter((fact) => fact.type === 'scenario.chose');
    expect(chosen).to.have.length(SCENES);
    expect(chosen.at(-1)).to.deep.include({ sceneId: sceneId(SCENES - 1) });
    const ended = facts.find((fact) => fact.type === 'scenario.ended');
    expect(ended).to.deep.include({ endingId: ENDINGS.good, band: 'confident', critical: false });
    expect(ended?.path).to.have.length(SCENES);
    // One point every 100 scenes, and the best path scores 12.
    expect(ended?.score).to.deep.include({ raw: 10, max: 12 });
    session.stop();
  });
});

// ── the player ────────────────────────────────────────────────────────────────────────────

const shadowText = (el: Element) => el.shadowRoot!.textContent ?? '';

/** A database of its own per test, deleted afterwards. */
function storageName(): string {
  const name = `limits-test-${crypto.randomUUID()}`;
  after(() => new Promise((resolve) => (indexedDB.deleteDatabase(name).onsuccess = resolve)));
  return name;
}

/** A player on the module's URL, past its introduction, at the list of activities. */
async function playerAtOverview(document: unknown): Promise<CpPlayer> {
  const el = await fixture<CpPlayer>(
    html`<cp-player
      src=${moduleUrl(document)}
      storage-name=${storageName()}
      .sessionOptions=${{ clock: new SimulatedClock(), newSeed: () => 7919 }}
    ></cp-player>`,
  );
  await until(() => button(el, 'Start', true) !== undefined, 'the module to load', SLOW);
  button(el, 'Start').click();
  await until(() => shadowText(el).includes('activities done'), 'the overview', SLOW);
  return el;
}

async function openActivity<T extends Element>(el: CpPlayer, title: string, tag: string) {
  button(el, `Open: ${title}`).click();
  await until(() => !!el.shadowRoot!.querySelector(tag), title, SLOW);
  const activity = el.shadowRoot!.querySelector(tag) as T & { updateComplete: Promise<unknown> };
  await activity.updateComplete;
  return activity;
}

describe('limits: <cp-player> on a module of 5,000 items and 1,000 scenes', function () {
  this.timeout(SLOW);
  const document = bigModule({ items: ITEMS, scenes: SCENES });

  it('shows the first of 5,000 questions, and the learner answers it and moves on', async () => {
    const el = await playerAtOverview(document);
    const quiz = await openActivity<CpQuiz>(el, `Generated quiz of ${ITEMS} questions`, 'cp-quiz');
    expect(shadowText(quiz)).to.contain(`${ITEMS} questions`);
    await quizUi.press(quiz, 'Start');
    await until(
      () => quizUi.headingText(quiz).includes(`Question 1 of ${ITEMS}`),
      'question 1',
      SLOW,
    );
    expect(quizUi.headingText(quiz)).to.contain('Case 1.');
    await expect(el).to.be.accessible();
    await quizUi.answer(quiz, true);
    await quizUi.submit(quiz);
    await quizUi.press(quiz, 'Next question');
    await until(
      () => quizUi.headingText(quiz).includes(`Question 2 of ${ITEMS}`),
      'question 2',
      SLOW,
    );
    expect(quizUi.headingText(quiz)).to.contain('Case 2.');
  });

  it('plays the scenario of 1,000 scenes: its first scene shows and a choice leads on', async () => {
    const el = await playerAtOverview(document);
    const title = `Generated scenario of ${SCENES} scenes`;
    const scenario = await openActivity<CpScenario>(el, title, 'cp-scenario');
    expect(scenarioUi.heading(scenario)).to.equal('Part 1, scene 1');
    expect(scenarioUi.choiceLabels(scenario)).to.have.length(3);
    await expect(el).to.be.accessible();
    await scenarioUi.press(scenario, 'Listen, then decide (scene 1).');
    expect(shadowText(scenario)).to.contain('Scene 1: they tell you a little more.');
    await scenarioUi.press(scenario, 'Continue');
    expect(scenarioUi.heading(scenario)).to.equal('Scene 2');
    expect(scenarioUi.choiceLabels(scenario)).to.include('Listen, then decide (scene 2).');
  });

  it('lists the first 100 problems of 500 over-long prompts, then how many more', async () => {
    const long = 'x'.repeat(LIMITS.markdown + 1);
    const broken = bigModule({ items: ITEMS });
    for (const item of quizIn(broken).items.slice(0, 500)) item.prompt = long;
    const events: CpErrorEvent[] = [];
    const listener = (event: CpErrorEvent) => events.push(event);
    globalThis.document.addEventListener('cp-error', listener);
    after(() => globalThis.document.removeEventListener('cp-error', listener));
    const el = await fixture<CpPlayer>(
      html`<cp-player src=${moduleUrl(broken)} storage-name=${storageName()}></cp-player>`,
    );
    await until(() => shadowText(el).includes('could not be loaded'), 'the problems', SLOW);
    const lines = [...el.shadowRoot!.querySelectorAll('li')].map((li) => li.textContent!.trim());
    expect(lines).to.have.length(MAX_PROBLEMS + 1);
    expect(lines[0]).to.equal(
      `activities[0].items[0].prompt: is too long: at most ${LIMITS.markdown} characters, this has ${LIMITS.markdown + 1}`,
    );
    expect(lines.at(-1)).to.equal(`…and ${500 - MAX_PROBLEMS} more problems`);
    // The count is of every problem found, not of the lines listed.
    expect(shadowText(el)).to.contain('500 problems were found:');
    expect(events).to.have.length(1);
    expect(events[0]!.detail.problems).to.have.length(MAX_PROBLEMS + 1);
    await expect(el).to.be.accessible();
  });
});

// ── at and over each limit ────────────────────────────────────────────────────────────────

/** Text fields of every kind across the module, each at its JSON path, with its limit. */
const TEXT_FIELDS: readonly { at: JsonPath; path: string; limit: number }[] = [
  { at: ['title'], path: 'title', limit: LIMITS.shortText },
  {
    at: ['activities', 0, 'items', 17, 'prompt'],
    path: 'activities[0].items[17].prompt',
    limit: LIMITS.markdown,
  },
  {
    at: ['activities', 0, 'items', 4999, 'rationale'],
    path: 'activities[0].items[4999].rationale',
    limit: LIMITS.markdown,
  },
  {
    at: ['activities', 0, 'items', 4998, 'options', 2, 'text'],
    path: 'activities[0].items[4998].options[2].text',
    limit: LIMITS.text,
  },
  {
    at: ['activities', 0, 'items', 5, 'accepted', 0],
    path: 'activities[0].items[5].accepted[0]',
    limit: LIMITS.shortText,
  },
  { at: ['activities', 1, 'title'], path: 'activities[1].title', limit: LIMITS.shortText },
  {
    at: ['activities', 1, 'scenes', 999, 'text'],
    path: 'activities[1].scenes[999].text',
    limit: LIMITS.markdown,
  },
  {
    at: ['activities', 1, 'scenes', 500, 'choices', 0, 'consequence'],
    path: 'activities[1].scenes[500].choices[0].consequence',
    limit: LIMITS.markdown,
  },
];

describe('limits: at and one over each limit', function () {
  this.timeout(SLOW);

  it('refuses 5,000 over-long prompts with 100 located problems and a count of the rest', () => {
    const long = 'x'.repeat(LIMITS.markdown + 1);
    const document = bigModule({ items: ITEMS });
    for (const item of quizIn(document).items) item.prompt = long;
    const errors = refused(validateModule(document));
    expect(errors).to.have.length(MAX_PROBLEMS + 1);
    errors.slice(0, MAX_PROBLEMS).forEach((problem, index) => {
      expect(problem).to.deep.equal(
        tooLong(`activities[0].items[${index}].prompt`, LIMITS.markdown),
      );
    });
    expect(errors.at(-1)).to.deep.equal({
      path: '',
      message: `…and ${ITEMS - MAX_PROBLEMS} more problems`,
      severity: 'error',
    });
  });

  it('accepts text at exactly its limit and refuses one character more, each at its place', () => {
    const atLimit = bigModule({ items: ITEMS, scenes: SCENES });
    const over = bigModule({ items: ITEMS, scenes: SCENES });
    for (const { at, limit } of TEXT_FIELDS) {
      setAt(atLimit as unknown as Json, at, 'y'.repeat(limit));
      setAt(over as unknown as Json, at, 'y'.repeat(limit + 1));
    }
    const module = accepted(validateModule(atLimit));
    expect(quizOf(module).items[17]!.prompt).to.have.length(LIMITS.markdown);
    expect(refused(validateModule(over))).to.have.deep.members(
      TEXT_FIELDS.map(({ path, limit }) => tooLong(path, limit)),
    );
  });

  it(`accepts a quiz of exactly ${LIMITS.items} items and refuses one more at its list`, () => {
    const document = bigModule({ items: LIMITS.items });
    expect(quizOf(accepted(validateModule(document))).items).to.have.length(LIMITS.items);
    quizIn(document).items.push(generatedItem(LIMITS.items));
    expect(refused(validateModule(document))).to.deep.equal([
      tooMany('activities[0].items', LIMITS.items),
    ]);
  });

  it(`accepts a scenario of exactly ${LIMITS.scenes} scenes and refuses one more at its list`, () => {
    const module = accepted(validateModule(bigModule({ scenes: LIMITS.scenes })));
    expect((module.activities[0] as Scenario).scenes).to.have.length(LIMITS.scenes);
    const over = bigModule({ scenes: LIMITS.scenes });
    over.activities = [generatedScenario(LIMITS.scenes + 1)];
    expect(refused(validateModule(over))).to.deep.equal([
      tooMany('activities[0].scenes', LIMITS.scenes),
    ]);
  });

  it('refuses a file over 20 million characters before reading it; one at the limit loads', () => {
    const json = JSON.stringify(bigModule({ items: ITEM_TYPES.length }));
    const atLimit = json + ' '.repeat(MAX_MODULE_CHARACTERS - json.length);
    expect(atLimit).to.have.length(MAX_MODULE_CHARACTERS);
    expect(quizOf(accepted(parseModule(atLimit))).items).to.have.length(ITEM_TYPES.length);
    const tooLarge: Problem = {
      path: '',
      message: 'the file is too large: at most 20 million characters',
      severity: 'error',
    };
    expect(refused(parseModule(`${atLimit} `))).to.deep.equal([tooLarge]);
    // Not JSON at all, yet refused for its size: the text was never parsed.
    expect(refused(parseModule(`{${'x'.repeat(MAX_MODULE_CHARACTERS)}`))).to.deep.equal([tooLarge]);
  });

  it('locates a syntax error deep in a 5,000-item file by its line and column', () => {
    const text = JSON.stringify(bigModule({ items: ITEMS }), null, 2);
    const marker = `"id": "${itemId(4_320)}",`;
    const comma = text.indexOf(marker) + marker.length - 1;
    const broken = text.slice(0, comma) + text.slice(comma + 1);
    // The parser stops at the field that follows the missing comma, on the next line.
    const next = comma + /\S/.exec(broken.slice(comma))!.index;
    const line = broken.slice(0, next).split('\n').length;
    const column = next - broken.lastIndexOf('\n', next - 1);
    expect(line).to.be.greaterThan(100_000);
    expect(refused(parseModule(broken))).to.deep.equal([
      {
        path: '',
        message: `the file is not valid JSON at line ${line}, column ${column}: expected a comma between entries`,
        severity: 'error',
      },
    ]);
  });
});
