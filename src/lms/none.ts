/**
 * No LMS: nothing is reported. With `standalone`, the learner is told once that progress stays
 * on this device (the player looked for an LMS and found none).
 */
import { lmsNotice } from './messages.ts';
import { STANDALONE, type LaunchInfo, type LmsNotice, type Reporter } from './reporter.ts';

export function createNoneReporter(options: { readonly standalone?: boolean } = {}): Reporter {
  const listeners = new Set<(notice: LmsNotice) => void>();
  return {
    kind: 'none',
    resumeLimit: undefined,
    start(): Promise<LaunchInfo> {
      if (options.standalone) {
        const notice = lmsNotice('standalone');
        // Told after the caller has had the chance to listen.
        queueMicrotask(() => listeners.forEach((listener) => listener(notice)));
      }
      return Promise.resolve(STANDALONE);
    },
    record: () => undefined,
    save: () => undefined,
    finish: () => undefined,
    onNotice(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
