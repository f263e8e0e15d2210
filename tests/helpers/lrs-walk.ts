/**
 * Real engine facts for reporting tests, in node or a browser: a module run through
 * `createSession` as a learner would — every item type answered right, wrong and partly right,
 * scenario decisions taken, the module passed in one run and failed in another.
 */
import type { Item, Module, Quiz } from '../../src/content/schema.ts';
import type { ModuleStatus } from '../../src/engine/course.machine.ts';
import type { Fact } from '../../src/engine/events.ts';
import { keyFor } from '../../src/engine/scoring.ts';
import { createSession, type Session } from '../../src/engine/session.ts';
import type { Response } from '../../src/engine/types.ts';

export interface RecordedFact {
  readonly fact: Fact;
  readonly status: ModuleStatus;
}

/** A wrong (or partly right) answer that still uses the item's own option ids and texts. */
export function wrongFor(item: Item): Response {
  switch (item.type) {
    case 'single':
      return { type: 'single', optionId: item.options.find((option) => !option.correct)!.id };
    case 'multiple':
      return {
        type: 'multiple',
        optionIds: [
          item.options.find((o) => o.correct)!.id,
          item.options.find((o) => !o.correct)!.id,
        ],
      };
    case 'trueFalse':
      return { type: 'trueFalse', value: !item.answer };
    case 'matching': {
      // The first two pairs swapped, a distractor on the third, the rest right.
      const matches: Record<string, string> = {};
      item.pairs.forEach((pair, index) => {
        const swapped = index === 0 ? item.pairs[1] : index === 1 ? item.pairs[0] : undefined;
        matches[pair.id] =
          swapped?.match ?? (index === 2 ? (item.distractors?.[0] ?? pair.match) : pair.match);
      });
      return { type: 'matching', matches };
    }
    case 'ordering':
      return { type: 'ordering', order: item.steps.map((step) => step.id).reverse() };
    case 'shortText':
      return { type: 'shortText', text: 'people smuggling' };
    case 'spotting':
      return {
        type: 'spotting',
        cueIds: [item.cues.find((c) => c.indicator)!.id, item.cues.find((c) => !c.indicator)!.id],
      };
  }
}

function answerQuiz(session: Session, quiz: Quiz, correct: boolean): void {
  const actor = session.activity(quiz.id)!;
  for (let guard = 0; guard < 200 && actor.getSnapshot().matches('attempting'); guard++) {
    const snapshot = actor.getSnapshot();
    if (snapshot.matches({ attempting: 'answering' })) {
      const context = snapshot.context as { itemIds: string[]; index: number };
      const item = quiz.items.find((candidate) => candidate.id === context.itemIds[context.index])!;
      session.sendTo(quiz.id, {
        type: 'learner.submit',
        response: correct ? keyFor(item) : wrongFor(item),
      });
    } else {
      session.sendTo(quiz.id, { type: 'learner.next' });
    }
  }
}

const PROTECTIVE = ['c1-second-line', 'c2-separate', 'c3-open', 'c4-refer-with-notes', 'c5-secure'];
const HARMFUL = ['c1-second-line', 'c2-together'];

/**
 * Runs the showcase module (see `showcaseModule`) once. `pass`: the quiz failed once then passed, the scenario's protective
 * path. Otherwise: every quiz attempt failed, the scenario ends in harm. Returns every fact with
 * the module's status right after it, in order.
 */
export function runShowcase(options: {
  readonly pass: boolean;
  readonly module: Module;
  readonly onFact?: (fact: Fact, status: ModuleStatus) => void;
}): RecordedFact[] {
  const module = options.module;
  const session = createSession(module);
  const recorded: RecordedFact[] = [];
  session.onFact((fact) => {
    const status = session.status();
    recorded.push({ fact, status });
    options.onFact?.(fact, status);
  });
  for (const activity of module.activities) {
    session.open(activity.id);
    if (activity.type === 'lesson') {
      for (let page = 0; page < activity.pages.length; page++) {
        session.sendTo(activity.id, { type: 'learner.next' });
      }
      session.sendTo(activity.id, { type: 'learner.finish' });
    } else if (activity.type === 'quiz') {
      session.sendTo(activity.id, { type: 'learner.start' });
      answerQuiz(session, activity, false);
      const attempts = module.assessment.attempts ?? 1;
      for (let attempt = 2; attempt <= attempts; attempt++) {
        session.sendTo(activity.id, { type: 'learner.retry' });
        answerQuiz(session, activity, options.pass);
        if (options.pass) break;
      }
    } else {
      for (const choiceId of options.pass ? PROTECTIVE : HARMFUL) {
        session.sendTo(activity.id, { type: 'learner.choose', choiceId });
        session.sendTo(activity.id, { type: 'learner.next' });
      }
    }
  }
  session.stop();
  return recorded;
}
