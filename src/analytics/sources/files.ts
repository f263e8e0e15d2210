/**
 * Results files exported by learners' devices (`exportResults`), merged into one dataset. Every
 * record keeps the id it had on its device, so the same file given twice, or two files that
 * share records (a device exported twice), add each record once. Each file is read by
 * `parseResults`, as an import checks it: the format, the version, then every record against its
 * store's schema — a damaged record is skipped and counted, the rest of its file is used.
 */
import { mergeDatasets, parseResults } from '../dataset.ts';
import type { Dataset } from '../types.ts';
import { emptyRecords, type Records } from './records.ts';
import type { DataSource, SourceNote, SourceResult } from './source.ts';

/** A file as the trainer dropped or picked it: anything with a name and text. */
export interface ResultsInput {
  readonly name: string;
  text(): Promise<string>;
}

const size = (records: Records) =>
  records.learners.length +
  records.progress.length +
  records.attempts.length +
  records.responses.length;

export function filesSource(files: readonly ResultsInput[]): DataSource {
  return {
    kind: 'files',
    async load({ signal } = {}): Promise<SourceResult> {
      let merged: Dataset = { ...emptyRecords(), modules: [] };
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
        const parsed = parseResults(text);
        if (!parsed.ok) {
          notes.push({ kind: 'file-rejected', file: file.name, problem: parsed.problem });
          continue;
        }
        used++;
        const before = size(merged);
        merged = mergeDatasets(merged, parsed.dataset);
        const added = size(merged) - before;
        const duplicates = size(parsed.dataset) - added;
        notes.push({ kind: 'file-read', file: file.name, added, duplicates });
        if (parsed.invalid.length) {
          notes.push({ kind: 'damaged', count: parsed.invalid.length, file: file.name });
        }
      }
      if (!used) return { ok: false, problem: { kind: 'no-results' } };
      const { learners, progress, attempts, responses } = merged;
      return { ok: true, records: { learners, progress, attempts, responses }, notes };
    },
  };
}
