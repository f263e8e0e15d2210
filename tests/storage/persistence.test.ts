/**
 * The persistence subscriber: "saved" means the transaction completed, bursts make one write, and
 * a reload mid-quiz or mid-scenario comes back to the same item or scene, answers and score.
 */
import { expect } from '@open-wc/testing';
import type { Scenario } from '../../src/content/schema.ts';
import type { Session } from '../../src/engine/session.ts';
import { scenarioPosition } from '../../src/engine/scenario.machine.ts';
import type { Batch } from '../../src/storage/batch.ts';
import { persistSession, type Persistence } from '../../src/storage/persistence.ts';
import type { AttemptRecord, ResponseRecord } from '../../src/storage/records.ts';
import { loadResume } from '../../src/storage/resume.ts';
import { openStore, type Store, type WriteInterceptor } from '../../src/storage/store.ts';
import {
  Databases,
  answer,
  currentItem,
  freeModule,
  makeSession,
  rawAll,
} from '../helpers/storage-fixture.ts';

const LEARNER = 'learner-p';
const module = freeModule();
const where = { learnerId: LEARNER, moduleId: module.id };

/** Closes the page: the persistence finishes, the session and the store go. */
async function closePage(session: Session, persistence: Persistence, store: Store) {
  await persistence.stop();
  session.stop();
  store.close();
}

/** Opens the page again: a new store and a session restored from what was saved. */
async function reopenPage(name: string) {
  const store = await openStore({ name });
  const offer = await loadResume(store, LEARNER, module);
  if (offer.kind !== 'resume') throw new Error(`expected a resume offer, got ${offer.kind}`);
  const session = makeSession(module, offer.snapshot);
  const persistence = persistSession(session, store, {
    learnerId: LEARNER,
    resumed: offer.progress,
  });
  return { store, session, persistence };
}

