/**
 * The database deleted under a running session (another page, devtools, the browser): the page
 * lets the deletion through, creates the database again, writes back the learner's profile, the
 * module's progress and every attempt and answer of the run, and says so once. A reload then
 * resumes where the learner was, with every answer from before and after the deletion.
 */
import { expect } from '@open-wc/testing';
import type { Session } from '../../src/engine/session.ts';
import { DB_VERSION } from '../../src/storage/db.ts';
import { STORAGE_MESSAGES } from '../../src/storage/messages.ts';
import { persistSession, type Persistence } from '../../src/storage/persistence.ts';
import type {
  AttemptRecord,
  LearnerRecord,
  ProgressRecord,
  ResponseRecord,
} from '../../src/storage/records.ts';
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
  rawOpen,
  until,
} from '../helpers/storage-fixture.ts';

const LEARNER = 'learner-d';
const module = freeModule();
const profile: LearnerRecord = { id: LEARNER, name: 'Dana', createdAt: 1_700_000_000_000 };

/** Deletes the database as another page would, and resolves once the deletion is done. */
function deleteUnder(name: string): Promise<{ blocked: boolean }> {
  return new Promise((resolve, reject) => {
    let blocked = false;
    const request = indexedDB.deleteDatabase(name);
    request.onblocked = () => (blocked = true);
    request.onsuccess = () => resolve({ blocked });
    request.onerror = () => reject(request.error);
  });
}

interface Saved {
  learners: LearnerRecord[];
  progress: ProgressRecord[];
  attempts: AttemptRecord[];
  responses: ResponseRecord[];
}

/**
 * What the database holds, read through a connection of its own that is closed once its
 * transaction has completed (a connection still closing would hold up a deletion).
 */
async function saved(name: string): Promise<Saved> {
  const db = await rawOpen(name);
  const stores = ['learners', 'progress', 'attempts', 'responses'] as const;
  const tx = db.transaction([...stores]);
  const reads = stores.map((store) => tx.objectStore(store).getAll());
  await new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
  db.close();
  const [learners, progress, attempts, responses] = reads.map((read) => read.result);
  return { learners, progress, attempts, responses } as Saved;
}

type StoreName = keyof Saved;
type Written = { [S in StoreName]: Map<string, Saved[S][number]> };

/** Every record the page gave the database, each in the last version given. */
function writeLog(): { written: Written; interceptWrite: WriteInterceptor } {
  const written: Written = {
    learners: new Map(),
    progress: new Map(),
    attempts: new Map(),
    responses: new Map(),
  };
  const log = <S extends StoreName>(store: S, records: readonly Saved[S][number][] = []) =>
    records.forEach((record) => (written[store] as Map<string, unknown>).set(record.id, record));
  const interceptWrite: WriteInterceptor = (batches, write) => {
    for (const batch of batches) {
      for (const change of batch.progress ?? []) log('progress', change.next ? [change.next] : []);
      log('progress', batch.put?.progress);
      log('learners', batch.add?.learners);
      log('responses', batch.add?.responses);
      log('attempts', [...(batch.add?.attempts ?? []), ...(batch.attempts ?? [])]);
    }
    return write();
  };
  return { written, interceptWrite };
}

/**
 * Every record the page wrote, before and after the deletion, looked up in the database: the
 * number checked, and the number lost — missing, or not as the page last wrote it (an attempt:
 * not at the status last written).
 */
function tally(written: Written, found: Saved) {
  let checked = 0;
  let lost = 0;
  for (const store of ['learners', 'progress', 'attempts', 'responses'] as const) {
    const there = new Map<string, unknown>(found[store].map((record) => [record.id, record]));
    for (const [id, record] of written[store]) {
      checked++;
      const match = there.get(id);
      const same =
        store === 'attempts'
          ? (match as AttemptRecord | undefined)?.status === (record as AttemptRecord).status
          : JSON.stringify(match) === JSON.stringify(record);
      if (!same) lost++;
    }
  }
  return { checked, lost };
}

/** A page: the store, the learner's profile held, and a persisted session of the module. */
async function openPage(name: string, intercept?: WriteInterceptor) {
  const { written, interceptWrite } = writeLog();
  const store = await openStore({
    name,
    interceptWrite: (batches, write) =>
      interceptWrite(batches, intercept ? () => intercept(batches, write) : write),
  });
  const notices: StorageNotice[] = [];
  store.onNotice((notice) => notices.push(notice));
  const stored = await store.get('learners', LEARNER);
  if (stored) store.hold(() => ({ add: { learners: [stored] } }));
  const session = makeSession(module);
  const persistence = persistSession(session, store, { learnerId: LEARNER });
  return { store, notices, session, persistence, written };
}

async function closePage(page: { store: Store; session: Session; persistence: Persistence }) {
  await page.persistence.stop();
  page.session.stop();
  page.store.close();
}

