/**
 * A learner's run through the showcase module, with every fact and the module's status fed to a
 * reporter as the player does, and every call the content makes to a SCORM API recorded.
 */
import { validateModule } from '../../src/content/loader.ts';
import type { Item, Module, Quiz, Scenario } from '../../src/content/schema.ts';
import type { ModuleStatus } from '../../src/engine/course.machine.ts';
import type { Fact } from '../../src/engine/events.ts';
import { keyFor } from '../../src/engine/scoring.ts';
import { createSession, type Session } from '../../src/engine/session.ts';
import type { Response } from '../../src/engine/types.ts';
import type { LaunchInfo, LmsNotice, Reporter } from '../../src/lms/reporter.ts';
import { fixtureJson } from './fixtures.ts';

/** The showcase module; with `everyItem`, its quiz asks all of its items (no random draw). */
export async function showcaseModule(options: { everyItem?: boolean } = {}): Promise<Module> {
  const document = await fixtureJson<{ activities: Record<string, unknown>[] }>(
    'modules/showcase/module.json',
  );
  if (options.everyItem) {
    for (const activity of document.activities) delete activity.draw;
  }
  const result = validateModule(document);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.module;
}

// ── API call records ───────────────────────────────────────────────────────────────────────

export interface ApiCall {
  readonly method: string;
  readonly args: readonly unknown[];
  readonly result: unknown;
}

/** Replaces each named method of the API object by one that records its calls, in order. */
export function spyApi(api: object, methods: readonly string[]): ApiCall[] {
  const calls: ApiCall[] = [];
  const target = api as Record<string, unknown>;
  for (const method of methods) {
    const original = target[method] as (...args: unknown[]) => unknown;
    target[method] = (...args: unknown[]) => {
      try {
        const result: unknown = original.apply(api, args);
        calls.push({ method, args, result });
        return result;
      } catch (error) {
        calls.push({ method, args, result: error });
        throw error;
      }
    };
  }
  return calls;
}

/** The [element, value] pairs set, in order. */
export const setsOf = (calls: readonly ApiCall[], method: string): [string, string][] =>
  calls
    .filter((call) => call.method === method)
    .map((call) => [String(call.args[0]), String(call.args[1])]);

/** The methods called, in order, without the error queries that follow each. */
export const methodsOf = (calls: readonly ApiCall[], errorMethods: readonly string[]): string[] =>
  calls.map((call) => call.method).filter((method) => !errorMethods.includes(method));

// ── a learner ──────────────────────────────────────────────────────────────────────────────

/** A wrong answer that still names options, pairs or steps, so that its format shows. */
export function wrongFor(item: Item): Response {
  switch (item.type) {
    case 'single':
      return { type: 'single', optionId: item.options.find((option) => !option.correct)!.id };
    case 'multiple':
      return {
        type: 'multiple',
        optionIds: item.options.filter((option) => !option.correct).map((option) => option.id),
      };
    case 'trueFalse':
      return { type: 'trueFalse', value: !item.answer };
    case 'matching':
      return {
        type: 'matching',
        matches: Object.fromEntries(
          item.pairs.map((pair, index) => [
            pair.id,
            item.pairs[(index + 1) % item.pairs.length]!.match,
          ]),
        ),
      };
    case 'ordering':
      return { type: 'ordering', order: item.steps.map((step) => step.id).reverse() };
    case 'shortText':
      return { type: 'shortText', text: 'smuggling' };
    case 'spotting':
      return {
        type: 'spotting',
        cueIds: item.cues.filter((cue) => !cue.indicator).map((cue) => cue.id),
      };
  }
}

export interface Run {
  readonly session: Session;
  readonly launch: LaunchInfo;
  readonly facts: Fact[];
  readonly notices: LmsNotice[];
  /** The status after the last fact. */
  status(): ModuleStatus;
}

export interface Learner {
  /** Which quiz answers are right: all, or only every other one (a failing score). */
  readonly quiz: 'right' | 'mixed';
  /** In the scenario: the best choice at each scene, or a critical one where there is one. */
  readonly scenario: 'best' | 'harmful';
}

