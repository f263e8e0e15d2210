/**
 * Upgrades a module written for an older version of the format to the current one before it is
 * validated. Each step takes a document of version N and returns one of version N + 1; the list
 * grows by one step each time `SCHEMA_VERSION` is raised.
 */
import { error, type Problem } from '../problems.ts';
import { SCHEMA_VERSION } from '../schema.ts';

type Step = (document: Record<string, unknown>) => Record<string, unknown>;

/** `steps[n]` upgrades format n + 1 to n + 2. Format 1 is the first, so there is none yet. */
const steps: readonly Step[] = [];

export type Migrated = { ok: true; document: unknown } | { ok: false; problems: Problem[] };

export function migrate(document: unknown): Migrated {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return { ok: true, document }; // the validator says what is wrong with it
  }
  const record = document as Record<string, unknown>;
  const version = record['schemaVersion'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: true, document }; // likewise
  }
  if (version > SCHEMA_VERSION) {
    return {
      ok: false,
      problems: [
        error(
          ['schemaVersion'],
          `this module uses format ${version}, newer than this player reads (${SCHEMA_VERSION}); update Checkpoint`,
        ),
      ],
    };
  }
  let current = record;
  for (let from = version; from < SCHEMA_VERSION; from++) {
    const step = steps[from - 1];
    if (!step) break;
    current = { ...step(current), schemaVersion: from + 1 };
  }
  return { ok: true, document: current };
}
