import type { ItemAnsweredFact, ScenarioChoseFact } from '../engine/events.ts';

export type CpAnswerDetail = (ItemAnsweredFact | ScenarioChoseFact) & { readonly moduleId: string };

/** The learner answered a quiz item or took a decision in a scenario. */
export class CpAnswerEvent extends Event {
  static readonly type = 'cp-answer';
  constructor(readonly detail: CpAnswerDetail) {
    super(CpAnswerEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cp-answer': CpAnswerEvent;
  }
}
