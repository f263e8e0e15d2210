/**
 * The records of one run through a module that a page holds, so that they can be written back
 * should the database be deleted under the page: what the page derived, and what earlier visits
 * to the same run wrote.
 */
import { mergeAttempt, type AttemptRecord, type ResponseRecord } from './records.ts';
import type { Store } from './store.ts';

export class HeldRun {
  private readonly responses = new Map<string, ResponseRecord>();
  private readonly attempts = new Map<string, AttemptRecord>();

  constructor(private readonly runId: string) {}

  /** Records derived in this page, in order: each attempt merged into the one held. */
  add(responses: readonly ResponseRecord[], attempts: readonly AttemptRecord[]): void {
    for (const response of responses) this.responses.set(response.id, response);
    for (const attempt of attempts) {
      const known = this.attempts.get(attempt.id);
      this.attempts.set(attempt.id, known ? mergeAttempt(known, attempt) : attempt);
    }
  }

  /** Reads the run's records written on earlier visits; what this page derived since wins. */
  async addEarlier(store: Store, learnerId: string, moduleId: string): Promise<void> {
    const where = { learnerId, moduleId };
    const [responses, attempts] = await Promise.all([
      store.list('responses', where),
      store.list('attempts', where),
    ]);
    for (const response of responses) {
      if (response.runId === this.runId && !this.responses.has(response.id)) {
        this.responses.set(response.id, response);
      }
    }
    for (const attempt of attempts) {
      if (attempt.runId !== this.runId) continue;
      const known = this.attempts.get(attempt.id);
      this.attempts.set(attempt.id, known ? mergeAttempt(attempt, known) : attempt);
    }
  }

  get records(): { responses: ResponseRecord[]; attempts: AttemptRecord[] } {
    return { responses: [...this.responses.values()], attempts: [...this.attempts.values()] };
  }
}
