/**
 * Results files exported by learners' devices (`exportResults`), merged into one dataset. Every
 * record keeps the id it had on its device, so the same file given twice, or two files that
 * share records (a device exported twice), add each record once. Files are checked as an import
 * checks them: the format, the version, then every record against its store's schema — a
 * damaged record is skipped and counted, the rest of its file is used.
 */
import { mergeAttempt } from '../../storage/records.ts';
import { RESULTS_FORMAT, RESULTS_VERSION } from '../../storage/transfer.ts';
import { checkRecord } from '../../storage/transaction.ts';
import type { RecordOf } from '../../storage/db.ts';
import type {
  AttemptRecord,
  LearnerRecord,
  ProgressRecord,
  ResponseRecord,
} from '../../storage/records.ts';
import { mergeById } from './records.ts';
import type { DataSource, FileProblemKind, SourceNote, SourceResult } from './source.ts';

const STORES = ['learners', 'progress', 'attempts', 'responses'] as const;
type Exported = (typeof STORES)[number];

/** A file as the trainer dropped or picked it: anything with a name and text. */
export interface ResultsInput {
  readonly name: string;
  text(): Promise<string>;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

type Checked =
  | { readonly ok: true; readonly data: Record<Exported, unknown[]> }
  | { readonly ok: false; readonly problem: FileProblemKind };

/** The same checks, in the same order, as `importResults`. */
export function checkResultsFile(text: string): Checked {
  let data: unknown;
  try {
    data = JSON.parse(text) as unknown;
  } catch {
    return { ok: false, problem: 'not-json' };
  }
  if (!isObject(data) || data['format'] !== RESULTS_FORMAT) {
    return { ok: false, problem: 'wrong-format' };
  }
  const version = data['version'];
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    return { ok: false, problem: 'wrong-format' };
  }
  if (version > RESULTS_VERSION) return { ok: false, problem: 'newer-format' };
  if (STORES.some((name) => data[name] !== undefined && !Array.isArray(data[name]))) {
    return { ok: false, problem: 'wrong-format' };
  }
  const arrays = Object.fromEntries(
    STORES.map((name) => [name, (data[name] as unknown[] | undefined) ?? []]),
  ) as Record<Exported, unknown[]>;
  return { ok: true, data: arrays };
}

/** The later save of the same progress record wins. */
const laterProgress = (a: ProgressRecord, b: ProgressRecord) => (b.savedAt > a.savedAt ? b : a);

export function filesSource(files: readonly ResultsInput[]): DataSource {
  return {
    kind: 'files',
    async load({ signal } = {}): Promise<SourceResult> {
      const learners = new Map<string, LearnerRecord>();
      const progress = new Map<string, ProgressRecord>();
      const attemptsById = new Map<string, AttemptRecord>();
      const responses = new Map<string, ResponseRecord>();
      const notes: SourceNote[] = [];
      let used = 0;
      for (const file of files) {
        if (signal?.aborted) return { ok: false, problem: { kind: 'aborted' } };
        let text: string;
        try {
          text = await file.text();
        } catch {
          notes.push({ kind: 'file-rejected', file: file.name, problem: 'unreadable' });
          continue;
        }
        const checked = checkResultsFile(text);
        if (!checked.ok) {
          notes.push({ kind: 'file-rejected', file: file.name, problem: checked.problem });
          continue;
        }
        used++;
        let damaged = 0;
        const sound = <S extends Exported>(store: S): RecordOf<S>[] =>
          checked.data[store].flatMap((value) => {
            const record = checkRecord(store, value);
            if (record.ok) return [record.record];
            damaged++;
            return [];
          });
        const read = {
          learners: sound('learners'),
          progress: sound('progress'),
          attempts: sound('attempts'),
          responses: sound('responses'),
        };
        const added =
          mergeById(learners, read.learners) +
          mergeById(progress, read.progress, laterProgress) +
          mergeById(attemptsById, read.attempts, mergeAttempt) +
          mergeById(responses, read.responses);
        const total =
          read.learners.length +
          read.progress.length +
          read.attempts.length +
          read.responses.length;
        notes.push({ kind: 'file-read', file: file.name, added, duplicates: total - added });
        if (damaged) notes.push({ kind: 'damaged', count: damaged, file: file.name });
      }
      if (!used) return { ok: false, problem: { kind: 'no-results' } };
      return {
        ok: true,
        records: {
          learners: [...learners.values()],
          progress: [...progress.values()],
          attempts: [...attemptsById.values()],
          responses: [...responses.values()],
        },
        notes,
      };
    },
  };
}
