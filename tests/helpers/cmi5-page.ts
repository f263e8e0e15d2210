/**
 * The module side of the cmi5 browser test: a page the test LMS launches. It starts the cmi5
 * reporter on its own address (with the page's real sessionStorage, localStorage and IndexedDB),
 * runs the showcase module in the real engine — resuming the engine from this tab after a reload —
 * and hands each fact to the reporter. The test drives it through `window.cmi5Page`.
 */
import data from '../../modules/showcase/module.json';
import { validateModule } from '../../src/content/loader.ts';
import type { Quiz } from '../../src/content/schema.ts';
import { keyFor } from '../../src/engine/scoring.ts';
import { createSession, type Session } from '../../src/engine/session.ts';
import { createCmi5Reporter } from '../../src/lms/cmi5/reporter.ts';
import type { LaunchInfo, LmsNotice } from '../../src/lms/reporter.ts';

const SNAPSHOT = 'cmi5-page.engine';
const PROTECTIVE = ['c1-second-line', 'c2-separate', 'c3-open', 'c4-refer-with-notes', 'c5-secure'];

export interface Cmi5Page {
  readonly info: LaunchInfo;
  readonly notices: LmsNotice[];
  /** Learns the lesson (the module's first activity). */
  lesson(): void;
  /** Passes the quiz and takes the scenario's protective path. */
  rest(): void;
  /** Ends the LMS session and goes back to the LMS, as the player does. */
  finish(): void;
}

declare global {
  interface Window {
    cmi5Page?: Cmi5Page;
  }
}

function answerQuiz(session: Session, quiz: Quiz): void {
  const actor = session.activity(quiz.id)!;
  for (let guard = 0; guard < 200 && actor.getSnapshot().matches('attempting'); guard++) {
    const snapshot = actor.getSnapshot();
    if (snapshot.matches({ attempting: 'answering' })) {
      const context = snapshot.context as { itemIds: string[]; index: number };
      const item = quiz.items.find((candidate) => candidate.id === context.itemIds[context.index])!;
      session.sendTo(quiz.id, { type: 'learner.submit', response: keyFor(item) });
    } else {
      session.sendTo(quiz.id, { type: 'learner.next' });
    }
  }
}

async function main(): Promise<void> {
  const loaded = validateModule(data);
  if (!loaded.ok) throw new Error(loaded.errors.map((p) => `${p.path}: ${p.message}`).join('\n'));
  const module = loaded.module;
  const reporter = createCmi5Reporter(location.href);
  const notices: LmsNotice[] = [];
  reporter.onNotice((notice) => notices.push(notice));
  const info = await reporter.start(module);
  const kept = sessionStorage.getItem(SNAPSHOT);
  const session = createSession(module, kept ? { snapshot: JSON.parse(kept) as unknown } : {});
  session.onFact((fact) => reporter.record(fact, session.status()));
  const keep = (location: string) => {
    const snapshot = JSON.stringify(session.persist());
    sessionStorage.setItem(SNAPSHOT, snapshot);
    reporter.save(snapshot, location);
  };

  window.cmi5Page = {
    info,
    notices,
    lesson() {
      const lesson = module.activities[0]!;
      if (lesson.type !== 'lesson') throw new Error('the showcase starts with a lesson');
      session.open(lesson.id);
      for (let page = 0; page < lesson.pages.length; page++)
        session.sendTo(lesson.id, { type: 'learner.next' });
      session.sendTo(lesson.id, { type: 'learner.finish' });
      keep(lesson.id);
    },
    rest() {
      for (const activity of module.activities.slice(1)) {
        session.open(activity.id);
        if (activity.type === 'quiz') {
          session.sendTo(activity.id, { type: 'learner.start' });
          answerQuiz(session, activity);
        } else if (activity.type === 'scenario') {
          for (const choiceId of PROTECTIVE) {
            session.sendTo(activity.id, { type: 'learner.choose', choiceId });
            session.sendTo(activity.id, { type: 'learner.next' });
          }
        }
        keep(activity.id);
      }
    },
    finish() {
      reporter.finish();
      if (info.returnUrl) location.assign(info.returnUrl);
    },
  };
}

void main();
