/**
 * Two tabs on one learner × module, played in one page (the locks and channels work the same
 * between two objects of a page as between two tabs): the second is read-only until it takes
 * over, the first hands over after saving, and even without any coordination no answer is lost
 * and no progress overwritten.
 */
import { expect } from '@open-wc/testing';
import { SAVE_MESSAGES, TAB_MESSAGES } from '../../src/storage/messages.ts';
import { persistSession, type Persistence } from '../../src/storage/persistence.ts';
import type { ResponseRecord } from '../../src/storage/records.ts';
import { loadResume } from '../../src/storage/resume.ts';
import { openStore } from '../../src/storage/store.ts';
import { claimTab, type TabClaim, type TabState } from '../../src/storage/tabs.ts';
import {
  Databases,
  answer,
  currentItem,
  freeModule,
  makeSession,
  until,
} from '../helpers/storage-fixture.ts';

const module = freeModule();
const MODULE = module.id;

/** Opens the module in a "tab": its store, and the session restored from what is saved. */
async function openTab(name: string, learnerId: string, dbs: Databases) {
  const store = await openStore({ name });
  dbs.closeLater(store);
  const offer = await loadResume(store, learnerId, module);
  const resumed = offer.kind === 'resume' ? offer : undefined;
  const session = makeSession(module, resumed?.snapshot);
  const start = (): Persistence =>
    persistSession(session, store, {
      learnerId,
      ...(resumed ? { resumed: resumed.progress } : {}),
    });
  return { store, session, start };
}

const learner = () => `learner-${crypto.randomUUID()}`;

describe('storage: tabs negotiate who writes', () => {
  const dbs = new Databases();
  const claims: TabClaim[] = [];
  afterEach(async () => {
    await Promise.all(claims.splice(0).map((claim) => claim.release()));
    await dbs.cleanup();
  });
  const claim = async (...args: Parameters<typeof claimTab>) => {
    const made = await claimTab(...args);
    claims.push(made);
    return made;
  };

  it('makes the second tab read-only, with a message', async () => {
    const id = learner();
    const first = await claim(id, MODULE);
    const second = await claim(id, MODULE);
    expect(first.state).to.deep.equal({ mode: 'owner', reason: 'owner', message: '' });
    expect(second.state).to.deep.equal({
      mode: 'read-only',
      reason: 'open-elsewhere',
      message: TAB_MESSAGES['open-elsewhere'],
    });
    // Another learner, or another module, is not affected.
    expect((await claim(learner(), MODULE)).state.mode).to.equal('owner');
  });

  it('hands over on request: the owner saves first, and no answer is lost', async () => {
    const id = learner();
    const name = dbs.name('tabs');
    const claimA = await claim(id, MODULE);
    const tabA = await openTab(name, id, dbs);
    const persistA = tabA.start();
    claimA.onHandOver(() => persistA.stop());
    const statesA: TabState[] = [];
    claimA.onChange((state) => statesA.push(state));
    tabA.session.open('quiz');
    tabA.session.sendTo('quiz', { type: 'learner.start' });
    const firstItem = answer(tabA.session, true);
    tabA.session.sendTo('quiz', { type: 'learner.next' });

    // Tab B opens meanwhile: read-only, it shows what is saved but writes nothing.
    const claimB = await claim(id, MODULE);
    expect(claimB.state.mode).to.equal('read-only');

    await claimB.takeOver();
    expect(claimB.state).to.deep.equal({
      mode: 'owner',
      reason: 'took-over',
      message: TAB_MESSAGES['took-over'],
    });
    expect(statesA.map((state) => state.reason)).to.deep.equal(['taken-over']);
    expect(claimA.state.message).to.equal(TAB_MESSAGES['taken-over']);

    // Tab B loads the latest progress: tab A's answer and position are there.
    const tabB = await openTab(name, id, dbs);
    const persistB = tabB.start();
    const quiz = tabB.session.activity('quiz')!.getSnapshot();
    expect(Object.keys(quiz.context.responses)).to.deep.equal([firstItem]);
    expect(quiz.context.index).to.equal(1);
    const secondItem = answer(tabB.session, false);
    await persistB.flush();

    const responses = (await tabB.store.list('responses')) as ResponseRecord[];
    expect(
      responses.map((response) => response.kind === 'item' && response.itemId).sort(),
    ).to.deep.equal([firstItem, secondItem].sort());
    expect(new Set(responses.map((response) => response.runId)).size).to.equal(1);
    expect(persistB.status.state).to.equal('saved');
  });

  it('takes over from a tab that does not answer', async () => {
    const id = learner();
    const silent = await claim(id, MODULE, { channel: null }); // a frozen tab hears nothing
    const states: TabState[] = [];
    silent.onChange((state) => states.push(state));
    const second = await claim(id, MODULE, { handOverTimeoutMs: 100 });
    await second.takeOver();
    expect(second.state.mode).to.equal('owner');
    await until(() => states.length > 0); // the stolen lock is reported asynchronously
    expect(states.map((state) => state.reason)).to.deep.equal(['taken-over']);
  });

  it('negotiates over a BroadcastChannel where Web Locks are missing', async () => {
    const id = learner();
    const options = { locks: null, probeMs: 50 } as const;
    const first = await claim(id, MODULE, options);
    const second = await claim(id, MODULE, options);
    expect([first.state.mode, second.state.mode]).to.deep.equal(['owner', 'read-only']);
    let saved = false;
    first.onHandOver(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      saved = true;
    });
    await second.takeOver();
    expect(saved).to.equal(true);
    expect([first.state.reason, second.state.reason]).to.deep.equal(['taken-over', 'took-over']);
  });

  it('lets a new tab own the course once the owner closed', async () => {
    const id = learner();
    const first = await claim(id, MODULE);
    await first.release();
    expect((await claim(id, MODULE)).state.mode).to.equal('owner');
  });
});

