import type { Problem } from '../content/problems.ts';

export interface CpErrorDetail {
  /** What went wrong, in a sentence. */
  readonly message: string;
  /** For a module that did not load: every problem, located. */
  readonly problems?: readonly Problem[];
}

/** Something the learner or the integrator should know went wrong. */
export class CpErrorEvent extends Event {
  static readonly type = 'cp-error';
  constructor(readonly detail: CpErrorDetail) {
    super(CpErrorEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cp-error': CpErrorEvent;
  }
}
