/**
 * Datasets: building one from a device's results file, and joining several without counting a
 * record twice (the same file imported twice, or two files sharing records).
 */
import * as v from 'valibot';
import type { Module } from '../content/schema.ts';
import { mergeAttempt, RECORD_SCHEMAS, type AttemptRecord } from '../storage/records.ts';
import type { ResultsFile } from '../storage/transfer.ts';
import type { Dataset, ParsedResults } from './types.ts';

/** A dataset with nothing in it. */
export function emptyDataset(): Dataset {
  return { learners: [], progress: [], attempts: [], responses: [], modules: [] };
}

function uniqueBy<T>(
  lists: readonly (readonly T[])[],
  key: (record: T) => string,
  merge: (kept: T, incoming: T) => T = (kept) => kept,
): T[] {
  const byKey = new Map<string, T>();
  for (const list of lists) {
    for (const record of list) {
      const id = key(record);
      const kept = byKey.get(id);
      byKey.set(id, kept === undefined ? record : merge(kept, record));
    }
  }
  return [...byKey.values()];
}

/**
 * Joins datasets; a record id seen twice is kept once. The first copy of a learner, response or
 * module (by id and version) wins; two copies of an attempt are merged as the database merges
 * them (an ended attempt is never reopened, the earliest start wins); of two copies of a progress
 * record, the one saved last wins.
 */
export function mergeDatasets(...datasets: readonly Dataset[]): Dataset {
  return {
    learners: uniqueBy(
      datasets.map((d) => d.learners),
      (r) => r.id,
    ),
    progress: uniqueBy(
      datasets.map((d) => d.progress),
      (r) => r.id,
      (kept, next) => (next.savedAt > kept.savedAt ? next : kept),
    ),
    attempts: uniqueBy<AttemptRecord>(
      datasets.map((d) => d.attempts),
      (r) => r.id,
      (kept, next) => mergeAttempt(kept, next),
    ),
    responses: uniqueBy(
      datasets.map((d) => d.responses),
      (r) => r.id,
    ),
    modules: uniqueBy<Module>(
      datasets.map((d) => d.modules),
      (m) => `${m.id}@${m.version}`,
    ),
  };
}

/** Checked against `ResultsFile`, without importing the storage layer's database code. */
const FORMAT: ResultsFile['format'] = 'checkpoint-results';
const VERSION: ResultsFile['version'] = 1;
const STORES = ['learners', 'progress', 'attempts', 'responses'] as const;

const NOT_RESULTS: ParsedResults = {
  ok: false,
  problem: 'wrong-format',
  message: 'The file is not a Checkpoint results file.',
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads a results file exported by a device (parsed JSON or its text). Each record is checked
 * against its store's schema, as an import on a device checks it: a damaged record is skipped
 * and named, the others are kept. A missing store reads as empty. `modules` is empty: results
 * files carry no content.
 */
export function parseResults(data: unknown): ParsedResults {
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data) as unknown;
    } catch {
      return { ok: false, problem: 'not-json', message: 'The file is not JSON.' };
    }
  }
  if (!isObject(data) || data['format'] !== FORMAT) {
    return NOT_RESULTS;
  }
  const version = data['version'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return NOT_RESULTS;
  }
  if (version > VERSION) {
    return {
      ok: false,
      problem: 'newer-format',
      message: 'The file comes from a newer version of Checkpoint; update to read it.',
    };
  }
  if (STORES.some((store) => data[store] !== undefined && !Array.isArray(data[store]))) {
    return NOT_RESULTS;
  }
  const invalid: { store: (typeof STORES)[number]; index: number; reason: string }[] = [];
  const read = <S extends (typeof STORES)[number]>(store: S) => {
    const records: v.InferOutput<(typeof RECORD_SCHEMAS)[S]>[] = [];
    const values = (data as Record<string, unknown[] | undefined>)[store] ?? [];
    values.forEach((value, index) => {
      const result = v.safeParse(RECORD_SCHEMAS[store], value);
      if (result.success) {
        records.push(result.output as v.InferOutput<(typeof RECORD_SCHEMAS)[S]>);
        return;
      }
      const issue = result.issues[0];
      const path = issue.path?.map((item) => String(item.key)).join('.') ?? '';
      invalid.push({ store, index, reason: path ? `${path}: ${issue.message}` : issue.message });
    });
    return records;
  };
  const dataset: Dataset = {
    learners: read('learners'),
    progress: read('progress'),
    attempts: read('attempts'),
    responses: read('responses'),
    modules: [],
  };
  return { ok: true, dataset, invalid };
}
