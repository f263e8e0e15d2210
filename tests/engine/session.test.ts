/**
 * The engine's machines, driven through a session as the player drives them: every reachable
 * state of a small module is walked, and at each one the persisted snapshot restores to an
 * equivalent session that behaves the same under every next event, and the session's journal
 * replays to the same place.
 */
import { expect } from '@open-wc/testing';
import { SimulatedClock } from 'xstate';
import type { Item, Module, Quiz } from '../../src/content/schema.ts';
import type { Fact } from '../../src/engine/events.ts';
import { keyFor } from '../../src/engine/scoring.ts';
import { createSession, type Session } from '../../src/engine/session.ts';
import type { Response } from '../../src/engine/types.ts';
import { fixtureModule } from '../helpers/engine-fixture.ts';

type Step = readonly [activityId: string | null, event: { type: string } & Record<string, unknown>];

/** A wrong answer of the right type for an item. */
function wrongFor(item: Item): Response {
  switch (item.type) {
    case 'single':
      return { type: 'single', optionId: item.options.find((option) => !option.correct)!.id };
    case 'multiple':
      return { type: 'multiple', optionIds: [] };
    case 'trueFalse':
      return { type: 'trueFalse', value: !item.answer };
    case 'matching':
      return { type: 'matching', matches: {} };
    case 'ordering':
      return { type: 'ordering', order: item.steps.map((step) => step.id).reverse() };
    case 'shortText':
      return { type: 'shortText', text: '—' };
    case 'spotting':
      return { type: 'spotting', cueIds: [] };
  }
}

/** Every event a learner could send in the session's current state. */
function possibleSteps(session: Session): Step[] {
  const module = session.module;
  const steps: Step[] = module.activities.map((activity) => [
    null,
    { type: 'learner.open', activityId: activity.id },
  ]);
  steps.push([null, { type: 'learner.close' }]);
  for (const activity of module.activities) {
    const child = session.activity(activity.id);
    if (!child) continue;
    const generic = [
      'learner.next',
      'learner.back',
      'learner.start',
      'learner.retry',
      'learner.review',
      'learner.retryItem',
      'learner.finish',
      'learner.restart',
    ];
    generic.forEach((type) => steps.push([activity.id, { type }]));
    if (activity.type === 'quiz') {
      const context = child.getSnapshot().context as { itemIds: string[]; index: number };
      const item = activity.items.find(
        (candidate) => candidate.id === context.itemIds[context.index],
      );
      if (item) {
        steps.push([activity.id, { type: 'learner.submit', response: keyFor(item) }]);
        steps.push([activity.id, { type: 'learner.submit', response: wrongFor(item) }]);
      }
    }
    if (activity.type === 'scenario') {
      for (const scene of activity.scenes) {
        for (const choice of scene.choices)
          steps.push([activity.id, { type: 'learner.choose', choiceId: choice.id }]);
      }
    }
  }
  return steps;
}

function apply(session: Session, [activityId, event]: Step): void {
  if (activityId === null) session.send(event as never);
  else session.sendTo(activityId, event);
}

// Seeds come from outside the machines; a constant keeps a restored session and a replayed one
// comparable (the draws themselves are tested in selection.test.ts).
const make = (module: Module, snapshot?: unknown) =>
  createSession(module, {
    clock: new SimulatedClock(),
    newSeed: () => 7919,
    ...(snapshot === undefined ? {} : { snapshot }),
  });

/** What a learner would notice: where each machine is, and its data. */
function observable(session: Session) {
  const course = session.actor.getSnapshot();
  return {
    course: { value: course.value, context: course.context },
    activities: Object.fromEntries(
      session.module.activities.map((activity) => {
        const snapshot = session.activity(activity.id)?.getSnapshot();
        return [
          activity.id,
          snapshot ? { value: snapshot.value, context: snapshot.context } : null,
        ];
      }),
    ),
    status: session.status(),
  };
}

