/**
 * The rules every write follows, in memory as in IndexedDB: responses and imports are
 * insert-only, progress is compare-and-set on its revision, attempts merge, and a queue of
 * writes kept during an outage combines without changing what it does.
 */
import { expect } from '@open-wc/testing';
import { applyBatch, combine, type Batch } from '../../src/storage/batch.ts';
import { MemoryTables } from '../../src/storage/memory.ts';
import type { AttemptRecord, ProgressRecord } from '../../src/storage/records.ts';
import { openStore, type Store } from '../../src/storage/store.ts';
import { Databases, v1Contents } from '../helpers/storage-fixture.ts';

const fixture = v1Contents();
const progress = (revision: number, extra: Partial<ProgressRecord> = {}): ProgressRecord => ({
  ...(fixture.progress[0] as ProgressRecord),
  revision,
  ...extra,
});
const attempt = fixture.attempts[0] as AttemptRecord;
const write = (from: number | null, to: number): Batch => ({
  progress: [{ id: progress(0).id, expected: from, next: progress(to) }],
});

describe('storage: batches', () => {
  const dbs = new Databases();
  afterEach(() => dbs.cleanup());

  for (const kind of ['memory', 'IndexedDB'] as const) {
    const open = async (): Promise<Store> => {
      const store = await openStore({
        name: dbs.name('batch'),
        ...(kind === 'memory' ? { indexedDB: null } : {}),
      });
      dbs.closeLater(store);
      return store;
    };

    it(`inserts responses only once, never overwriting (${kind})`, async () => {
      const store = await open();
      const response = fixture.responses[0] as never;
      expect(await store.commit({ add: { responses: [response] } })).to.include({
        added: 1,
        skipped: 0,
      });
      const changed = { ...(response as object), correct: false } as never;
      expect(await store.commit({ add: { responses: [changed] } })).to.include({
        added: 0,
        skipped: 1,
      });
      expect(await store.list('responses')).to.deep.equal([response]);
    });

    it(`refuses a progress write that expects another revision (${kind})`, async () => {
      const store = await open();
      expect((await store.commit(write(null, 1))).conflict).to.equal(undefined);
      expect((await store.commit(write(null, 1))).conflict).to.deep.equal(progress(1));
      expect((await store.commit(write(0, 2))).conflict).to.deep.equal(progress(1));
      expect((await store.commit(write(1, 2))).conflict).to.equal(undefined);
      expect(await store.list('progress')).to.deep.equal([progress(2)]);
    });

    it(`merges an attempt as it starts and ends, and never reopens it (${kind})`, async () => {
      const store = await open();
      const { endedAt, score, passed, ...unended } = attempt;
      const started: AttemptRecord = { ...unended, status: 'in-progress', startedAt: 5 };
      const ended: AttemptRecord = { ...attempt, startedAt: 9 };
      expect([endedAt, score, passed]).to.not.include(undefined);
      await store.commit({ attempts: [started] });
      await store.commit({ attempts: [ended] });
      await store.commit({ attempts: [{ ...started, startedAt: 7 }] });
      expect(await store.get('attempts', attempt.id)).to.deep.equal({ ...ended, startedAt: 5 });
    });
  }

  it('combines a chain of progress writes into its first expectation and last record', async () => {
    const queued = [write(3, 4), write(4, 5), write(5, 6)].reduce(combine);
    expect(queued.progress).to.deep.equal([{ id: progress(0).id, expected: 3, next: progress(6) }]);
    const tables = new MemoryTables();
    tables.set('progress', progress(3));
    expect((await applyBatch(tables.view(), queued)).conflict).to.equal(undefined);
    expect(tables.lookup('progress', progress(0).id)).to.deep.equal(progress(6));
  });
});