/** First quiz item answered, and the practice scenario begun: four records, one of each. */
async function answerBefore(session: Session, persistence: Persistence) {
  session.open('quiz');
  session.sendTo('quiz', { type: 'learner.start' });
  answer(session, true);
  session.sendTo('quiz', { type: 'learner.next' });
  session.open('practice');
  session.sendTo('practice', { type: 'learner.choose', choiceId: 'good' });
  session.sendTo('practice', { type: 'learner.next' });
  await persistence.flush();
}

/** The practice scenario to its end, and the quiz's second item: the quiz is scored. */
function answerAfter(session: Session) {
  session.sendTo('practice', { type: 'learner.choose', choiceId: 'refer' });
  session.sendTo('practice', { type: 'learner.next' });
  session.open('quiz');
  answer(session, false);
  session.sendTo('quiz', { type: 'learner.next' });
}

describe('storage: the database deleted under a running session', () => {
  const dbs = new Databases();
  afterEach(() => dbs.cleanup());

  it('lets the deletion through, saves everything again, and a reload resumes with every answer', async function () {
    this.timeout(30_000);
    const name = dbs.name('deleted');
    const setup = await openStore({ name });
    await setup.commit({ add: { learners: [profile] } });
    setup.close();
    const page = await openPage(name);
    dbs.closeLater(page.store);
    await answerBefore(page.session, page.persistence);
    const before = await saved(name);
    expect(before.responses).to.have.length(2);
    expect(before.attempts).to.have.length(2);

    expect(await deleteUnder(name)).to.deep.equal({ blocked: false });
    // The learner goes on at once, while the database is being created again.
    answerAfter(page.session);
    await until(() => page.notices.some((notice) => notice.kind === 'deleted'), 10_000);
    await page.persistence.flush();
    expect(page.persistence.status.state).to.equal('saved');
    expect(page.store.durable).to.equal(true);
    // One more answer once everything is back: the quiz's second attempt begins.
    page.session.sendTo('quiz', { type: 'learner.retry' });
    answer(page.session, true);
    await page.persistence.flush();
    const latest = page.session.persist();
    await closePage(page);

    const after = await saved(name);
    // Every record written before and after the deletion is there, as last written.
    expect(tally(page.written, after)).to.deep.equal({ checked: 10, lost: 0 });
    for (const response of before.responses) expect(after.responses).to.deep.include(response);
    expect(after.responses).to.have.length(5);
    expect(
      after.attempts.map((attempt) => [attempt.activityId, attempt.attempt, attempt.status]),
    ).to.have.deep.members([
      ['quiz', 1, 'passed'],
      ['quiz', 2, 'in-progress'],
      ['practice', 1, 'completed'],
    ]);
    expect(after.learners).to.deep.equal([profile]);
    expect(after.progress).to.have.length(1);
    expect(after.progress[0]!.snapshot).to.deep.equal(latest);
    expect(page.notices.map((notice) => notice.kind)).to.deep.equal(['deleted']);
    expect(page.notices[0]!.message).to.equal(STORAGE_MESSAGES.deleted);

    // A reload: the same place, the same answers.
    const store = await openStore({ name });
    dbs.closeLater(store);
    const offer = await loadResume(store, LEARNER, module);
    if (offer.kind !== 'resume') throw new Error(`expected a resume offer, got ${offer.kind}`);
    expect(offer.snapshot).to.deep.equal(latest);
    const reloaded = makeSession(module, offer.snapshot);
    const quizNow = reloaded.activity('quiz')!.getSnapshot();
    expect(quizNow.value).to.deep.equal({ attempting: 'feedback' });
    expect(quizNow.context.attempt).to.equal(2);
    reloaded.stop();
    const read = await store.list('responses', { learnerId: LEARNER, moduleId: module.id });
    expect(read.map((response) => response.id).sort()).to.deep.equal(
      after.responses.map((response) => response.id).sort(),
    );
  });

  it('loses nothing of a write that was under way when the database was deleted', async function () {
    this.timeout(30_000);
    const name = dbs.name('in-flight');
    let armed = false;
    let deletion: Promise<{ blocked: boolean }> | undefined;
    let inFlight: string[] = [];
    const page = await openPage(name, (batches, write) => {
      const written = write(); // the transaction has begun
      if (armed) {
        armed = false;
        inFlight = (batches[0]!.add?.responses ?? []).map((response) => response.id);
        deletion = deleteUnder(name);
      }
      return written;
    });
    dbs.closeLater(page.store);
    await answerBefore(page.session, page.persistence);

    armed = true;
    answerAfter(page.session);
    await until(() => deletion !== undefined);
    expect(await deletion).to.deep.equal({ blocked: false });
    await until(() => page.notices.some((notice) => notice.kind === 'deleted'), 10_000);
    await page.persistence.flush();
    const latest = page.session.persist();
    await closePage(page);

    const after = await saved(name);
    expect(inFlight).to.have.length.greaterThan(0);
    expect(after.responses.map((response) => response.id)).to.include.members(inFlight);
    expect(tally(page.written, after)).to.deep.equal({ checked: 7, lost: 0 });
    expect(after.responses).to.have.length(4);
    expect(
      after.attempts.map((attempt) => [attempt.activityId, attempt.status]),
    ).to.have.deep.members([
      ['quiz', 'passed'],
      ['practice', 'completed'],
    ]);
    expect(after.progress.map((record) => record.snapshot)).to.deep.equal([latest]);
    expect(page.notices.map((notice) => notice.kind)).to.deep.equal(['deleted']);
  });

  it('loses nothing of a write about to begin when the connection closed for the deletion', async function () {
    this.timeout(30_000);
    const name = dbs.name('about-to-write');
    let armed = false;
    let blocked: boolean | undefined;
    const page = await openPage(name, async (_batches, write) => {
      if (armed) {
        armed = false;
        // The deletion can only succeed once this page's connection has closed.
        ({ blocked } = await deleteUnder(name));
      }
      return write();
    });
    dbs.closeLater(page.store);
    await answerBefore(page.session, page.persistence);

    armed = true;
    answerAfter(page.session);
    await until(() => page.notices.some((notice) => notice.kind === 'deleted'), 10_000);
    await page.persistence.flush();
    const latest = page.session.persist();
    await closePage(page);

    expect(blocked).to.equal(false);
    const after = await saved(name);
    expect(tally(page.written, after)).to.deep.equal({ checked: 7, lost: 0 });
    expect(after.responses).to.have.length(4);
    expect(after.progress.map((record) => record.snapshot)).to.deep.equal([latest]);
    // The closed connection is the deletion's doing: no "could not be saved" on top of it.
    expect(page.notices.map((notice) => notice.kind)).to.deep.equal(['deleted']);
  });

  it('writes back the answers of earlier visits to the same run', async function () {
    this.timeout(30_000);
    const name = dbs.name('earlier-visit');
    const first = await openPage(name);
    await answerBefore(first.session, first.persistence);
    await closePage(first);
    const before = await saved(name);

    const store = await openStore({ name });
    dbs.closeLater(store);
    const notices: StorageNotice[] = [];
    store.onNotice((notice) => notices.push(notice));
    const offer = await loadResume(store, LEARNER, module);
    if (offer.kind !== 'resume') throw new Error(`expected a resume offer, got ${offer.kind}`);
    const session = makeSession(module, offer.snapshot);
    const persistence = persistSession(session, store, {
      learnerId: LEARNER,
      resumed: offer.progress,
    });
    // Once flushed, the page holds the earlier visit's records too.
    await persistence.flush();

    expect(await deleteUnder(name)).to.deep.equal({ blocked: false });
    await until(() => notices.some((notice) => notice.kind === 'deleted'), 10_000);
    answerAfter(session);
    await persistence.stop();
    session.stop();

    const after = await saved(name);
    for (const response of before.responses) expect(after.responses).to.deep.include(response);
    expect(after.responses).to.have.length(4);
    expect(after.attempts.map((attempt) => attempt.id).sort()).to.deep.equal(
      before.attempts.map((attempt) => attempt.id).sort(),
    );
  });

  it('still says "updated in another tab" when another tab upgrades', async function () {
    this.timeout(30_000);
    const name = dbs.name('upgraded');
    const page = await openPage(name);
    dbs.closeLater(page.store);
    await answerBefore(page.session, page.persistence);

    const newer = await rawOpen(name, DB_VERSION + 1);
    dbs.closeLater(newer);
    expect(newer.version).to.equal(DB_VERSION + 1);
    expect(page.notices.map((notice) => notice.kind)).to.deep.equal(['versionchange']);
    expect(page.notices[0]!.message).to.equal(STORAGE_MESSAGES.versionchange);
    // The upgraded database is left as the other tab made it: nothing deleted or written back.
    answerAfter(page.session);
    await page.persistence.flush();
    expect(page.persistence.status.state).to.equal('memory');
    const count = await new Promise<number>((resolve) => {
      const request = newer.transaction('responses').objectStore('responses').count();
      request.onsuccess = () => resolve(request.result);
    });
    expect(count).to.equal(2);
    await closePage(page);
  });

  it('opens the database again on the next write when the page held nothing', async function () {
    this.timeout(30_000);
    const name = dbs.name('idle');
    const store = await openStore({ name });
    dbs.closeLater(store);
    const notices: StorageNotice[] = [];
    store.onNotice((notice) => notices.push(notice));

    expect(await deleteUnder(name)).to.deep.equal({ blocked: false });
    const result = await store.commit({ add: { learners: [profile] } });
    expect(result).to.include({ added: 1 });
    await until(() => notices.some((notice) => notice.kind === 'deleted'), 10_000);
    expect(store.durable).to.equal(true);
    expect(await rawAll(name, 'learners')).to.deep.equal([profile]);
  });
});
