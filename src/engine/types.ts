/** What a learner answered, per item type. Plain JSON: it is stored and reported as it is. */
export type Response =
  | { readonly type: 'single'; readonly optionId: string }
  | { readonly type: 'multiple'; readonly optionIds: readonly string[] }
  | { readonly type: 'trueFalse'; readonly value: boolean }
  /** pair id → the match text the learner put against it */
  | { readonly type: 'matching'; readonly matches: Readonly<Record<string, string>> }
  /** step ids in the learner's order */
  | { readonly type: 'ordering'; readonly order: readonly string[] }
  | { readonly type: 'shortText'; readonly text: string }
  /** the cues the learner marked as observed indicators */
  | { readonly type: 'spotting'; readonly cueIds: readonly string[] };

/** A score on one item or activity: raw between min and max, scaled in [0, 1]. */
export interface Score {
  readonly raw: number;
  readonly min: number;
  readonly max: number;
  readonly scaled: number;
}

export interface ItemScore extends Score {
  /** Full marks: the response is the key. */
  readonly correct: boolean;
}
