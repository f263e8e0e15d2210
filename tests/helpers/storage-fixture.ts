/**
 * Storage tests: unique databases (deleted afterwards), raw IndexedDB access independent of the
 * code under test, the schema as version 1 shipped it, and a session driven as a learner would.
 */
import { SimulatedClock } from 'xstate';
import type { Item, Module, Quiz } from '../../src/content/schema.ts';
import { keyFor } from '../../src/engine/scoring.ts';
import { createSession, type Session } from '../../src/engine/session.ts';
import type { Response } from '../../src/engine/types.ts';
import { fixtureModule } from './engine-fixture.ts';

export const freeModule = (overrides: Record<string, unknown> = {}): Module =>
  fixtureModule({ navigation: 'free', ...overrides });

export const makeSession = (module: Module, snapshot?: unknown): Session =>
  createSession(module, {
    clock: new SimulatedClock(),
    newSeed: () => 7919,
    ...(snapshot === undefined ? {} : { snapshot }),
  });

/** Databases made by a test, deleted after it (register stores to close first). */
export class Databases {
  private readonly names: string[] = [];
  private readonly closers: (() => void)[] = [];

  name(label = 'db'): string {
    const name = `checkpoint-test-${label}-${crypto.randomUUID()}`;
    this.names.push(name);
    return name;
  }

  closeLater(closer: { close(): void }): void {
    this.closers.push(() => closer.close());
  }

  async cleanup(): Promise<void> {
    this.closers.splice(0).forEach((close) => close());
    await Promise.all(this.names.splice(0).map(deleteDatabase));
  }
}

export function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = () => resolve();
  });
}

const done = <T>(request: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

/** A connection of its own, at whatever version the database is (no upgrade). */
export async function rawOpen(name: string, version?: number): Promise<IDBDatabase> {
  return done(indexedDB.open(name, version));
}

export async function rawAll(name: string, store: string): Promise<unknown[]> {
  const db = await rawOpen(name);
  try {
    return await done(db.transaction(store).objectStore(store).getAll());
  } finally {
    db.close();
  }
}

export async function rawPut(name: string, store: string, ...values: unknown[]): Promise<void> {
  const db = await rawOpen(name);
  const tx = db.transaction(store, 'readwrite');
  values.forEach((value) => tx.objectStore(store).put(value));
  await new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}

export type V1Contents = Record<
  'learners' | 'progress' | 'attempts' | 'responses' | 'outbox',
  unknown[]
>;

/**
 * The schema exactly as version 1 shipped, written with the raw API (not with db.ts), filled with
 * `contents`. The connection is returned open when `keepOpen` — one that ignores `versionchange`.
 */
export async function createV1Database(
  name: string,
  contents: V1Contents,
  keepOpen = false,
): Promise<IDBDatabase | undefined> {
  const request = indexedDB.open(name, 1);
  request.onupgradeneeded = () => {
    const db = request.result;
    db.createObjectStore('learners', { keyPath: 'id' });
    db.createObjectStore('progress', { keyPath: 'id' }).createIndex('by-learner-module', [
      'learnerId',
      'moduleId',
    ]);
    db.createObjectStore('attempts', { keyPath: 'id' }).createIndex('by-learner-module', [
      'learnerId',
      'moduleId',
    ]);
    db.createObjectStore('responses', { keyPath: 'id' }).createIndex('by-attempt', 'attemptId');
    db.createObjectStore('outbox', { keyPath: 'id' }).createIndex('by-created', 'createdAt');
  };
  const db = await done(request);
  const stores = Object.keys(contents);
  const tx = db.transaction(stores, 'readwrite');
  for (const store of stores) {
    for (const value of contents[store as keyof V1Contents]) tx.objectStore(store).put(value);
  }
  await new Promise((resolve) => (tx.oncomplete = resolve));
  if (keepOpen) return db;
  db.close();
  return undefined;
}

/** One record of each kind, as version 1 wrote them. */
export function v1Contents(): V1Contents {
  const where = { learnerId: 'learner-1', moduleId: 'engine-fixture', version: '1.0.0' };
  const score = { raw: 1, min: 0, max: 1, scaled: 1 };
  const policy = {
    passMark: 50,
    attempts: 2,
    grading: 'best',
    feedback: 'immediate',
    timeLimit: null,
    itemAttempts: 2,
  };
  return {
    learners: [{ id: 'learner-1', name: 'Ana', createdAt: 1_700_000_000_000 }],
    progress: [
      {
        ...where,
        id: 'learner-1|engine-fixture|1.0.0',
        runId: 'run-1',
        state: 'current',
        snapshot: {
          status: 'active',
          value: 'learning',
          context: { current: null, results: {} },
          children: {},
        },
        activities: { quiz: { type: 'quiz', fingerprint: '0123456789abcdef' } },
        revision: 3,
        writerId: 'writer-1',
        startedAt: 1_700_000_000_000,
        savedAt: 1_700_000_100_000,
      },
    ],
    attempts: [
      {
        ...where,
        id: 'run-1|1.0.0|quiz|1',
        runId: 'run-1',
        activityId: 'quiz',
        kind: 'quiz',
        attempt: 1,
        status: 'passed',
        policy,
        startedAt: 1_700_000_000_000,
        endedAt: 1_700_000_100_000,
        seed: 7919,
        score,
        passed: true,
        reason: 'submitted',
      },
    ],
    responses: [
      {
        ...where,
        id: 'response-1',
        kind: 'item',
        runId: 'run-1',
        activityId: 'quiz',
        attempt: 1,
        attemptId: 'run-1|1.0.0|quiz|1',
        itemId: 'q1',
        response: { type: 'single', optionId: 'a' },
        correct: true,
        score,
        tags: ['pool:a'],
        at: 1_700_000_050_000,
        latency: 4_000,
      },
    ],
    outbox: [
      {
        id: 'statement-1',
        createdAt: 1_700_000_100_000,
        destination: 'lrs',
        statement: { verb: 'completed' },
        tries: 0,
      },
    ],
  };
}

/** A wrong answer for the fixture's item types. */
export function wrongFor(item: Item): Response {
  if (item.type === 'single') {
    return { type: 'single', optionId: item.options.find((option) => !option.correct)!.id };
  }
  if (item.type === 'trueFalse') return { type: 'trueFalse', value: !item.answer };
  if (item.type === 'ordering')
    return { type: 'ordering', order: item.steps.map((s) => s.id).reverse() };
  throw new Error(`no wrong answer for ${item.type}`);
}

/** The quiz item the learner sees now. */
export function currentItem(session: Session, quizId = 'quiz'): Item {
  const quiz = session.module.activities.find((activity) => activity.id === quizId) as Quiz;
  const context = session.activity(quizId)!.getSnapshot().context as {
    itemIds: string[];
    index: number;
  };
  return quiz.items.find((item) => item.id === context.itemIds[context.index])!;
}

export function answer(session: Session, correct: boolean, quizId = 'quiz'): string {
  const item = currentItem(session, quizId);
  session.sendTo(quizId, {
    type: 'learner.submit',
    response: correct ? keyFor(item) : wrongFor(item),
  });
  return item.id;
}

/** Waits until `check` holds (polling), for effects that happen on the browser's schedule. */
export async function until(check: () => boolean | Promise<boolean>, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