/** Breadth-first over every state reachable with the given steps; checks each one. */
function walk(module: Module, allowed: (step: Step) => boolean, limit = 3_000): number {
  const queue: Step[][] = [[]];
  const seen = new Set<string>();
  while (queue.length) {
    const path = queue.shift()!;
    const live = make(module);
    path.forEach((step) => apply(live, step));
    const persisted = live.persist();
    const key = JSON.stringify(persisted);
    if (seen.has(key)) {
      live.stop();
      continue;
    }
    seen.add(key);
    const restored = make(module, JSON.parse(key));
    expect(observable(restored), `restore after ${JSON.stringify(path)}`).to.deep.equal(
      observable(live),
    );
    expect(restored.persist()).to.deep.equal(persisted);
    // The compact record replays to the same place, with seeds of its own.
    const replayed = createSession(module, {
      clock: new SimulatedClock(),
      newSeed: () => 1,
      journal: live.journal(),
    });
    expect(observable(replayed), `replay of ${JSON.stringify(path)}`).to.deep.equal(
      observable(live),
    );
    replayed.stop();
    // Same next event → same result, live or restored.
    for (const step of possibleSteps(live).filter(allowed)) {
      const a = make(module, JSON.parse(key));
      const b = make(module);
      path.forEach((earlier) => apply(b, earlier));
      apply(a, step);
      apply(b, step);
      const after = JSON.stringify(a.persist());
      expect(after, `after ${JSON.stringify([...path, step])}`).to.equal(
        JSON.stringify(b.persist()),
      );
      if (!seen.has(after)) queue.push([...path, step]);
      a.stop();
      b.stop();
    }
    restored.stop();
    live.stop();
    if (seen.size > limit) throw new Error(`more than ${limit} states`);
  }
  return seen.size;
}

describe('session: every reachable state persists and restores', () => {
  const module = fixtureModule({ navigation: 'free' });
  for (const activity of module.activities) {
    it(`walks every state of the ${activity.type} "${activity.id}"`, function () {
      this.timeout(120_000);
      // Practice runs can be restarted without end: one run covers every state of it.
      const endless = activity.type === 'scenario' && activity.mode === 'practice';
      const states = walk(module, ([target, event]) =>
        target === null
          ? event['activityId'] === activity.id
          : target === activity.id && !(endless && event.type === 'learner.restart'),
      );
      expect(states, 'a real walk, not a handful of states').to.be.greaterThan(4);
    });
  }

  it('walks every state of the course: gating, opening, closing, completion', function () {
    this.timeout(120_000);
    const linear = fixtureModule();
    const lessonOnly = ([target, event]: Step) =>
      target === null || (target === 'lesson' && event.type !== 'learner.goto');
    expect(walk(linear, lessonOnly)).to.be.greaterThan(4);
  });
});

describe('session: course', () => {
  it('gates activities in linear navigation and opens any in free navigation', () => {
    const linear = make(fixtureModule());
    linear.open('quiz');
    expect(linear.activity('quiz')).to.equal(undefined);
    linear.open('lesson');
    linear.sendTo('lesson', { type: 'learner.next' });
    linear.sendTo('lesson', { type: 'learner.next' });
    linear.open('quiz');
    expect(linear.activity('quiz')).to.not.equal(undefined);

    const free = make(fixtureModule({ navigation: 'free' }));
    free.open('assessed');
    expect(free.activity('assessed')).to.not.equal(undefined);
  });

  it('reports progress, completion and success by the pass mark', () => {
    const session = make(fixtureModule({ navigation: 'free' }));
    const facts: Fact[] = [];
    session.onFact((fact) => facts.push(fact));
    session.open('lesson');
    ['learner.next', 'learner.next'].forEach((type) => session.sendTo('lesson', { type }));
    expect(session.status().progress).to.equal(0.25);

    session.open('quiz');
    answerQuiz(session, 'quiz', true);
    session.open('practice');
    ['poor', 'wait'].forEach((choiceId) => {
      session.sendTo('practice', { type: 'learner.choose', choiceId });
      session.sendTo('practice', { type: 'learner.next' });
    });
    expect(facts.some((fact) => fact.type === 'module.completed')).to.equal(false);
    session.open('assessed');
    ['wrong', 'close'].forEach((choiceId) => {
      session.sendTo('assessed', { type: 'learner.choose', choiceId });
      session.sendTo('assessed', { type: 'learner.next' });
    });
    const completed = facts.filter((fact) => fact.type === 'module.completed');
    expect(completed).to.have.length(1);
    // quiz 100 %, assessed scenario 1/3 → 66.7 % ≥ 50 %
    expect(session.status()).to.include({ completed: 4, total: 4, progress: 1, passed: true });
    expect(completed[0]).to.include({ passed: true });
  });
});

