/**
 * Records held in this page: the whole store when IndexedDB is missing, or the writes the
 * database could not take yet (quota, blocked upgrade), laid over what it holds.
 */
import type { RecordView } from './batch.ts';
import { STORE_NAMES, type RecordOf, type StoreName } from './db.ts';

/** `null` marks a record deleted here but possibly still in the database underneath. */
type Table<S extends StoreName> = Map<string, RecordOf<S> | null>;

export class MemoryTables {
  private readonly tables = new Map<StoreName, Table<StoreName>>(
    STORE_NAMES.map((store) => [store, new Map()]),
  );

  private table<S extends StoreName>(store: S): Table<S> {
    return this.tables.get(store) as Table<S>;
  }

  /** undefined: nothing known here; null: deleted here. Copies, as IndexedDB would. */
  lookup<S extends StoreName>(store: S, id: string): RecordOf<S> | null | undefined {
    const value = this.table(store).get(id);
    return value ? structuredClone(value) : value;
  }

  set<S extends StoreName>(store: S, record: RecordOf<S>): void {
    this.table(store).set(record.id, structuredClone(record));
  }

  remove(store: StoreName, id: string): void {
    this.table(store).set(id, null);
  }

  get size(): number {
    let size = 0;
    for (const table of this.tables.values()) size += table.size;
    return size;
  }

  clear(): void {
    for (const table of this.tables.values()) table.clear();
  }

  /** `records` from underneath with this layer's writes and deletions applied. */
  overlay<S extends StoreName>(
    store: S,
    records: readonly RecordOf<S>[],
    keep: (record: RecordOf<S>) => boolean,
  ): RecordOf<S>[] {
    const table = this.table(store);
    const out = records.filter((record) => !table.has(record.id));
    for (const value of table.values()) if (value && keep(value)) out.push(structuredClone(value));
    return out;
  }

  /** Reads fall through to `below` (the database) for what this layer does not know. */
  view(below?: Pick<RecordView, 'get'>): RecordView {
    const get = async <S extends StoreName>(store: S, id: string) => {
      const here = this.lookup(store, id);
      if (here !== undefined) return here ?? undefined;
      return below ? below.get(store, id) : undefined;
    };
    return {
      get,
      has: async (store, id) => (await get(store, id)) !== undefined,
      put: async (store, record) => this.set(store, record),
      delete: async (store, id) => this.remove(store, id),
    };
  }
}
