/**
 * <cp-player> when the database is deleted under it (another page, devtools, "clear site data"):
 * the learner is told once, in the storage notice area, that what the page held was saved again;
 * a reload resumes where the learner was, with every answer from before and after the deletion.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { SimulatedClock } from 'xstate';
import '../../../src/elements/cp-player/cp-player.ts';
import type { CpPlayer } from '../../../src/elements/cp-player/cp-player.ts';
import { useLocale } from '../../../src/locales/localization.ts';
import { STORAGE_MESSAGES } from '../../../src/storage/messages.ts';
import type {
  AttemptRecord,
  LearnerRecord,
  ProgressRecord,
  ResponseRecord,
} from '../../../src/storage/records.ts';
import { openStore } from '../../../src/storage/store.ts';
import { engineFixture } from '../../helpers/engine-fixture.ts';
import { button, moduleUrl, until } from '../../helpers/dom.ts';

const words = (node: Element | null | undefined) =>
  (node?.shadowRoot ?? node)?.textContent?.replace(/\s+/g, ' ') ?? '';
const LEARNER: LearnerRecord = { id: 'ana', name: 'Ana Lima', createdAt: 1_700_000_000_000 };
const FRENCH =
  'La progression enregistrée sur cet appareil a été supprimée par le navigateur ou par une autre page.';

/** A database of its own, holding the learner's profile as the device view writes it. */
async function storageWithProfile(): Promise<string> {
  const name = `cp-deleted-test-${crypto.randomUUID()}`;
  after(() => new Promise((resolve) => (indexedDB.deleteDatabase(name).onsuccess = resolve)));
  const store = await openStore({ name });
  await store.commit({ add: { learners: [LEARNER] } });
  store.close();
  return name;
}

async function player(src: string, name: string) {
  const el = await fixture<CpPlayer>(
    html`<cp-player
      src=${src}
      storage-name=${name}
      learner=${LEARNER.id}
      lms="none"
      .sessionOptions=${{ clock: new SimulatedClock(), newSeed: () => 7919 }}
    ></cp-player>`,
  );
  await until(() => button(el, /^(Start|Continue)/, true) !== undefined, 'the intro');
  return el;
}

/** Deletes the database as another page would; resolves once the deletion is done. */
function deleteUnder(name: string): Promise<{ blocked: boolean }> {
  return new Promise((resolve, reject) => {
    let blocked = false;
    const request = indexedDB.deleteDatabase(name);
    request.onblocked = () => (blocked = true);
    request.onsuccess = () => resolve({ blocked });
    request.onerror = () => reject(request.error);
  });
}

/** The database's records, read once its transaction has completed. */
async function saved(name: string) {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const stores = ['learners', 'progress', 'attempts', 'responses'] as const;
  const tx = db.transaction([...stores]);
  const reads = stores.map((store) => tx.objectStore(store).getAll());
  await new Promise((resolve) => (tx.oncomplete = resolve));
  db.close();
  const [learners, progress, attempts, responses] = reads.map((read) => read.result);
  return { learners, progress, attempts, responses } as {
    learners: LearnerRecord[];
    progress: ProgressRecord[];
    attempts: AttemptRecord[];
    responses: ResponseRecord[];
  };
}

const scenarioOf = (el: CpPlayer) => el.shadowRoot!.querySelector('cp-scenario');

/** Opens a scenario from the overview and takes `choices`, each followed by "Continue". */
async function decide(el: CpPlayer, title: string, ...choices: string[]) {
  if (!scenarioOf(el)) {
    button(el, `Open: ${title}`).click();
    await until(() => scenarioOf(el)?.shadowRoot?.querySelector('button') != null, title);
  }
  const scenario = scenarioOf(el)!;
  for (const choice of choices) {
    await until(() => button(scenario, choice, true) !== undefined, `the choice "${choice}"`);
    button(scenario, choice).click();
    await until(() => button(scenario, 'Continue', true) !== undefined, `"${choice}" taken`);
    button(scenario, 'Continue').click();
    await scenario.updateComplete;
  }
}

const notes = (el: CpPlayer, message: string) =>
  [...el.shadowRoot!.querySelectorAll('.storage-messages p')].filter((p) =>
    words(p).includes(message),
  );

describe('<cp-player> when the database is deleted under it', () => {
  afterEach(async () => {
    await useLocale('en');
  });

  it('saves everything again, says so once, and a reload resumes with every answer', async function () {
    this.timeout(60_000);
    const name = await storageWithProfile();
    const src = moduleUrl({ ...structuredClone(engineFixture), navigation: 'free' });
    const el = await player(src, name);
    button(el, 'Start').click();
    await until(() => words(el).includes('activities done'), 'the overview');
    await decide(el, 'Practice', 'Good');
    await until(() => words(el).includes('All progress saved'), '"saved"');
    const before = await saved(name);
    expect(before.responses).to.have.length(1);

    expect(await deleteUnder(name)).to.deep.equal({ blocked: false });
    await until(() => notes(el, STORAGE_MESSAGES.deleted).length > 0, 'the notice', 15_000);
    await expect(el).to.be.accessible();

    // The learner goes on: the practice scenario to its end, then the assessed one.
    await decide(el, 'Practice', 'Refer');
    button(el, 'Back to all activities').click();
    await until(() => !scenarioOf(el), 'the overview');
    await decide(el, 'Assessed', 'Right', 'Close');
    await until(() => words(el).includes('All progress saved'), '"saved" again');
    expect(notes(el, STORAGE_MESSAGES.deleted)).to.have.length(1);
    expect(words(el)).not.to.include(STORAGE_MESSAGES.versionchange);

    const after = await saved(name);
    expect(after.learners).to.deep.equal([LEARNER]);
    expect(after.progress).to.have.length(1);
    expect(
      after.attempts.map((attempt) => [attempt.activityId, attempt.status]),
    ).to.have.deep.members([
      ['practice', 'completed'],
      ['assessed', 'passed'],
    ]);
    expect(after.responses).to.deep.include(before.responses[0]!);
    expect(
      after.responses.map((response) => response.kind === 'decision' && response.choiceId),
    ).to.have.members(['good', 'refer', 'right', 'close']);
    el.remove();

    const again = await player(src, name);
    expect(words(again)).to.contain('Welcome back');
    button(again, 'Continue where you left off').click();
    await until(() => words(again).includes('2 of 4 activities done'), 'the same progress');
  });

  it('says it in the learner’s language', async function () {
    this.timeout(60_000);
    const name = await storageWithProfile();
    const el = await player(moduleUrl(structuredClone(engineFixture)), name);
    button(el, 'Start').click();
    await until(() => words(el).includes('activities done'), 'the overview');
    button(el, 'Open: Lesson').click();
    await until(() => el.shadowRoot!.querySelector('cp-lesson') !== null, 'the lesson');
    el.setAttribute('lang', 'fr');
    await until(() => words(el).includes('Retour'), 'the French UI');

    expect(await deleteUnder(name)).to.deep.equal({ blocked: false });
    await until(() => notes(el, FRENCH).length === 1, 'the notice in French', 15_000);
    expect(words(el)).not.to.include(STORAGE_MESSAGES.deleted);
  });
});
