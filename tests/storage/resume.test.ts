/**
 * Resume: continue or start over (history kept), and progress saved under an earlier content
 * version — carried over where it still fits, otherwise a fresh start with a message.
 */
import { expect } from '@open-wc/testing';
import type { Module } from '../../src/content/schema.ts';
import { RESUME_MESSAGES, migratedMessage } from '../../src/storage/messages.ts';
import { persistSession } from '../../src/storage/persistence.ts';
import { loadResume, progressHistory, startOver } from '../../src/storage/resume.ts';
import { openStore, type Store } from '../../src/storage/store.ts';
import { Databases, answer, freeModule, makeSession, rawPut } from '../helpers/storage-fixture.ts';
import { engineFixture } from '../helpers/engine-fixture.ts';

const LEARNER = 'learner-r';

/** Some progress in every kind of activity: lesson read, quiz answered, practice scenario begun. */
async function saveProgress(store: Store, module: Module) {
  const session = makeSession(module);
  const persistence = persistSession(session, store, { learnerId: LEARNER });
  session.open('lesson');
  session.sendTo('lesson', { type: 'learner.next' });
  session.sendTo('lesson', { type: 'learner.next' });
  session.open('quiz');
  session.sendTo('quiz', { type: 'learner.start' });
  answer(session, true);
  session.open('practice');
  session.sendTo('practice', { type: 'learner.choose', choiceId: 'good' });
  const snapshot = session.persist();
  // Stopped before its persistence has finished, as a page being closed may do.
  session.stop();
  await persistence.stop();
  return snapshot;
}

/** The fixture as a later content version, with `change` applied to the document. */
function updated(change: (activities: Record<string, unknown>[]) => void): Module {
  const document = structuredClone(engineFixture) as unknown as {
    activities: Record<string, unknown>[];
  };
  change(document.activities);
  return freeModule({ version: '1.1.0', activities: document.activities });
}