function answerQuiz(session: Session, quizId: string, correct: boolean): void {
  const quiz = session.module.activities.find((activity) => activity.id === quizId) as Quiz;
  session.sendTo(quizId, { type: 'learner.start' });
  const actor = session.activity(quizId)!;
  for (let guard = 0; guard < 100 && actor.getSnapshot().matches('attempting'); guard++) {
    const snapshot = actor.getSnapshot();
    if (snapshot.matches({ attempting: 'answering' })) {
      const item = quiz.items.find(
        (candidate) => candidate.id === snapshot.context.itemIds[snapshot.context.index],
      )!;
      session.sendTo(quizId, {
        type: 'learner.submit',
        response: correct ? keyFor(item) : wrongFor(item),
      });
    } else {
      session.sendTo(quizId, { type: 'learner.next' });
    }
  }
}

describe('session: quiz', () => {
  it('restores a resumed attempt with the same items, order, answers and score', () => {
    const session = make(fixtureModule({ navigation: 'free' }));
    session.open('quiz');
    session.sendTo('quiz', { type: 'learner.start' });
    const before = session.activity('quiz')!.getSnapshot();
    const item = fixtureModule().activities[1] as Quiz;
    const first = item.items.find((candidate) => candidate.id === before.context.itemIds[0])!;
    session.sendTo('quiz', { type: 'learner.submit', response: keyFor(first) });
    const resumed = make(fixtureModule({ navigation: 'free' }), session.persist());
    const after = resumed.activity('quiz')!.getSnapshot();
    expect(after.value).to.deep.equal({ attempting: 'feedback' });
    expect(after.context.itemIds).to.deep.equal(before.context.itemIds);
    expect(after.context.order).to.deep.equal(before.context.order);
    expect(after.context.seed).to.equal(before.context.seed);
    expect(after.context.scores[first.id].correct).to.equal(true);
  });

  it('gives a wrong answer another try when the policy allows, then moves on', () => {
    const session = make(fixtureModule({ navigation: 'free' }));
    session.open('quiz');
    session.sendTo('quiz', { type: 'learner.start' });
    const actor = session.activity('quiz')!;
    const quiz = session.module.activities[1] as Quiz;
    const item = () =>
      quiz.items.find(
        (candidate) =>
          candidate.id === actor.getSnapshot().context.itemIds[actor.getSnapshot().context.index],
      )!;
    session.sendTo('quiz', { type: 'learner.submit', response: wrongFor(item()) });
    session.sendTo('quiz', { type: 'learner.retryItem' });
    expect(actor.getSnapshot().value).to.deep.equal({ attempting: 'answering' });
    session.sendTo('quiz', { type: 'learner.submit', response: wrongFor(item()) });
    session.sendTo('quiz', { type: 'learner.retryItem' }); // two tries used: refused
    expect(actor.getSnapshot().value).to.deep.equal({ attempting: 'feedback' });
  });

  it('holds back feedback when it is deferred', () => {
    const session = make(
      fixtureModule({ navigation: 'free', assessment: { passMark: 50, feedback: 'deferred' } }),
    );
    session.open('quiz');
    session.sendTo('quiz', { type: 'learner.start' });
    const actor = session.activity('quiz')!;
    const quiz = session.module.activities[1] as Quiz;
    const current = () =>
      quiz.items.find(
        (candidate) =>
          candidate.id === actor.getSnapshot().context.itemIds[actor.getSnapshot().context.index],
      )!;
    session.sendTo('quiz', { type: 'learner.submit', response: keyFor(current()) });
    expect(actor.getSnapshot().value).to.deep.equal({ attempting: 'answering' });
    expect(actor.getSnapshot().context.index).to.equal(1);
    session.sendTo('quiz', { type: 'learner.submit', response: wrongFor(current()) });
    expect(actor.getSnapshot().value).to.equal('scored');
    expect(actor.getSnapshot().context.history[0].score.scaled).to.equal(0.5);
  });

  it('grades across attempts (best, last, first) and refuses attempts past the limit', () => {
    for (const [grading, expected] of [
      ['best', 1],
      ['last', 0],
      ['first', 1],
    ] as const) {
      const session = make(
        fixtureModule({ navigation: 'free', assessment: { passMark: 50, attempts: 2, grading } }),
      );
      const facts: Fact[] = [];
      session.onFact((fact) => facts.push(fact));
      session.open('quiz');
      answerQuiz(session, 'quiz', true);
      session.sendTo('quiz', { type: 'learner.retry' });
      answerQuiz(session, 'quiz', false);
      const completed = facts.filter((fact) => fact.type === 'activity.completed');
      expect(completed.at(-1), grading).to.deep.include({ activityId: 'quiz' });
      expect((completed.at(-1) as { score: { scaled: number } }).score.scaled, grading).to.equal(
        expected,
      );
      session.sendTo('quiz', { type: 'learner.retry' });
      expect(session.activity('quiz')!.getSnapshot().value, 'a third attempt').to.equal('scored');
    }
  });

  it('submits what is answered when time runs out (controllable clock, no waiting)', () => {
    const clock = new SimulatedClock();
    const module = fixtureModule({
      navigation: 'free',
      assessment: { passMark: 50, timeLimitMinutes: 1 },
    });
    const session = createSession(module, { clock, newSeed: () => 42 });
    const facts: Fact[] = [];
    session.onFact((fact) => facts.push(fact));
    session.open('quiz');
    session.sendTo('quiz', { type: 'learner.start' });
    const actor = session.activity('quiz')!;
    const quiz = module.activities[1] as Quiz;
    const first = quiz.items.find(
      (candidate) => candidate.id === actor.getSnapshot().context.itemIds[0],
    )!;
    session.sendTo('quiz', { type: 'learner.submit', response: keyFor(first) });
    clock.increment(59_999);
    expect(actor.getSnapshot().matches('attempting')).to.equal(true);
    clock.increment(1);
    expect(actor.getSnapshot().value).to.equal('scored');
    const scored = facts.find((fact) => fact.type === 'quiz.scored');
    expect(scored).to.deep.include({ reason: 'timeout' });
    expect((scored as { score: { scaled: number } }).score.scaled).to.equal(0.5);
  });

  it('keeps the deadline across a reload: a restored attempt times out at the same moment', () => {
    const clock = new SimulatedClock();
    const module = fixtureModule({
      navigation: 'free',
      assessment: { passMark: 50, timeLimitMinutes: 1 },
    });
    const session = createSession(module, { clock, newSeed: () => 42 });
    session.open('quiz');
    session.sendTo('quiz', { type: 'learner.start' });
    clock.increment(30_000);
    const snapshot = session.persist();
    session.stop();
    const resumed = createSession(module, { clock, newSeed: () => 42, snapshot });
    clock.increment(29_999);
    expect(resumed.activity('quiz')!.getSnapshot().matches('attempting')).to.equal(true);
    clock.increment(1);
    expect(resumed.activity('quiz')!.getSnapshot().value).to.equal('scored');
  });
});

