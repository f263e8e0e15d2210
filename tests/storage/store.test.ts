/**
 * Failure modes of the store, each provoked: no IndexedDB, a refused or silent open, a full disk,
 * damaged records. Each gives its message, the session keeps going, and nothing is lost.
 */
import { expect } from '@open-wc/testing';
import { STORAGE_MESSAGES, SAVE_MESSAGES, corruptMessage } from '../../src/storage/messages.ts';
import { persistSession, type SaveStatus } from '../../src/storage/persistence.ts';
import { loadResume } from '../../src/storage/resume.ts';
import {
  openStore,
  type StorageNotice,
  type Store,
  type WriteInterceptor,
} from '../../src/storage/store.ts';
import {
  Databases,
  answer,
  freeModule,
  makeSession,
  rawAll,
  rawPut,
  until,
} from '../helpers/storage-fixture.ts';

const LEARNER = 'learner-s';

/** A session at the first quiz item, persisted to `store`; answers as the test asks. */
function quizSession(store: Store) {
  const module = freeModule();
  const session = makeSession(module);
  const persistence = persistSession(session, store, { learnerId: LEARNER });
  session.open('quiz');
  session.sendTo('quiz', { type: 'learner.start' });
  return { module, session, persistence };
}

/** A quiz played to the end through the failure: the learner never notices but for the message. */
async function playQuiz(store: Store) {
  const run = quizSession(store);
  answer(run.session, true);
  await run.persistence.flush();
  run.session.sendTo('quiz', { type: 'learner.next' });
  answer(run.session, false);
  run.session.sendTo('quiz', { type: 'learner.next' });
  await run.persistence.flush();
  expect(run.session.activity('quiz')!.getSnapshot().value).to.equal('scored');
  return run;
}

describe('storage: without IndexedDB', () => {
  const dbs = new Databases();
  afterEach(() => dbs.cleanup());

  const unavailable = [
    ['missing', null],
    [
      'refused (SecurityError)',
      {
        open() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      } as unknown as IDBFactory,
    ],
  ] as const;
  for (const [label, indexedDB] of unavailable) {
    it(`runs in memory and says progress will not be kept when IndexedDB is ${label}`, async () => {
      const store = await openStore({ name: dbs.name(), indexedDB });
      expect(store.durable).to.equal(false);
      expect(store.problems).to.have.length(1);
      expect(store.problems[0]).to.include({
        kind: 'unavailable',
        message: STORAGE_MESSAGES.unavailable,
      });
      const { session, persistence } = await playQuiz(store);
      expect(persistence.status).to.deep.equal({ state: 'memory', message: SAVE_MESSAGES.memory });
      expect(await store.list('responses')).to.have.length(2);
      const offer = await loadResume(store, LEARNER, session.module);
      expect(offer.kind).to.equal('resume');
      expect(await store.retry()).to.equal(false);
    });
  }

  it('does not wait for ever on an open that never answers', async () => {
    const silent = { open: () => new EventTarget() } as unknown as IDBFactory;
    const store = await openStore({ name: dbs.name(), indexedDB: silent, openTimeoutMs: 50 });
    expect(store.problems.map((problem) => problem.kind)).to.deep.equal(['timeout']);
    expect(store.problems[0]!.message).to.equal(STORAGE_MESSAGES.timeout);
    await playQuiz(store);
    expect(await store.list('attempts')).to.have.length(1);
  });
});

