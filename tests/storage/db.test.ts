/**
 * The database across versions: a version-1 database opens under the current version with every
 * record intact, and an upgrade held up by another tab (or one another tab starts) is reported,
 * never waited on silently, while the learner keeps working.
 */
import { expect } from '@open-wc/testing';
import { DB_VERSION, openDatabase } from '../../src/storage/db.ts';
import { STORAGE_MESSAGES } from '../../src/storage/messages.ts';
import { openStore, type StorageNotice } from '../../src/storage/store.ts';
import {
  Databases,
  createV1Database,
  rawAll,
  rawOpen,
  until,
  v1Contents,
} from '../helpers/storage-fixture.ts';

const learner = { id: 'learner-2', name: 'Ben', createdAt: 1 };

describe('storage: database versions', () => {
  const dbs = new Databases();
  afterEach(() => dbs.cleanup());

  it('creates every store and index of the current version', async () => {
    const result = await openDatabase(dbs.name());
    if (!result.ok) throw new Error(result.problem.message);
    const db = result.db;
    expect(db.version).to.equal(DB_VERSION);
    expect([...db.objectStoreNames].sort()).to.deep.equal(
      ['attempts', 'learners', 'outbox', 'progress', 'responses'].sort(),
    );
    const tx = db.transaction('responses');
    expect([...tx.store.indexNames].sort()).to.deep.equal(['by-attempt', 'by-learner-module']);
    db.close();
  });

  it('opens a version-1 database under the current version with every record intact', async () => {
    const name = dbs.name('v1');
    const contents = v1Contents();
    await createV1Database(name, contents);

    const result = await openDatabase(name);
    if (!result.ok) throw new Error(result.problem.message);
    const db = result.db;
    expect(db.version).to.equal(DB_VERSION);
    for (const [store, records] of Object.entries(contents)) {
      expect(await db.getAll(store as never), store).to.deep.equal(records);
    }
    // The index added by version 2 covers records written by version 1.
    const indexed = await db.getAllFromIndex('responses', 'by-learner-module', [
      'learner-1',
      'engine-fixture',
    ]);
    expect(indexed.map((response) => response.id)).to.deep.equal(['response-1']);
    db.close();

    // Read through the store, every version-1 record is sound: nothing is skipped.
    const store = await openStore({ name });
    dbs.closeLater(store);
    for (const [name, records] of Object.entries(contents)) {
      expect(await store.list(name as never), name).to.deep.equal(records);
    }
    expect(store.problems).to.deep.equal([]);
  });

  it('reports an upgrade blocked by an old tab, keeps the work in memory, then saves it', async () => {
    const name = dbs.name('blocked');
    // An "old tab": version 1, and it does not close when asked to.
    const old = (await createV1Database(name, v1Contents(), true))!;
    const notices: StorageNotice[] = [];
    const store = await openStore({ name, openTimeoutMs: 10_000 });
    dbs.closeLater(store);
    store.onNotice((notice) => notices.push(notice));

    expect(store.durable).to.equal(false);
    expect(store.problems.map((problem) => problem.kind)).to.deep.equal(['blocked']);
    expect(store.problems[0]!.message).to.equal(STORAGE_MESSAGES.blocked);

    const result = await store.commit({ add: { learners: [learner] } });
    expect(result).to.include({ durable: false, added: 1 });
    expect((await store.list('learners')).map((record) => record.id)).to.include('learner-2');

    old.close(); // the learner closes the other tab
    await until(() => notices.some((notice) => notice.kind === 'recovered'));
    expect(store.durable).to.equal(true);
    expect(store.problems).to.deep.equal([]);
    const learners = (await rawAll(name, 'learners')) as { id: string }[];
    expect(learners.map((record) => record.id).sort()).to.deep.equal(['learner-1', 'learner-2']);
  });

  it('closes and reports when another tab upgrades, and keeps working in memory', async () => {
    const name = dbs.name('versionchange');
    const store = await openStore({ name });
    dbs.closeLater(store);
    expect(store.durable).to.equal(true);
    const notices: StorageNotice[] = [];
    store.onNotice((notice) => notices.push(notice));

    // A newer Checkpoint in another tab: its upgrade is not blocked, because this tab closes.
    const newer = await rawOpen(name, DB_VERSION + 1);
    dbs.closeLater(newer);
    expect(newer.version).to.equal(DB_VERSION + 1);
    expect(notices.map((notice) => notice.kind)).to.deep.equal(['versionchange']);
    expect(notices[0]!.message).to.equal(STORAGE_MESSAGES.versionchange);

    const result = await store.commit({ add: { learners: [learner] } });
    expect(result).to.include({ durable: false, added: 1 });
    expect(await store.get('learners', learner.id)).to.deep.equal(learner);
  });

  it('refuses to downgrade: a database of a newer version runs the page in memory', async () => {
    const name = dbs.name('newer');
    (await rawOpen(name, DB_VERSION + 1)).close();
    const store = await openStore({ name });
    dbs.closeLater(store);
    expect(store.durable).to.equal(false);
    expect(store.problems.map((problem) => problem.kind)).to.deep.equal(['newer']);
    expect((await store.commit({ add: { learners: [learner] } })).added).to.equal(1);
  });
});
