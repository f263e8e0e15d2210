import type { Score } from '../engine/types.ts';

export interface CpProgressDetail {
  readonly moduleId: string;
  /** Completed activities over all, 0–1. */
  readonly progress: number;
  readonly completed: number;
  readonly total: number;
  readonly score?: Score;
}

/** The learner completed an activity (or a step that moves the module's progress). */
export class CpProgressEvent extends Event {
  static readonly type = 'cp-progress';
  constructor(readonly detail: CpProgressDetail) {
    super(CpProgressEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cp-progress': CpProgressEvent;
  }
}