describe('storage: a full disk', () => {
  const dbs = new Databases();
  afterEach(() => dbs.cleanup());

  /** Writes fail as a full disk makes them fail, while `full` is set. */
  function disk() {
    const state = { full: true, failures: 0 };
    const interceptWrite: WriteInterceptor = (_batches, write) => {
      if (!state.full) return write();
      state.failures++;
      return Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    };
    return { state, interceptWrite };
  }

  it('keeps the session going in memory, tells the learner, and saves everything on retry', async () => {
    const name = dbs.name('quota');
    const { state, interceptWrite } = disk();
    const store = await openStore({ name, interceptWrite, retryDelayMs: 60_000 });
    dbs.closeLater(store);
    const notices: StorageNotice[] = [];
    store.onNotice((notice) => notices.push(notice));
    const statuses: SaveStatus[] = [];

    const { session, persistence } = quizSession(store);
    persistence.onStatus((status) => statuses.push(status));
    answer(session, true);
    await persistence.flush();
    expect(state.failures).to.be.greaterThan(0);
    expect(notices[0]).to.include({ kind: 'quota', message: STORAGE_MESSAGES.quota });
    expect(persistence.status.state).to.equal('memory');
    expect(store.durable).to.equal(false);

    // The learner goes on; the page still reads what it could not write.
    session.sendTo('quiz', { type: 'learner.next' });
    answer(session, false);
    session.sendTo('quiz', { type: 'learner.next' });
    await persistence.flush();
    expect(await store.list('responses')).to.have.length(2);
    expect(await rawAll(name, 'responses')).to.have.length(0);
    expect((await loadResume(store, LEARNER, session.module)).kind).to.equal('resume');

    state.full = false; // space freed
    expect(await store.retry()).to.equal(true);
    expect(notices.at(-1)).to.deep.equal({
      kind: 'recovered',
      message: STORAGE_MESSAGES.recovered,
    });
    expect(persistence.status.state).to.equal('saved');
    expect(statuses.map((status) => status.state)).to.include.members(['memory', 'saved']);
    expect(await rawAll(name, 'responses')).to.have.length(2);
    const attempts = (await rawAll(name, 'attempts')) as { status: string }[];
    expect(attempts.map((attempt) => attempt.status)).to.deep.equal(['passed']);
    const progress = (await rawAll(name, 'progress')) as { snapshot: unknown }[];
    expect(progress).to.have.length(1);
    expect(progress[0]!.snapshot).to.deep.equal(session.persist());
    expect(store.durable).to.equal(true);
  });

  it('retries on its own after a delay', async () => {
    const name = dbs.name('quota-timer');
    const { state, interceptWrite } = disk();
    const store = await openStore({ name, interceptWrite, retryDelayMs: 20 });
    dbs.closeLater(store);
    const { session, persistence } = quizSession(store);
    answer(session, true);
    await persistence.flush();
    expect(persistence.status.state).to.equal('memory');
    state.full = false;
    await until(() => persistence.status.state === 'saved');
    expect(await rawAll(name, 'responses')).to.have.length(1);
  });
});

describe('storage: damaged records', () => {
  const dbs = new Databases();
  afterEach(() => dbs.cleanup());

  it('skips and reports a damaged record and returns the rest', async () => {
    const name = dbs.name('corrupt');
    const store = await openStore({ name });
    dbs.closeLater(store);
    const { session, persistence } = await playQuiz(store);
    await persistence.stop();
    const good = await store.list('responses', { learnerId: LEARNER, moduleId: 'engine-fixture' });
    expect(good).to.have.length(2);

    await rawPut(
      name,
      'responses',
      { id: 'bad-1', learnerId: LEARNER, moduleId: 'engine-fixture', kind: 'item', at: 'soon' },
      { id: 'bad-2', learnerId: LEARNER, moduleId: 'engine-fixture', kind: 'unknown' },
    );
    await rawPut(name, 'progress', {
      id: `${LEARNER}|engine-fixture|0.9.0`,
      learnerId: LEARNER,
      moduleId: 'engine-fixture',
      snapshot: 'garbage',
    });
    const notices: StorageNotice[] = [];
    store.onNotice((notice) => notices.push(notice));

    const read = await store.list('responses', { learnerId: LEARNER, moduleId: 'engine-fixture' });
    expect(read).to.deep.equal(good);
    expect(notices).to.deep.equal([
      {
        kind: 'corrupt',
        message: corruptMessage('responses', 'bad-1'),
        store: 'responses',
        key: 'bad-1',
      },
      {
        kind: 'corrupt',
        message: corruptMessage('responses', 'bad-2'),
        store: 'responses',
        key: 'bad-2',
      },
    ]);
    // Reported once, however often it is read; resume still finds the sound record.
    await store.list('responses');
    expect(notices).to.have.length(2);
    const offer = await loadResume(store, LEARNER, session.module);
    expect(offer.kind).to.equal('resume');
    expect(store.problems.map((problem) => problem.key)).to.deep.equal([
      'bad-1',
      'bad-2',
      `${LEARNER}|engine-fixture|0.9.0`,
    ]);
    // The damaged records are left where they are: skipped, not deleted.
    expect(await rawAll(name, 'responses')).to.have.length(4);
  });
});
