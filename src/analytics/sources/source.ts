/**
 * Where a trainer's data comes from. Every source reads records in the shapes of this device's
 * database and hands them over as one `Records` value; a source never throws — what went wrong
 * comes back as a typed problem the dashboard puts into words.
 */
import type { Records } from './records.ts';

export type SourceKind = 'device' | 'files' | 'lrs';

export type SourceProblemKind =
  /** This device's database cannot be opened (no IndexedDB, refused, private mode). */
  | 'unavailable'
  /** Another tab holds an older version of the database open, or it does not answer. */
  | 'blocked'
  /** A newer version of Checkpoint wrote this device's database. */
  | 'newer'
  /** No file was given, or none of them could be read as a results file. */
  | 'no-results'
  /** The LRS address is not an http(s) URL. */
  | 'bad-endpoint'
  /** The LRS could not be reached (network, CORS, DNS). */
  | 'network'
  /** The LRS refused the key and secret (401, 403). */
  | 'unauthorized'
  /** The LRS answered with another error status. */
  | 'http'
  /** The LRS answered with something that is not a statement result. */
  | 'bad-response'
  /** The trainer cancelled. */
  | 'aborted';

export interface SourceProblem {
  readonly kind: SourceProblemKind;
  /** Technical detail for the trainer: an HTTP status, an error name, a file's problem. */
  readonly detail?: string;
}

/** Why one results file was not used. */
export type FileProblemKind = 'unreadable' | 'not-json' | 'wrong-format' | 'newer-format';

/** Something the trainer should know about data that did load. */
export type SourceNote =
  | { readonly kind: 'damaged'; readonly count: number; readonly file?: string }
  | { readonly kind: 'file-rejected'; readonly file: string; readonly problem: FileProblemKind }
  | {
      readonly kind: 'file-read';
      readonly file: string;
      /** Records new to the dataset, and records already in it from another file. */
      readonly added: number;
      readonly duplicates: number;
    }
  | { readonly kind: 'statements'; readonly read: number; readonly unused: number };

export type SourceResult =
  | { readonly ok: true; readonly records: Records; readonly notes: readonly SourceNote[] }
  | { readonly ok: false; readonly problem: SourceProblem };

export interface LoadOptions {
  readonly signal?: AbortSignal;
}

export interface DataSource {
  readonly kind: SourceKind;
  load(options?: LoadOptions): Promise<SourceResult>;
}