/**
 * Starts the reporter, then takes the module from start to end (or through its first
 * `activities`). Each learner action is followed
 * by `record` for its facts (with the status after them) and by `save`, as the player does.
 */
export async function runModule(
  reporter: Reporter,
  module: Module,
  learner: Learner,
  options: { readonly activities?: number } = {},
): Promise<Run> {
  const notices: LmsNotice[] = [];
  reporter.onNotice((notice) => notices.push(notice));
  const launch = await reporter.start(module);
  const session = createSession(module, { newSeed: () => 7919 });
  const facts: Fact[] = [];
  const pending: Fact[] = [];
  session.onFact((fact) => pending.push(fact));
  const settle = (activityId: string) => {
    for (const fact of pending.splice(0)) {
      facts.push(fact);
      reporter.record(fact, session.status());
    }
    // The same place gives the same record, as the player's encoding does.
    reporter.save(
      JSON.stringify({ facts: facts.length, progress: session.status().progress }),
      activityId,
    );
  };
  // Each action in a task of its own, as a learner's clicks are: what one queued runs first.
  const act = async (activityId: string, event: { type: string } & Record<string, unknown>) => {
    session.sendTo(activityId, event);
    settle(activityId);
    await Promise.resolve();
  };
  const ended = (type: Fact['type'], activityId: string) =>
    facts.some(
      (fact) => fact.type === type && 'activityId' in fact && fact.activityId === activityId,
    );

  for (const activity of module.activities.slice(0, options.activities)) {
    session.open(activity.id);
    settle(activity.id);
    if (activity.type === 'lesson') {
      for (
        let page = 0;
        page < activity.pages.length && !ended('activity.completed', activity.id);
        page++
      ) {
        await act(activity.id, { type: 'learner.next' });
      }
    } else if (activity.type === 'quiz') {
      await answerQuiz(session, activity, learner, act, () => ended('quiz.scored', activity.id));
    } else {
      await playScenario(session, activity, learner, act, () =>
        ended('scenario.ended', activity.id),
      );
    }
  }
  return { session, launch, facts, notices, status: () => session.status() };
}

type Act = (activityId: string, event: { type: string } & Record<string, unknown>) => Promise<void>;

async function answerQuiz(
  session: Session,
  quiz: Quiz,
  learner: Learner,
  act: Act,
  done: () => boolean,
) {
  await act(quiz.id, { type: 'learner.start' });
  for (let turn = 0; turn < 100 && !done(); turn++) {
    const context = session.activity(quiz.id)!.getSnapshot().context as {
      itemIds: string[];
      index: number;
    };
    const item = quiz.items.find((candidate) => candidate.id === context.itemIds[context.index])!;
    const right = learner.quiz === 'right' || context.index % 2 === 0;
    await act(quiz.id, { type: 'learner.submit', response: right ? keyFor(item) : wrongFor(item) });
    await act(quiz.id, { type: 'learner.next' });
  }
}

async function playScenario(
  session: Session,
  scenario: Scenario,
  learner: Learner,
  act: Act,
  done: () => boolean,
) {
  const choices = scenario.scenes.flatMap((scene) => scene.choices);
  // Critical choices first (harmful) or last (best); then the best-scored.
  const sign = learner.scenario === 'harmful' ? -1 : 1;
  const preferred = [...choices].sort(
    (a, b) =>
      sign * (Number(a.critical ?? false) - Number(b.critical ?? false)) ||
      (b.score ?? 0) - (a.score ?? 0),
  );
  for (let turn = 0; turn < 100 && !done(); turn++) {
    const before = JSON.stringify(session.activity(scenario.id)!.getSnapshot().context);
    // Only the choices of the scene the learner is in (and available there) are taken.
    for (const choice of preferred) {
      await act(scenario.id, { type: 'learner.choose', choiceId: choice.id });
      if (JSON.stringify(session.activity(scenario.id)!.getSnapshot().context) !== before) break;
    }
    await act(scenario.id, { type: 'learner.next' });
  }
}
