import type { Score } from '../engine/types.ts';

export interface CpCompleteDetail {
  readonly moduleId: string;
  readonly version: string;
  readonly passed: boolean;
  readonly score?: Score;
}

/** The learner finished every activity of the module (again, when a retake changed the result). */
export class CpCompleteEvent extends Event {
  static readonly type = 'cp-complete';
  constructor(readonly detail: CpCompleteDetail) {
    super(CpCompleteEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cp-complete': CpCompleteEvent;
  }
}