describe('session: scenario', () => {
  const choose = (session: Session, id: string, ...choices: string[]) => {
    for (const choiceId of choices) {
      session.sendTo(id, { type: 'learner.choose', choiceId });
      session.sendTo(id, { type: 'learner.next' });
    }
  };

  it('ends in the critical ending after a critical choice, whatever follows', () => {
    for (const last of ['close', 'leave']) {
      const session = make(fixtureModule({ navigation: 'free' }));
      const facts: Fact[] = [];
      session.onFact((fact) => facts.push(fact));
      session.open('assessed');
      choose(session, 'assessed', 'wrong', last);
      const ended = facts.find((fact) => fact.type === 'scenario.ended');
      expect(ended).to.deep.include({ endingId: 'bad', outcome: 'harmful', critical: true });
    }
  });

  it('shows a choice only when its condition holds, and routes by the new score', () => {
    const session = make(fixtureModule({ navigation: 'free' }));
    const facts: Fact[] = [];
    session.onFact((fact) => facts.push(fact));
    session.open('practice');
    choose(session, 'practice', 'poor');
    session.sendTo('practice', { type: 'learner.choose', choiceId: 'refer' }); // hidden: flag not set
    expect(facts.filter((fact) => fact.type === 'scenario.chose')).to.have.length(1);
    session.sendTo('practice', { type: 'learner.back' });
    choose(session, 'practice', 'good', 'refer'); // 2 + 2 = 4 → the route to "best"
    expect(facts.find((fact) => fact.type === 'scenario.ended')).to.deep.include({
      endingId: 'best',
      band: 'high',
    });
  });

  it('lets practice step back (restoring the score) and assessment not', () => {
    const practice = make(fixtureModule({ navigation: 'free' }));
    practice.open('practice');
    choose(practice, 'practice', 'good');
    expect(practice.activity('practice')!.getSnapshot().context.score).to.equal(2);
    practice.sendTo('practice', { type: 'learner.back' });
    expect(practice.activity('practice')!.getSnapshot().context).to.deep.include({
      score: 0,
      flags: [],
    });

    const assessed = make(fixtureModule({ navigation: 'free' }));
    assessed.open('assessed');
    choose(assessed, 'assessed', 'right');
    assessed.sendTo('assessed', { type: 'learner.back' });
    expect(assessed.activity('assessed')!.getSnapshot().context.score).to.equal(2);
  });
});
