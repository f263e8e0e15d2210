/** This device's database: every learner, attempt and response the players here wrote. */
import { openStore, type OpenStoreOptions } from '../../storage/store.ts';
import type { DataSource, SourceProblemKind, SourceResult } from './source.ts';

export interface DeviceSourceOptions {
  /** The database name (default "checkpoint", as the player uses). */
  readonly name?: string;
  /** Defaults to the page's `indexedDB`. */
  readonly indexedDB?: IDBFactory | null;
  /** How long to wait for the database (default 5 s). */
  readonly openTimeoutMs?: number;
}

const PROBLEMS: Partial<Record<string, SourceProblemKind>> = {
  unavailable: 'unavailable',
  newer: 'newer',
  blocked: 'blocked',
  timeout: 'blocked',
  versionchange: 'blocked',
  terminated: 'unavailable',
};

export function deviceSource(options: DeviceSourceOptions = {}): DataSource {
  return {
    kind: 'device',
    async load({ signal } = {}): Promise<SourceResult> {
      const storeOptions: OpenStoreOptions = {
        ...(options.name === undefined ? {} : { name: options.name }),
        ...(options.indexedDB === undefined ? {} : { indexedDB: options.indexedDB }),
        ...(options.openTimeoutMs === undefined ? {} : { openTimeoutMs: options.openTimeoutMs }),
      };
      const store = await openStore(storeOptions);
      try {
        const blocking = store.problems.find((problem) => PROBLEMS[problem.kind]);
        if (blocking) {
          return {
            ok: false,
            problem: {
              kind: PROBLEMS[blocking.kind]!,
              ...(blocking.error ? { detail: blocking.error } : {}),
            },
          };
        }
        const [learners, progress, attempts, responses] = await Promise.all([
          store.list('learners'),
          store.list('progress'),
          store.list('attempts'),
          store.list('responses'),
        ]);
        if (signal?.aborted) return { ok: false, problem: { kind: 'aborted' } };
        const damaged = store.problems.filter((problem) => problem.kind === 'corrupt').length;
        return {
          ok: true,
          records: { learners, progress, attempts, responses },
          notes: damaged ? [{ kind: 'damaged', count: damaged }] : [],
        };
      } finally {
        store.close();
      }
    },
  };
}