describe('storage: resume', () => {
  const dbs = new Databases();
  let store: Store;
  let name: string;
  beforeEach(async () => {
    name = dbs.name('resume');
    store = await openStore({ name });
    dbs.closeLater(store);
  });
  afterEach(() => dbs.cleanup());

  it('offers nothing to a learner who has not started', async () => {
    expect(await loadResume(store, LEARNER, freeModule())).to.deep.equal({ kind: 'none' });
  });

  it('starts over with a new run and keeps the old one in history', async () => {
    const module = freeModule();
    const saved = await saveProgress(store, module);
    const offer = await loadResume(store, LEARNER, module);
    if (offer.kind !== 'resume') throw new Error(offer.kind);
    expect(offer.snapshot).to.deep.equal(saved);

    expect((await startOver(store, offer.progress)).conflict).to.equal(undefined);
    expect(await loadResume(store, LEARNER, module)).to.deep.equal({ kind: 'none' });
    const fresh = makeSession(module);
    const persistence = persistSession(fresh, store, { learnerId: LEARNER });
    fresh.open('quiz');
    fresh.sendTo('quiz', { type: 'learner.start' });
    answer(fresh, false);
    await persistence.stop();

    const history = await progressHistory(store, LEARNER, module.id);
    expect(history.map((record) => [record.state, record.archivedBecause])).to.deep.equal([
      ['current', undefined],
      ['archived', 'start-over'],
    ]);
    expect(history[1]!.snapshot).to.deep.equal(saved);
    expect(persistence.runId).to.not.equal(offer.progress.runId);
    const query = { learnerId: LEARNER, moduleId: module.id };
    const responses = await store.list('responses', query);
    expect(responses).to.have.length(3); // 1 + 1 quiz answers, 1 decision: nothing deleted
    expect(new Set(responses.map((response) => response.runId)).size).to.equal(2);
    expect(await store.list('attempts', query)).to.have.length(3);
  });

  it('refuses to start over from a stale record (another tab saved since)', async () => {
    const module = freeModule();
    await saveProgress(store, module);
    const offer = await loadResume(store, LEARNER, module);
    if (offer.kind !== 'resume') throw new Error(offer.kind);
    const stale = { ...offer.progress, revision: offer.progress.revision - 1 };
    const result = await startOver(store, stale);
    expect(result.conflict).to.deep.equal(offer.progress);
    expect((await loadResume(store, LEARNER, module)).kind).to.equal('resume');
  });

  it('carries progress over to new content, restarting only the activities that changed', async () => {
    await saveProgress(store, freeModule());
    const module = updated((activities) => {
      const quiz = activities[1] as { items: { prompt: string }[] };
      quiz.items[0]!.prompt = 'Which one, exactly?';
    });
    const offer = await loadResume(store, LEARNER, module);
    if (offer.kind !== 'changed' || offer.snapshot === undefined) throw new Error(offer.kind);
    expect(offer).to.deep.include({ fromVersion: '1.0.0', restarted: ['quiz'] });
    expect(offer.message).to.equal(migratedMessage(['Quiz']));

    const session = makeSession(module, offer.snapshot);
    expect(session.activity('lesson')!.getSnapshot().context).to.deep.equal({ page: 2 });
    expect(session.activity('practice')!.getSnapshot().context.score).to.equal(2);
    expect(session.activity('quiz')).to.equal(undefined);
    session.open('quiz');
    expect(session.activity('quiz')!.getSnapshot().value).to.equal('ready');

    const persistence = persistSession(session, store, {
      learnerId: LEARNER,
      resumed: offer.progress,
    });
    await persistence.stop();
    expect(persistence.runId).to.equal(offer.progress.runId);
    const history = await progressHistory(store, LEARNER, module.id);
    expect(history.map((record) => [record.version, record.state])).to.deep.equal([
      ['1.1.0', 'current'],
      ['1.0.0', 'archived'],
    ]);
    expect(history[1]!.archivedBecause).to.equal('content-changed');
    expect((await loadResume(store, LEARNER, module)).kind).to.equal('resume');
    // The old version's answers stay.
    expect(await store.list('responses')).to.have.length(2);
  });

  it('restarts with a message when the saved progress no longer fits the content', async () => {
    await saveProgress(store, freeModule());
    const module = updated((activities) => activities.splice(2, 1)); // "practice" removed
    const offer = await loadResume(store, LEARNER, module);
    expect(offer).to.deep.include({
      kind: 'changed',
      fromVersion: '1.0.0',
      restarted: [],
      message: RESUME_MESSAGES.restart,
    });
    if (offer.kind !== 'changed') throw new Error(offer.kind);
    expect(offer.snapshot).to.equal(undefined);

    await startOver(store, offer.progress, 'content-changed');
    expect(await loadResume(store, LEARNER, module)).to.deep.equal({ kind: 'none' });
    const history = await progressHistory(store, LEARNER, module.id);
    expect(history.map((record) => record.archivedBecause)).to.deep.equal(['content-changed']);
    expect(await store.list('responses')).to.have.length(2);
  });

  it('says so when a saved place cannot be restored, instead of failing later', async () => {
    const module = freeModule();
    await saveProgress(store, module);
    const offer = await loadResume(store, LEARNER, module);
    if (offer.kind !== 'resume') throw new Error(offer.kind);
    const broken = structuredClone(offer.progress) as { snapshot: unknown };
    const snapshot = broken.snapshot as { children: { quiz: { snapshot: { value: unknown } } } };
    snapshot.children.quiz.snapshot.value = 'nowhere';
    await rawPut(name, 'progress', broken);

    const unreadable = await loadResume(store, LEARNER, module);
    expect(unreadable).to.deep.include({ kind: 'unreadable', message: RESUME_MESSAGES.unreadable });
    if (unreadable.kind !== 'unreadable') throw new Error(unreadable.kind);
    await startOver(store, unreadable.progress, 'unreadable');
    expect(await loadResume(store, LEARNER, module)).to.deep.equal({ kind: 'none' });
  });
});
