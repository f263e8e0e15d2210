/**
 * The compact resume record an LMS keeps: it survives encoding within SCORM's limits, replays to
 * the learner's place with the same draws, goes on from a restored snapshot, and refuses what it
 * cannot trust.
 */
import { expect } from '@open-wc/testing';
import { SimulatedClock } from 'xstate';
import type { Module } from '../../src/content/schema.ts';
import {
  decodeJournal,
  encodeJournal,
  encodeJournalSync,
  type Journal,
} from '../../src/engine/journal.ts';
import { keyFor } from '../../src/engine/scoring.ts';
import { createSession, type Session } from '../../src/engine/session.ts';
import { fixtureModule } from '../helpers/engine-fixture.ts';

const quizItems = (session: Session, quizId: string): string[] =>
  (session.activity(quizId)?.getSnapshot().context as { itemIds: string[] }).itemIds;

/** Opens the quiz and answers every drawn item correctly, with random seeds. */
function answerQuiz(module: Module, session: Session): void {
  session.open('quiz');
  session.sendTo('quiz', { type: 'learner.start' });
  const quiz = module.activities.find((activity) => activity.id === 'quiz');
  if (quiz?.type !== 'quiz') throw new Error('the fixture has a quiz');
  for (const itemId of quizItems(session, 'quiz')) {
    const item = quiz.items.find((candidate) => candidate.id === itemId)!;
    session.sendTo('quiz', { type: 'learner.submit', response: keyFor(item) });
    session.sendTo('quiz', { type: 'learner.next' });
  }
}

const state = (session: Session) => ({
  course: session.actor.getSnapshot().context,
  quiz: session.activity('quiz')?.getSnapshot().value,
  quizContext: session.activity('quiz')?.getSnapshot().context,
  status: session.status(),
});

describe('journal: the compact resume record', () => {
  const module = fixtureModule({ navigation: 'free' });

  it('replays to the same place and the same draws with random seeds', async () => {
    const clock = new SimulatedClock();
    const live = createSession(module, { clock });
    answerQuiz(module, live);
    const text = await encodeJournal(live.journal(), 4096);
    expect(text).to.be.a('string');
    const journal = (await decodeJournal(text!))!;
    const replayed = createSession(module, { clock, journal });
    expect(state(replayed)).to.deep.equal(state(live));
    expect(quizItems(replayed, 'quiz')).to.deep.equal(quizItems(live, 'quiz'));
  });

  it('goes on from a restored snapshot: the journal then covers the whole run', () => {
    const clock = new SimulatedClock();
    const first = createSession(module, { clock });
    first.open('lesson');
    first.sendTo('lesson', { type: 'learner.next' });
    const restored = createSession(module, {
      clock,
      snapshot: first.persist(),
      journal: first.journal(),
    });
    restored.sendTo('lesson', { type: 'learner.next' });
    first.sendTo('lesson', { type: 'learner.next' });
    const replayed = createSession(module, { clock, journal: restored.journal() });
    expect(state(replayed)).to.deep.equal(state(first));
    expect(restored.journal().entries).to.have.length(3);
  });

  it('compresses to fit a 4,096-character limit when plain JSON does not', async () => {
    const long: Journal = {
      module: `${module.id}@${module.version}`,
      savedAt: 1,
      seeds: [1, 2, 3],
      entries: Array.from({ length: 400 }, (_, index) => [
        2,
        'submit',
        { response: { type: 'single', optionId: `option-${index % 4}` } },
      ]),
    };
    expect(encodeJournalSync(long, 4096), 'plain JSON is too long').to.equal(undefined);
    const packed = await encodeJournal(long, 4096);
    expect(packed!.length).to.be.at.most(4096);
    expect(packed!.startsWith('z1:')).to.equal(true);
    expect(await decodeJournal(packed!)).to.deep.equal(long);
  });

  it('says when even the compressed record does not fit', async () => {
    const random = (seed: number) => ((seed * 2654435761) % 2 ** 32).toString(36);
    const huge: Journal = {
      module: 'm@1',
      savedAt: 1,
      seeds: [],
      entries: Array.from({ length: 3000 }, (_, index) => [0, random(index + 1)]),
    };
    expect(await encodeJournal(huge, 4096)).to.equal(undefined);
  });

  it('refuses damaged text and is ignored by a session of another module version', async () => {
    for (const text of ['', 'null', '{"v":2}', 'z1:!!!', '{"v":1,"m":"x","t":1,"s":[],"e":[[0]]}'])
      expect(await decodeJournal(text), text).to.equal(undefined);
    const clock = new SimulatedClock();
    const live = createSession(module, { clock });
    live.open('lesson');
    const other = { ...live.journal(), module: `${module.id}@0.0.0-other` };
    const fresh = createSession(module, { clock, journal: other });
    expect(fresh.actor.getSnapshot().context.current ?? null).to.equal(null);
    expect(fresh.journal().entries).to.have.length(0);
  });
});