describe('storage: the persistence subscriber', () => {
  const dbs = new Databases();
  afterEach(() => dbs.cleanup());

  it('says "saved" only after the transaction completed', async () => {
    const name = dbs.name('saved');
    let release: () => void = () => undefined;
    let gate = Promise.resolve();
    let completed = 0;
    const interceptWrite: WriteInterceptor = async (_batches, write) => {
      await gate;
      const results = await write(); // resolves on the transaction's `complete`
      completed++;
      return results;
    };
    const store = await openStore({ name, interceptWrite });
    dbs.closeLater(store);
    const session = makeSession(module);
    const persistence = persistSession(session, store, { learnerId: LEARNER });
    await persistence.flush();

    gate = new Promise((resolve) => (release = resolve));
    const seen: { state: string; completed: number; stored: Promise<unknown[]> }[] = [];
    persistence.onStatus((status) =>
      seen.push({
        state: status.state,
        completed,
        // Read at that very moment, through a connection of its own.
        stored: status.state === 'saved' ? rawAll(name, 'responses') : Promise.resolve([]),
      }),
    );
    session.open('quiz');
    session.sendTo('quiz', { type: 'learner.start' });
    answer(session, true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(persistence.status.state).to.equal('saving');
    expect(await rawAll(name, 'responses')).to.have.length(0);

    release();
    await persistence.flush();
    expect(seen.map((entry) => entry.state)).to.deep.equal(['saving', 'saved']);
    expect(seen[1]!.completed).to.equal(2);
    expect(await seen[1]!.stored).to.have.length(1);
  });

  it('writes a burst of changes in one transaction and never drops a fact', async () => {
    const batches: Batch[] = [];
    const store = await openStore({
      name: dbs.name('burst'),
      interceptWrite: (written, write) => {
        batches.push(...written);
        return write();
      },
    });
    dbs.closeLater(store);
    const session = makeSession(module);
    const persistence = persistSession(session, store, { learnerId: LEARNER });
    await persistence.flush();
    batches.length = 0;

    session.open('practice');
    for (const choiceId of ['good', 'refer']) {
      session.sendTo('practice', { type: 'learner.choose', choiceId });
      session.sendTo('practice', { type: 'learner.next' });
    }
    await persistence.flush();
    expect(batches).to.have.length(1);
    expect(batches[0]!.add?.responses).to.have.length(2);
    expect(batches[0]!.progress).to.have.length(1);
    const attempts = await store.list('attempts', where);
    expect(attempts.map((attempt) => [attempt.attempt, attempt.status])).to.deep.equal([
      [1, 'completed'],
    ]);

    // A change that alters nothing writes nothing.
    session.sendTo('practice', { type: 'learner.choose', choiceId: 'nonsense' });
    await persistence.flush();
    expect(batches).to.have.length(1);
  });

  it('reloads mid-quiz at the same item, with the same answers and score', async () => {
    const name = dbs.name('quiz');
    const store = await openStore({ name });
    const session = makeSession(module);
    const persistence = persistSession(session, store, { learnerId: LEARNER });
    session.open('quiz');
    session.sendTo('quiz', { type: 'learner.start' });
    const first = answer(session, true);
    session.sendTo('quiz', { type: 'learner.next' });
    const before = session.activity('quiz')!.getSnapshot();
    const item = currentItem(session).id;
    await closePage(session, persistence, store);

    const page = await reopenPage(name);
    dbs.closeLater(page.store);
    const after = page.session.activity('quiz')!.getSnapshot();
    expect(after.value).to.deep.equal({ attempting: 'answering' });
    expect(currentItem(page.session).id).to.equal(item);
    expect(after.context.responses).to.deep.equal(before.context.responses);
    expect(after.context.scores).to.deep.equal(before.context.scores);
    expect(after.context.itemIds).to.deep.equal(before.context.itemIds);
    const responses = (await page.store.list('responses', where)) as ResponseRecord[];
    expect(responses.map((response) => response.kind === 'item' && response.itemId)).to.deep.equal([
      first,
    ]);
    expect(responses[0]).to.include({ correct: true, attempt: 1, activityId: 'quiz' });

    // The learner finishes the attempt after the reload: one attempt, ended, with its score.
    answer(page.session, false);
    page.session.sendTo('quiz', { type: 'learner.next' });
    await page.persistence.flush();
    const attempts = (await page.store.list('attempts', where)) as AttemptRecord[];
    expect(attempts).to.have.length(1);
    expect(attempts[0]).to.deep.include({
      status: 'passed',
      attempt: 1,
      seed: 7919,
      startedAt: before.context.startedAt,
      score: { raw: 1, min: 0, max: 2, scaled: 0.5 },
    });
    expect(await page.store.list('responses', where)).to.have.length(2);
    expect(page.persistence.status.state).to.equal('saved');
  });

  it('reloads mid-scenario at the same scene, with the same choices and score', async () => {
    const name = dbs.name('scenario');
    const store = await openStore({ name });
    const session = makeSession(module);
    const persistence = persistSession(session, store, { learnerId: LEARNER });
    session.open('assessed');
    session.sendTo('assessed', { type: 'learner.choose', choiceId: 'right' });
    session.sendTo('assessed', { type: 'learner.next' });
    const before = session.activity('assessed')!.getSnapshot();
    await closePage(session, persistence, store);

    const page = await reopenPage(name);
    dbs.closeLater(page.store);
    const scenario = module.activities.find((activity) => activity.id === 'assessed') as Scenario;
    const after = page.session.activity('assessed')!.getSnapshot();
    expect(scenarioPosition(scenario, after.value)).to.deep.equal({ kind: 'scene', id: 'b' });
    expect(after.context).to.deep.equal(before.context);
    expect(after.context.score).to.equal(2);
    const decisions = await page.store.list('responses', where);
    expect(decisions).to.have.length(1);
    expect(decisions[0]).to.include({
      kind: 'decision',
      sceneId: 'a',
      choiceId: 'right',
      total: 2,
    });

    page.session.sendTo('assessed', { type: 'learner.choose', choiceId: 'close' });
    page.session.sendTo('assessed', { type: 'learner.next' });
    await page.persistence.flush();
    const attempts = await page.store.list('attempts', where);
    expect(attempts).to.have.length(1);
    expect(attempts[0]).to.deep.include({
      kind: 'scenario',
      attempt: 1,
      status: 'passed',
      endingId: 'good',
      path: ['right', 'close'],
    });
    const stored = (await rawAll(name, 'responses')) as ResponseRecord[];
    expect(stored.every((response) => response.attemptId === attempts[0]!.id)).to.equal(true);
  });

  it('reloads a lesson at the same page', async () => {
    const name = dbs.name('lesson');
    const store = await openStore({ name });
    const session = makeSession(module);
    const persistence = persistSession(session, store, { learnerId: LEARNER });
    session.open('lesson');
    session.sendTo('lesson', { type: 'learner.next' });
    await closePage(session, persistence, store);

    const page = await reopenPage(name);
    dbs.closeLater(page.store);
    expect(page.session.activity('lesson')!.getSnapshot().context).to.deep.equal({ page: 1 });
    expect(page.session.actor.getSnapshot().context.current).to.equal('lesson');
  });
});
