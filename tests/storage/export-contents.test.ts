/**
 * "Export results": the file holds exactly the records listed to the learner before it is saved —
 * the current learner's by default, every learner's when chosen — and nothing else of the
 * device: no statements waiting for an LMS, no fields a record does not have.
 */
import { expect } from '@open-wc/testing';
import { showDevice } from '../../src/app/device-view.ts';
import { addLearner } from '../../src/storage/device.ts';
import type { OutboxRecord } from '../../src/storage/records.ts';
import { persistSession } from '../../src/storage/persistence.ts';
import { openStore, type Store } from '../../src/storage/store.ts';
import {
  exportResults,
  importResults,
  listExport,
  sameListing,
  type ListedLearner,
  type ResultsFile,
  type ResultsStore,
} from '../../src/storage/transfer.ts';
import {
  Databases,
  answer,
  freeModule,
  makeSession,
  rawAll,
  rawPut,
  until,
} from '../helpers/storage-fixture.ts';

const STORES = ['learners', 'progress', 'attempts', 'responses'] as const;
const SECRET = 'secret-token-7f3a';
const FILE_KEYS = ['attempts', 'exportedAt', 'format', 'learners', 'progress', 'responses'];

const outboxRecord = (id: string): OutboxRecord => ({
  id,
  createdAt: 1_700_000_000_000,
  destination: 'https://lrs.example/xapi',
  statement: { actor: { name: 'Ana' }, verb: { id: 'answered' }, auth: SECRET },
  tries: 0,
});

/** A learner answers `answers` quiz items; the session is saved as the player saves it. */
async function learn(store: Store, learnerId: string, answers: number) {
  const session = makeSession(freeModule());
  const persistence = persistSession(session, store, { learnerId });
  session.open('quiz');
  session.sendTo('quiz', { type: 'learner.start' });
  for (let n = 0; n < answers; n++) {
    answer(session, true);
    session.sendTo('quiz', { type: 'learner.next' });
  }
  await persistence.stop();
}

/**
 * A shared device: Ana and Ben with profiles, the device's own learner without one, statements
 * waiting in the outbox, and Ana's profile carrying a field no profile has.
 */
async function fillDevice(store: Store, name: string) {
  const ana = await addLearner(store, 'Ana');
  const ben = await addLearner(store, 'Ben');
  await learn(store, ana.id, 2);
  await learn(store, ben.id, 1);
  await learn(store, 'local', 1);
  await store.commit({
    add: { outbox: [outboxRecord('statement-1'), outboxRecord('statement-2')] },
  });
  await rawPut(name, 'learners', { ...ana, lmsToken: SECRET });
  return { ana, ben };
}

type Raw = { id: string; learnerId?: string };
const learnerOf = (store: ResultsStore, record: Raw) =>
  store === 'learners' ? record.id : record.learnerId;

