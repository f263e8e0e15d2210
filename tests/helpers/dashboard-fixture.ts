/**
 * Data for dashboard tests: learners who really ran the engine fixture module, written to a test
 * database by the persistence subscriber exactly as the player writes them; results files as a
 * device exports them; and the synthetic dataset of the analytics.
 */
import type { Module, Quiz } from '../../src/content/schema.ts';
import { keyFor } from '../../src/engine/scoring.ts';
import type { Session } from '../../src/engine/session.ts';
import { persistSession } from '../../src/storage/persistence.ts';
import { openStore } from '../../src/storage/store.ts';
import { exportResults, type ResultsFile } from '../../src/storage/transfer.ts';
import type { Dataset } from '../../src/analytics/types.ts';
import { freeModule, makeSession, wrongFor } from './storage-fixture.ts';

export interface Run {
  readonly learnerId: string;
  readonly name: string;
  /** Every quiz answer right, or every one wrong; `partial`: starts the quiz, answers one item. */
  readonly quiz: 'right' | 'wrong' | 'partial';
  /** Choices in the practice scenario (two scenes), none to leave it alone. */
  readonly practice?: readonly [string, string];
  /** Choices in the assessed scenario (two scenes). */
  readonly assessed?: readonly [string, string];
}

/** Passes: quiz 100 %, assessed scenario 3 of 3 → module 100 %. */
export const PASSES: Omit<Run, 'learnerId' | 'name'> = {
  quiz: 'right',
  practice: ['good', 'refer'],
  assessed: ['right', 'close'],
};
/** Fails: quiz 0 %, assessed scenario 0 of 3 with a critical decision → module 0 %. */
export const FAILS: Omit<Run, 'learnerId' | 'name'> = {
  quiz: 'wrong',
  practice: ['poor', 'harm'],
  assessed: ['wrong', 'leave'],
};
export const STARTS: Omit<Run, 'learnerId' | 'name'> = { quiz: 'partial' };

function answerQuiz(session: Session, run: Run): void {
  const quiz = session.module.activities.find((activity) => activity.id === 'quiz') as Quiz;
  session.open('quiz');
  session.sendTo('quiz', { type: 'learner.start' });
  const actor = session.activity('quiz')!;
  for (let guard = 0; guard < 100 && actor.getSnapshot().matches('attempting'); guard++) {
    const snapshot = actor.getSnapshot();
    if (snapshot.matches({ attempting: 'answering' })) {
      const item = quiz.items.find(
        (candidate) => candidate.id === snapshot.context.itemIds[snapshot.context.index],
      )!;
      session.sendTo('quiz', {
        type: 'learner.submit',
        response: run.quiz === 'wrong' ? wrongFor(item) : keyFor(item),
      });
      if (run.quiz === 'partial') return;
    } else {
      session.sendTo('quiz', { type: 'learner.next' });
    }
  }
}

function choose(session: Session, scenario: string, choices: readonly string[] | undefined): void {
  if (!choices) return;
  session.open(scenario);
  for (const choiceId of choices) {
    session.sendTo(scenario, { type: 'learner.choose', choiceId });
    session.sendTo(scenario, { type: 'learner.next' });
  }
}

/** Each run is one learner's session in `module`, saved to database `name`. */
export async function recordRuns(
  name: string,
  runs: readonly Run[],
  module: Module = freeModule(),
): Promise<void> {
  const store = await openStore({ name });
  try {
    await store.commit({
      add: {
        learners: runs.map((run, index) => ({
          id: run.learnerId,
          name: run.name,
          createdAt: 1_767_225_600_000 + index,
        })),
      },
    });
    for (const run of runs) {
      const session = makeSession(module);
      const persistence = persistSession(session, store, { learnerId: run.learnerId });
      answerQuiz(session, run);
      choose(session, 'practice', run.practice);
      choose(session, 'assessed', run.assessed);
      await persistence.stop();
      session.stop();
    }
  } finally {
    store.close();
  }
}

/** What `exportResults` writes for database `name`. */
export async function exportedFile(name: string): Promise<ResultsFile> {
  const store = await openStore({ name });
  try {
    return await exportResults(store);
  } finally {
    store.close();
  }
}

/** A File as a device's "Export results" saves it. */
export const resultsFile = (file: ResultsFile | Dataset, filename: string): File =>
  new File(
    [
      JSON.stringify({
        format: 'checkpoint-results',
        version: 1,
        exportedAt: '2026-01-02T00:00:00.000Z',
        learners: file.learners,
        progress: file.progress,
        attempts: file.attempts,
        responses: file.responses,
      }),
    ],
    filename,
    { type: 'application/json' },
  );
