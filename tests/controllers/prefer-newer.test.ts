/**
 * Resuming when both the device and the LMS kept the learner's place: the newer record wins, the
 * device's run goes on under it, and a journal taken in another version is not used.
 */
import { expect } from '@open-wc/testing';
import { preferNewer } from '../../src/controllers/progress.controller.ts';
import { persistSession } from '../../src/storage/persistence.ts';
import { loadResume } from '../../src/storage/resume.ts';
import { openStore } from '../../src/storage/store.ts';
import { Databases, answer, freeModule, makeSession } from '../helpers/storage-fixture.ts';

describe('resume: the device or the LMS, whichever is newer', () => {
  const dbs = new Databases();
  afterEach(() => dbs.cleanup());

  async function deviceAndLms() {
    const store = await openStore({ name: dbs.name('newer') });
    dbs.closeLater(store);
    const module = freeModule();
    // The device saved the learner at the start of the quiz…
    const device = makeSession(module);
    const persistence = persistSession(device, store, { learnerId: 'learner' });
    device.open('quiz');
    device.sendTo('quiz', { type: 'learner.start' });
    await persistence.stop();
    // …while the LMS kept a later place: one more answer, given on another device.
    const elsewhere = makeSession(module);
    elsewhere.open('quiz');
    elsewhere.sendTo('quiz', { type: 'learner.start' });
    answer(elsewhere, true);
    const offer = await loadResume(store, 'learner', module);
    if (offer.kind !== 'resume') throw new Error('the device has progress');
    return { module, offer, lms: elsewhere.journal(), elsewhere };
  }

  it('takes the LMS record when it is newer, continuing the device run', async () => {
    const { module, offer, lms, elsewhere } = await deviceAndLms();
    const chosen = preferNewer(offer, module, { ...lms, savedAt: offer.savedAt + 1_000 });
    expect(chosen.kind).to.equal('resume');
    expect('journal' in chosen).to.equal(true);
    if (chosen.kind !== 'resume') return;
    expect(chosen.progress?.id, 'the device run goes on').to.equal(offer.progress.id);
    const restored = makeSession(module, chosen.snapshot);
    const place = (session: typeof restored) => {
      const quiz = session.activity('quiz')!.getSnapshot();
      const context = quiz.context as { itemIds: string[]; index: number; responses?: unknown };
      return { state: quiz.value, items: context.itemIds, index: context.index };
    };
    expect(place(restored)).to.deep.equal(place(elsewhere));
  });

  it('keeps the device record when it is newer, or when the journal is of another version', async () => {
    const { module, offer, lms } = await deviceAndLms();
    expect(preferNewer(offer, module, { ...lms, savedAt: offer.savedAt - 1_000 })).to.equal(offer);
    const other = { ...lms, module: `${module.id}@9.9.9`, savedAt: offer.savedAt + 1_000 };
    const chosen = preferNewer(offer, module, other);
    expect(chosen, 'a journal of another version is not used').to.equal(offer);
  });

  it('takes the LMS record when the device has nothing', async () => {
    const module = freeModule();
    const elsewhere = makeSession(module);
    elsewhere.open('quiz');
    const chosen = preferNewer({ kind: 'none' }, module, elsewhere.journal());
    expect(chosen.kind).to.equal('resume');
    if (chosen.kind === 'resume') expect(chosen.progress).to.equal(undefined);
  });
});
