/**
 * "Delete my data on this device": one learner's profile, progress, attempts and answers go, in
 * IndexedDB (a reopened database has none of them), and the other learner keeps everything.
 */
import { expect } from '@open-wc/testing';
import { addLearner, forgetLearner } from '../../src/storage/device.ts';
import { persistSession } from '../../src/storage/persistence.ts';
import { openStore, type Store } from '../../src/storage/store.ts';
import { Databases, answer, freeModule, makeSession } from '../helpers/storage-fixture.ts';

const STORES = ['learners', 'progress', 'attempts', 'responses'] as const;

async function count(store: Store, learnerId: string) {
  const out: Record<string, number> = {};
  for (const name of STORES) out[name] = (await store.list(name, { learnerId })).length;
  return out;
}

describe('storage: delete my data on this device', () => {
  const dbs = new Databases();
  afterEach(() => dbs.cleanup());

  it('removes every record of one learner and none of another', async () => {
    const name = dbs.name('forget');
    const store = await openStore({ name });
    const module = freeModule();
    const ids: string[] = [];
    for (const learnerName of ['Ana', 'Ben']) {
      const learner = await addLearner(store, learnerName);
      ids.push(learner.id);
      const session = makeSession(module);
      const persistence = persistSession(session, store, { learnerId: learner.id });
      session.open('quiz');
      session.sendTo('quiz', { type: 'learner.start' });
      answer(session, true);
      await persistence.stop();
    }
    const [ana, ben] = ids as [string, string];
    const before = await count(store, ben);
    expect(Object.values(await count(store, ana)).every((n) => n > 0)).to.equal(true);

    const forgotten = await forgetLearner(store, ana);
    expect(forgotten.durable).to.equal(true);
    expect(forgotten.removed.learners).to.equal(1);
    expect(forgotten.removed.responses).to.be.greaterThan(0);
    store.close();

    const reopened = await openStore({ name });
    dbs.closeLater(reopened);
    expect(await count(reopened, ana)).to.deep.equal({
      learners: 0,
      progress: 0,
      attempts: 0,
      responses: 0,
    });
    expect(await count(reopened, ben)).to.deep.equal(before);
  });
});