/** The database's records, read without the code under test; those of one learner if given. */
async function rawIds(name: string, learnerId?: string) {
  const out = {} as Record<ResultsStore, string[]>;
  for (const store of STORES) {
    const records = (await rawAll(name, store)) as Raw[];
    out[store] = records
      .filter((record) => learnerId === undefined || learnerOf(store, record) === learnerId)
      .map((record) => record.id)
      .sort();
  }
  return out;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** What the view should say of a learner holding the records `raw`. */
const expectedItem = (label: string, raw: Record<ResultsStore, string[]>) =>
  `${label}: ` +
  [
    ...(raw.learners.length ? ['profile (name and date added)'] : []),
    plural(raw.progress.length, 'saved progress record'),
    plural(raw.attempts.length, 'attempt'),
    plural(raw.responses.length, 'answer'),
  ].join(', ');

/** Every record of the file, by store, with the learner each is listed under. */
function listedIds(listing: readonly ListedLearner[]) {
  const out = { learners: [], progress: [], attempts: [], responses: [] } as Record<
    ResultsStore,
    string[]
  >;
  for (const learner of listing)
    for (const store of STORES) out[store].push(...learner.records[store]);
  for (const store of STORES) out[store].sort();
  return out;
}

/** The file has the listed records, each under the learner it belongs to, and nothing more. */
function expectExactly(file: ResultsFile, listing: readonly ListedLearner[]) {
  expect(Object.keys(file).sort()).to.deep.equal(FILE_KEYS.concat('version').sort());
  const fileIds = {} as Record<ResultsStore, string[]>;
  for (const store of STORES) {
    fileIds[store] = (file[store] as Raw[]).map((record) => record.id).sort();
    for (const record of file[store] as Raw[]) {
      const owner = listing.find((learner) => learner.records[store].includes(record.id));
      expect(owner?.id, `${store} ${record.id}`).to.equal(learnerOf(store, record));
    }
  }
  expect(fileIds).to.deep.equal(listedIds(listing));
  const text = JSON.stringify(file);
  for (const unlisted of ['statement-1', 'statement-2', 'lrs.example', SECRET, 'lmsToken']) {
    expect(text).not.to.contain(unlisted);
  }
}

describe('storage: a results file holds what was listed', () => {
  const dbs = new Databases();
  afterEach(() => dbs.cleanup());
  const open = async (label: string) => {
    const name = dbs.name(label);
    const store = await openStore({ name });
    dbs.closeLater(store);
    return { name, store };
  };

  it("lists one learner's records and the file holds exactly those", async function () {
    this.timeout(60_000);
    const { name, store } = await open('one');
    const { ana } = await fillDevice(store, name);
    const file = await exportResults(store, { learnerId: ana.id });
    const listing = listExport(file);
    expect(listing.map((learner) => [learner.id, learner.name])).to.deep.equal([[ana.id, 'Ana']]);
    expect(listing[0]!.records.responses).to.have.length(2);
    expectExactly(file, listing);
    expect(listedIds(listing)).to.deep.equal(await rawIds(name, ana.id));
  });

  it("lists every learner's records, profiles or not, and the file holds exactly those", async function () {
    this.timeout(60_000);
    const { name, store } = await open('every');
    const { ana, ben } = await fillDevice(store, name);
    const file = await exportResults(store);
    const listing = listExport(file);
    expect(listing.map((learner) => [learner.id, learner.name])).to.deep.equal([
      [ana.id, 'Ana'],
      [ben.id, 'Ben'],
      ['local', undefined],
    ]);
    expectExactly(file, listing);
    expect(listedIds(listing)).to.deep.equal(await rawIds(name));
    // The file is still a results file: another device takes every listed record.
    const other = await open('other');
    const total = STORES.reduce((sum, store) => sum + listedIds(listing)[store].length, 0);
    expect(await importResults(other.store, JSON.stringify(file))).to.deep.include({
      ok: true,
      added: total,
    });
  });

  it('tells a listing from one taken after the device changed', async function () {
    this.timeout(60_000);
    const { name, store } = await open('changed');
    const { ana } = await fillDevice(store, name);
    const listAna = async () => listExport(await exportResults(store, { learnerId: ana.id }));
    const before = await listAna();
    expect(sameListing(await listAna(), before)).to.equal(true);
    await learn(store, ana.id, 1);
    expect(sameListing(await listAna(), before)).to.equal(false);
  });
});

/** The "On this device" view, driven as a learner does; saved files are kept, not downloaded. */
class DeviceView {
  readonly saved: string[] = [];
  readonly root = document.createElement('section');

  async show(store: Store) {
    document.body.append(this.root);
    await showDevice(this.root, { store, save: (_name, text) => this.saved.push(text) });
  }

  remove() {
    this.root.remove();
  }

  chooseLearner(name: string) {
    const select = this.root.querySelector<HTMLSelectElement>('#learner-select')!;
    const option = [...select.options].find((candidate) => candidate.text.trim() === name)!;
    select.value = option.value;
    select.dispatchEvent(new Event('change'));
  }

  radio(label: string): HTMLInputElement {
    const labels = [...this.root.querySelectorAll('fieldset label')];
    return labels
      .find((candidate) => candidate.textContent!.trim() === label)!
      .querySelector('input')!;
  }

  button(name: string): HTMLButtonElement | undefined {
    return [...this.root.querySelectorAll('button')].find(
      (candidate) => candidate.textContent!.trim() === name,
    );
  }

  /** The listed learners, once the list is read. */
  async items(count: number): Promise<string[]> {
    await until(() => this.root.querySelectorAll('ul > li').length === count);
    return [...this.root.querySelectorAll('ul > li')].map((item) =>
      item.textContent!.replace(/\s+/g, ' ').trim(),
    );
  }

  status() {
    return this.root.querySelector('[role="status"]')!.textContent!.trim();
  }
}

describe('app: "Export results" lists the file before saving it', () => {
  const dbs = new Databases();
  let view: DeviceView;
  beforeEach(() => {
    sessionStorage.clear();
    view = new DeviceView();
  });
  afterEach(async () => {
    view.remove();
    sessionStorage.clear();
    await dbs.cleanup();
  });
  const open = async () => {
    const name = dbs.name('view');
    const store = await openStore({ name });
    dbs.closeLater(store);
    return { name, store };
  };

  it("offers the current learner's results by default and saves exactly the listed file", async function () {
    this.timeout(60_000);
    const { name, store } = await open();
    const { ana } = await fillDevice(store, name);
    await view.show(store);
    expect(view.radio("Only this device's learner").checked).to.equal(true);
    view.chooseLearner('Ana');
    await until(() => view.radio('Only Ana') !== undefined);
    expect(view.radio('Only Ana').checked).to.equal(true);
    expect(view.radio('Every learner on this device').checked).to.equal(false);
    const raw = await rawIds(name, ana.id);
    expect(raw.responses).to.have.length(2);
    expect(await view.items(1)).to.deep.equal([expectedItem('Ana', raw)]);
    expect(view.root.querySelector('legend')!.textContent).to.equal(
      'Whose results go in the file?',
    );
    await expect(view.root).to.be.accessible();

    view.button('Export these results')!.click();
    await until(() => view.saved.length === 1);
    const file = JSON.parse(view.saved[0]!) as ResultsFile;
    expectExactly(file, listExport(file));
    expect(listedIds(listExport(file))).to.deep.equal(raw);
    expect(view.status()).to.equal('Results exported: the file holds what is listed.');
  });

  it("lists and saves every learner's results when chosen", async function () {
    this.timeout(60_000);
    const { name, store } = await open();
    const { ana, ben } = await fillDevice(store, name);
    await view.show(store);
    // The device's own learner is the current one: no profile.
    const local = await rawIds(name, 'local');
    expect(await view.items(1)).to.deep.equal([expectedItem("This device's learner", local)]);
    view.radio('Every learner on this device').click();
    expect(await view.items(3)).to.deep.equal([
      expectedItem('Ana', await rawIds(name, ana.id)),
      expectedItem('Ben', await rawIds(name, ben.id)),
      expectedItem("This device's learner", local),
    ]);
    const all = await rawIds(name);
    expect(view.root.textContent!.replace(/\s+/g, ' ')).to.contain(
      `In all: 3 learners, ${plural(all.progress.length, 'saved progress record')}, ` +
        `${plural(all.attempts.length, 'attempt')}, ${plural(all.responses.length, 'answer')}.`,
    );
    await expect(view.root).to.be.accessible();

    view.button('Export these results')!.click();
    await until(() => view.saved.length === 1);
    const file = JSON.parse(view.saved[0]!) as ResultsFile;
    expectExactly(file, listExport(file));
    expect(listedIds(listExport(file))).to.deep.equal(await rawIds(name));
  });

  it('saves nothing when the results changed after they were listed, and lists them anew', async function () {
    this.timeout(60_000);
    const { name, store } = await open();
    await fillDevice(store, name);
    await view.show(store);
    const label = "This device's learner";
    expect(await view.items(1)).to.deep.equal([expectedItem(label, await rawIds(name, 'local'))]);
    // Another tab of the same course saves another answer meanwhile.
    const tab = await openStore({ name });
    dbs.closeLater(tab);
    await learn(tab, 'local', 1);

    view.button('Export these results')!.click();
    await until(() => view.status().startsWith('The results on this device have changed'));
    expect(view.saved).to.deep.equal([]);
    const now = await rawIds(name, 'local');
    expect(now.responses).to.have.length(2);
    expect(await view.items(1)).to.deep.equal([expectedItem(label, now)]);
    view.button('Export these results')!.click();
    await until(() => view.saved.length === 1);
    const file = JSON.parse(view.saved[0]!) as ResultsFile;
    expect(listedIds(listExport(file))).to.deep.equal(await rawIds(name, 'local'));
  });

  it('has nothing to export on a device with no results', async function () {
    this.timeout(60_000);
    const { store } = await open();
    await view.show(store);
    await until(() => view.root.textContent!.includes('There is nothing to export yet.'));
    expect(view.button('Export these results')).to.equal(undefined);
    await expect(view.root).to.be.accessible();
  });
});