describe('storage: two writers without coordination', () => {
  const dbs = new Databases();
  afterEach(() => dbs.cleanup());

  it('keeps every answer of both and never overwrites the progress of the first', async () => {
    const id = learner();
    const name = dbs.name('race');
    const setup = await openTab(name, id, dbs);
    const first = setup.start();
    setup.session.open('quiz');
    setup.session.sendTo('quiz', { type: 'learner.start' });
    await first.stop();

    // Both tabs resume the same saved state; neither knows of the other.
    const tabA = await openTab(name, id, dbs);
    const tabB = await openTab(name, id, dbs);
    const persistA = tabA.start();
    const persistB = tabB.start();
    const item = currentItem(tabA.session).id;
    answer(tabA.session, true);
    await persistA.flush();
    answer(tabB.session, false);
    await persistB.flush();

    expect(persistA.status.state).to.equal('saved');
    expect(persistB.status).to.deep.equal({
      state: 'read-only',
      message: SAVE_MESSAGES['read-only'],
    });
    const responses = (await tabA.store.list('responses')) as ResponseRecord[];
    expect(
      responses.map((response) => response.kind === 'item' && response.correct).sort(),
    ).to.deep.equal([false, true]);
    expect(
      responses.every((response) => response.kind === 'item' && response.itemId === item),
    ).to.equal(true);
    const offer = await loadResume(tabA.store, id, module);
    if (offer.kind !== 'resume') throw new Error(offer.kind);
    expect(offer.snapshot).to.deep.equal(tabA.session.persist());

    // Tab B goes on: its answers are still kept; the progress stays tab A's.
    tabB.session.sendTo('quiz', { type: 'learner.next' });
    answer(tabB.session, true);
    await persistB.flush();
    expect(await tabA.store.list('responses')).to.have.length(3);
    const again = await loadResume(tabA.store, id, module);
    if (again.kind !== 'resume') throw new Error(again.kind);
    expect(again.snapshot).to.deep.equal(tabA.session.persist());
    await Promise.all([persistA.stop(), persistB.stop()]);
  });

  it('does not overwrite, when saving what it kept in memory, progress another tab saved since', async () => {
    const id = learner();
    const name = dbs.name('late');
    const setup = await openTab(name, id, dbs);
    const first = setup.start();
    setup.session.open('quiz');
    setup.session.sendTo('quiz', { type: 'learner.start' });
    await first.stop();

    // Tab A's disk is full for a while; tab B saves meanwhile.
    const disk = { full: true };
    const storeA = await openStore({
      name,
      retryDelayMs: 60_000,
      interceptWrite: (_batches, write) =>
        disk.full ? Promise.reject(new DOMException('full', 'QuotaExceededError')) : write(),
    });
    dbs.closeLater(storeA);
    const offer = await loadResume(storeA, id, module);
    if (offer.kind !== 'resume') throw new Error(offer.kind);
    const sessionA = makeSession(module, offer.snapshot);
    const persistA = persistSession(sessionA, storeA, { learnerId: id, resumed: offer.progress });
    answer(sessionA, true);
    await persistA.flush();
    expect(persistA.status.state).to.equal('memory');

    const tabB = await openTab(name, id, dbs);
    const persistB = tabB.start();
    answer(tabB.session, false);
    await persistB.flush();
    expect(persistB.status.state).to.equal('saved');

    disk.full = false;
    expect(await storeA.retry()).to.equal(true);
    expect(persistA.status).to.deep.equal({
      state: 'read-only',
      message: SAVE_MESSAGES['read-only'],
    });
    expect(await tabB.store.list('responses')).to.have.length(2);
    const saved = await loadResume(tabB.store, id, module);
    if (saved.kind !== 'resume') throw new Error(saved.kind);
    expect(saved.snapshot).to.deep.equal(tabB.session.persist());
    await Promise.all([persistA.stop(), persistB.stop()]);
  });
});
