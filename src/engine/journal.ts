/**
 * A compact resume record: what the learner did (every `learner.*` event, the quiz timers' expiries)
 * and the attempt seeds drawn, instead of the machines' snapshot. Replaying it into a fresh
 * session reaches the same place with the same answers, so an LMS that keeps only a few
 * kilobytes (SCORM 1.2's `suspend_data` holds 4,096 characters) can still bring a learner back on
 * a device that has nothing saved.
 *
 * Encoded as JSON; when that is longer than the LMS keeps, deflated and base64-encoded
 * (`CompressionStream`, built into every current browser and node).
 */
import type { Module } from '../content/schema.ts';

/** One event: the activity's index in the module (-1: the course itself), the type, the rest. */
export type JournalEntry =
  | readonly [target: number, type: string]
  | readonly [target: number, type: string, payload: Readonly<Record<string, unknown>>];

export interface Journal {
  /** `id@version` of the module the events were taken in. */
  readonly module: string;
  /** Epoch milliseconds of the last event. */
  readonly savedAt: number;
  /** Seeds drawn by the session, in order. */
  readonly seeds: readonly number[];
  readonly entries: readonly JournalEntry[];
}

const VERSION = 1;
const COMPRESSED = 'z1:';
const LEARNER = 'learner.';

export const moduleTag = (module: Module): string => `${module.id}@${module.version}`;

/** Records the events a session's actors receive from outside, in the journal's terms. */
export class JournalRecorder {
  private readonly entries: JournalEntry[] = [];
  private readonly seeds: number[] = [];
  private savedAt = 0;
  private readonly index: Map<string, number>;

  constructor(
    private readonly module: Module,
    private readonly now: () => number,
  ) {
    this.index = new Map(module.activities.map((activity, position) => [activity.id, position]));
  }

  /** Starts from a replayed journal, so that what follows is added to it. */
  continueFrom(journal: Journal): void {
    this.entries.push(...journal.entries);
    this.seeds.push(...journal.seeds);
    this.savedAt = journal.savedAt;
  }

  seed(seed: number): void {
    this.seeds.push(seed);
  }

  /**
   * An event delivered to the course (`target` undefined) or to an activity. Only the learner's
   * events and timer expiries are kept: everything else follows from them.
   */
  event(target: string | undefined, event: { readonly type: string }): void {
    const fromLearner = event.type.startsWith(LEARNER);
    if (!fromLearner && !event.type.startsWith('timer.')) return;
    const position = target === undefined ? -1 : this.index.get(target);
    if (position === undefined) return;
    const { type, ...payload } = event as { type: string } & Record<string, unknown>;
    const short = fromLearner ? type.slice(LEARNER.length) : type;
    this.entries.push(Object.keys(payload).length ? [position, short, payload] : [position, short]);
    this.savedAt = this.now();
  }

  get length(): number {
    return this.entries.length;
  }

  journal(): Journal {
    return {
      module: moduleTag(this.module),
      savedAt: this.savedAt,
      seeds: [...this.seeds],
      entries: [...this.entries],
    };
  }
}

/** The event a journal entry stands for, and the activity it goes to (undefined: the course). */
export function entryEvent(
  module: Module,
  entry: JournalEntry,
): { readonly target: string | undefined; readonly event: { readonly type: string } } | undefined {
  const [position, short, payload] = entry;
  const target = position === -1 ? undefined : module.activities[position]?.id;
  if (position !== -1 && target === undefined) return undefined;
  const type = short.startsWith('timer.') ? short : LEARNER + short;
  return { target, event: { ...payload, type } };
}

const toJson = (journal: Journal): string =>
  JSON.stringify({
    v: VERSION,
    m: journal.module,
    t: journal.savedAt,
    s: journal.seeds,
    e: journal.entries,
  });

async function deflate(text: string): Promise<string> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return COMPRESSED + btoa(binary);
}

async function inflate(encoded: string): Promise<string> {
  const binary = atob(encoded.slice(COMPRESSED.length));
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Response(stream).text();
}

/**
 * The journal as text no longer than `limit` characters: plain JSON when it fits, else
 * compressed. Undefined when even the compressed form is too long.
 */
export async function encodeJournal(
  journal: Journal,
  limit = Number.POSITIVE_INFINITY,
): Promise<string | undefined> {
  const plain = toJson(journal);
  if (plain.length <= limit) return plain;
  const packed = await deflate(plain);
  return packed.length <= limit ? packed : undefined;
}

/** The plain form only (synchronous, for the last write as a page goes away). */
export function encodeJournalSync(journal: Journal, limit = Number.POSITIVE_INFINITY) {
  const plain = toJson(journal);
  return plain.length <= limit ? plain : undefined;
}

const isEntry = (value: unknown): value is JournalEntry =>
  Array.isArray(value) &&
  (value.length === 2 || value.length === 3) &&
  Number.isInteger(value[0]) &&
  typeof value[1] === 'string' &&
  (value.length === 2 ||
    (typeof value[2] === 'object' && value[2] !== null && !Array.isArray(value[2])));

/** Whether a stored value (a progress record's `journal`) is a journal. */
export function isJournal(value: unknown): value is Journal {
  if (typeof value !== 'object' || value === null) return false;
  const journal = value as Record<string, unknown>;
  return (
    typeof journal['module'] === 'string' &&
    typeof journal['savedAt'] === 'number' &&
    Array.isArray(journal['seeds']) &&
    journal['seeds'].every((seed) => Number.isInteger(seed)) &&
    Array.isArray(journal['entries']) &&
    journal['entries'].every(isEntry)
  );
}

/** Reads an encoded journal; undefined for anything else (a record from another tool, damage). */
export async function decodeJournal(text: string): Promise<Journal | undefined> {
  try {
    const json = text.startsWith(COMPRESSED) ? await inflate(text) : text;
    const value = JSON.parse(json) as Record<string, unknown>;
    if (value['v'] !== VERSION) return undefined;
    const journal = {
      module: value['m'],
      savedAt: value['t'],
      seeds: value['s'],
      entries: value['e'],
    };
    return isJournal(journal) ? journal : undefined;
  } catch {
    return undefined;
  }
}
