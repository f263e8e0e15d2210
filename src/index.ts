/**
 * Checkpoint's public API for running a module without any UI: load and validate it, then drive
 * a learner's session and keep its snapshot.
 *
 * ```ts
 * const loaded = await loadModule('/modules/showcase/module.json');
 * if (loaded.ok) {
 *   const session = createSession(loaded.module);
 *   session.onFact((fact) => console.log(fact.type));
 *   session.open('lesson-two-crimes');
 *   session.sendTo('lesson-two-crimes', { type: 'learner.next' });
 *   localStorage.setItem('resume', JSON.stringify(session.persist()));
 * }
 * ```
 */
export { loadModule, parseModule, validateModule, type LoadResult } from './content/loader.ts';
export type { Problem } from './content/problems.ts';
export type { Module, Activity, Item } from './content/schema.ts';
export { createSession, type Session, type SessionOptions } from './engine/session.ts';
export { moduleStatus, type ModuleStatus } from './engine/course.machine.ts';
export { resolvePolicy, type Policy } from './engine/policy.ts';
export { scoreItem, keyFor } from './engine/scoring.ts';
export type { Fact } from './engine/events.ts';
export type { Response, Score, ItemScore } from './engine/types.ts';
export type { Clock } from './engine/clock.ts';
