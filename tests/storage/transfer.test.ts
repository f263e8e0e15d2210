/**
 * Export → import: a fresh device gets every record, a second import adds nothing, and a file
 * that is not a results file is refused with a message.
 */
import { expect } from '@open-wc/testing';
import { addLearner, listLearners, requestPersistence } from '../../src/storage/device.ts';
import type { StoreName } from '../../src/storage/db.ts';
import { TRANSFER_MESSAGES } from '../../src/storage/messages.ts';
import { persistSession } from '../../src/storage/persistence.ts';
import { loadResume, startOver } from '../../src/storage/resume.ts';
import { openStore, type Store } from '../../src/storage/store.ts';
import { exportResults, importResults, type ResultsFile } from '../../src/storage/transfer.ts';
import { Databases, answer, freeModule, makeSession } from '../helpers/storage-fixture.ts';

const STORES = ['learners', 'progress', 'attempts', 'responses'] as const satisfies StoreName[];
const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);

/** Two learners on a shared device: a finished quiz, a started over module, a scenario. */
async function fillDevice(store: Store) {
  const module = freeModule();
  for (const name of ['Ana', 'Ben']) {
    const learner = await addLearner(store, name);
    const session = makeSession(module);
    const persistence = persistSession(session, store, { learnerId: learner.id });
    session.open('quiz');
    session.sendTo('quiz', { type: 'learner.start' });
    answer(session, true);
    session.sendTo('quiz', { type: 'learner.next' });
    answer(session, name === 'Ana');
    session.sendTo('quiz', { type: 'learner.next' });
    session.open('practice');
    session.sendTo('practice', { type: 'learner.choose', choiceId: 'poor' });
    await persistence.stop();
    const offer = await loadResume(store, learner.id, module);
    if (name === 'Ben' && offer.kind === 'resume') await startOver(store, offer.progress);
  }
}

async function contents(store: Store) {
  const out: Record<string, unknown[]> = {};
  for (const name of STORES) out[name] = (await store.list(name)).sort(byId);
  return out;
}

describe('storage: export and import', () => {
  const dbs = new Databases();
  afterEach(() => dbs.cleanup());
  const open = async (label: string) => {
    const store = await openStore({ name: dbs.name(label) });
    dbs.closeLater(store);
    return store;
  };

  it('reproduces every record on a fresh device, and a second import adds nothing', async () => {
    const device = await open('export');
    await fillDevice(device);
    const before = await contents(device);
    expect(before['responses']).to.have.length(6);
    expect(before['progress']).to.have.length(2); // Ana's current, Ben's archived
    // A file, as the learner saves and opens it.
    const file = JSON.stringify(await exportResults(device));

    const fresh = await open('import');
    const total = STORES.reduce((sum, name) => sum + before[name]!.length, 0);
    const first = await importResults(fresh, file);
    expect(first).to.deep.include({ ok: true, added: total, skipped: 0, invalid: [] });
    expect(await contents(fresh)).to.deep.equal(before);

    const second = await importResults(fresh, JSON.parse(file));
    expect(second).to.deep.include({ ok: true, added: 0, skipped: total });
    if (second.ok) expect(second.message).to.equal(TRANSFER_MESSAGES.imported(0, total));
    expect(await contents(fresh)).to.deep.equal(before);
    // Back on the first device: nothing new either.
    expect(await importResults(device, file)).to.deep.include({ added: 0, skipped: total });
  });

  it('exports one learner alone', async () => {
    const device = await open('one');
    await fillDevice(device);
    const [ana] = (await listLearners(device)).filter((learner) => learner.name === 'Ana');
    const file = await exportResults(device, { learnerId: ana!.id });
    expect(file.learners.map((learner) => learner.name)).to.deep.equal(['Ana']);
    expect(file.responses.every((response) => response.learnerId === ana!.id)).to.equal(true);
    expect(file.responses).to.have.length(3);
  });

  it('refuses a file that is not a results file, with a message', async () => {
    const store = await open('wrong');
    const cases: [unknown, string][] = [
      ['{ not json', TRANSFER_MESSAGES.notJson],
      [[], TRANSFER_MESSAGES.wrongFormat],
      [{ format: 'something-else', version: 1 }, TRANSFER_MESSAGES.wrongFormat],
      [{ format: 'checkpoint-results', version: '1' }, TRANSFER_MESSAGES.wrongFormat],
      [{ format: 'checkpoint-results', version: 1, responses: {} }, TRANSFER_MESSAGES.wrongFormat],
      [{ format: 'checkpoint-results', version: 2 }, TRANSFER_MESSAGES.newerFormat],
    ];
    for (const [data, message] of cases) {
      expect(await importResults(store, data), JSON.stringify(data)).to.deep.equal({
        ok: false,
        message,
      });
    }
    expect(await contents(store)).to.deep.equal({
      learners: [],
      progress: [],
      attempts: [],
      responses: [],
    });
  });

  it('imports the sound records of a damaged file and lists the others', async () => {
    const device = await open('damaged');
    await fillDevice(device);
    const file: Omit<ResultsFile, 'responses'> & { responses: unknown[] } =
      await exportResults(device);
    file.responses[1] = { id: 'x', kind: 'item' };
    const fresh = await open('damaged-import');
    const result = await importResults(fresh, file);
    if (!result.ok) throw new Error(result.message);
    expect(result.invalid).to.have.length(1);
    expect(result.invalid[0]).to.include({ store: 'responses', index: 1 });
    expect(result.message).to.contain(TRANSFER_MESSAGES.badRecords(1));
    expect(await fresh.list('responses')).to.have.length(5);
  });
});

describe('storage: this device', () => {
  it('asks for persistent storage and never throws or hangs', async () => {
    const granted = { persisted: async () => false, persist: async () => true };
    const already = { persisted: async () => true, persist: async () => false };
    const refusing = { persisted: async () => false, persist: async () => false };
    const broken = {
      persisted: async () => false,
      persist: () => Promise.reject(new DOMException('no', 'NotAllowedError')),
    };
    const unanswered = {
      persisted: async () => false,
      persist: () => new Promise<boolean>(() => {}),
    };
    expect(await requestPersistence({ storage: granted })).to.equal(true);
    expect(await requestPersistence({ storage: already })).to.equal(true);
    expect(await requestPersistence({ storage: refusing })).to.equal(false);
    expect(await requestPersistence({ storage: broken })).to.equal(false);
    expect(await requestPersistence({ storage: undefined })).to.equal(false);
    expect(await requestPersistence({ storage: unanswered, timeoutMs: 20 })).to.equal(false);
    // The browser's own answer (Firefox asks the user, who is not there).
    expect(await requestPersistence({ timeoutMs: 500 })).to.be.a('boolean');
  });
});
