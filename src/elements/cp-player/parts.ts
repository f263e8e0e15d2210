/**
 * The elements behind a module's activities, each in a chunk of its own: a page loads the
 * lesson, quiz, scenario and certificate code only once a module needs it, so the introduction
 * shows sooner and a quiz-only module never downloads the scenario player.
 */
export type Part = 'lesson' | 'quiz' | 'scenario' | 'certificate';

const loaders: Record<Part, () => Promise<unknown>> = {
  lesson: () => import('../cp-lesson/cp-lesson.ts'),
  quiz: () => import('../cp-quiz/cp-quiz.ts'),
  scenario: () => import('../cp-scenario/cp-scenario.ts'),
  certificate: () => import('../cp-certificate/cp-certificate.ts'),
};

const ready = new Set<Part>();
const loading = new Map<Part, Promise<void>>();

/** Whether the part's element is defined and can be rendered now. */
export const isReady = (part: Part): boolean => ready.has(part);

/**
 * Loads a part once; later calls share the same promise. A failed load (offline before the
 * chunk was cached) is forgotten, so the next call tries again.
 */
export function loadPart(part: Part): Promise<void> {
  if (ready.has(part)) return Promise.resolve();
  let pending = loading.get(part);
  if (!pending) {
    pending = loaders[part]().then(
      () => void ready.add(part),
      (error: unknown) => {
        loading.delete(part);
        throw error;
      },
    );
    loading.set(part, pending);
  }
  return pending;
}
