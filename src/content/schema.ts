/**
 * The module format: one Valibot schema is the source of the TypeScript types, the runtime
 * validator and the JSON Schema published for editors (`npm run schema`).
 *
 * This layer is structural only — shapes, types, lengths, patterns — so that the runtime
 * validator and the generated JSON Schema accept and reject exactly the same documents.
 * Rules that look across fields (unique ids, references, one correct option, pools large
 * enough) live in `semantics.ts`.
 */
import * as v from 'valibot';

export const SCHEMA_VERSION = 1;

/** Upper bounds keep hostile or runaway content from stalling a page. */
export const LIMITS = {
  id: 64,
  shortText: 300,
  text: 4_000,
  markdown: 20_000,
  url: 2_000,
  list: 200,
  items: 10_000,
  scenes: 5_000,
  activities: 200,
  options: 26,
  score: 1_000,
} as const;

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const TAG_PATTERN = /^[a-z0-9][a-z0-9-]*(:[a-z0-9][a-z0-9-]*)?$/;
const LANGUAGE_PATTERN = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$/;
const VERSION_PATTERN = /^\d+\.\d+\.\d+$/;

export const Id = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(LIMITS.id),
  v.regex(ID_PATTERN, 'an id may use only letters, digits, "-", "_" and "." and no spaces'),
  v.description('Identifier: letters, digits, "-", "_" or ".", no spaces, at most 64 characters.'),
);

const Tag = v.pipe(
  v.string(),
  v.maxLength(LIMITS.id),
  v.regex(TAG_PATTERN, 'a tag is lower-case words joined by "-", optionally "kind:name"'),
  v.description('A tag such as "concept:consent" or "indicator:document-control".'),
);

const NOT_BLANK = /\S/;
const ShortText = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(LIMITS.shortText),
  v.regex(NOT_BLANK, 'must not be blank'),
);
const Text = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(LIMITS.text),
  v.regex(NOT_BLANK, 'must not be blank'),
);
const Markdown = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(LIMITS.markdown),
  v.regex(NOT_BLANK, 'must not be blank'),
  v.description('Markdown text. Raw HTML is shown as text, never interpreted.'),
);
const Url = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(LIMITS.url),
  v.description('An http(s) or mailto address, or a path relative to the module file.'),
);
const Weight = v.pipe(v.number(), v.minValue(0), v.maxValue(100));
const Percent = v.pipe(v.number(), v.minValue(0), v.maxValue(100));
const Score = v.pipe(v.number(), v.integer(), v.minValue(-LIMITS.score), v.maxValue(LIMITS.score));

/**
 * Valibot takes a list as an object whose fields are all optional, JSON Schema (`type: object`)
 * does not: such objects refuse lists before their fields are read. The JSON Schema keeps only
 * the object (see json-schema.ts).
 */
const optionalFields = <T extends v.ObjectEntries>(entries: T) =>
  v.pipe(
    v.unknown(),
    v.check((input) => !Array.isArray(input), 'must be an object, not a list'),
    v.strictObject(entries),
  );

const list = <T extends v.GenericSchema>(item: T, min = 0, max: number = LIMITS.list) =>
  v.pipe(v.array(item), v.minLength(min), v.maxLength(max));

// ── metadata ──────────────────────────────────────────────────────────────────────────────

const Objective = v.strictObject({
  id: Id,
  text: Text,
});

const Source = v.strictObject({
  id: Id,
  title: ShortText,
  publisher: v.optional(ShortText),
  year: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1900), v.maxValue(2100))),
  url: v.optional(Url),
  note: v.optional(Text),
});

const ItemCommon = {
  id: Id,
  prompt: Markdown,
  weight: v.optional(Weight),
  tags: v.optional(list(Tag)),
  rationale: Markdown,
  sources: v.optional(list(Id)),
};

const AssessmentPolicyFields = {
  passMark: v.optional(Percent),
  attempts: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100))),
  grading: v.optional(v.picklist(['best', 'last', 'first'])),
  feedback: v.optional(v.picklist(['immediate', 'deferred'])),
  timeLimitMinutes: v.optional(v.pipe(v.number(), v.minValue(1), v.maxValue(600))),
  itemAttempts: v.optional(
    v.pipe(
      v.number(),
      v.integer(),
      v.minValue(1),
      v.maxValue(10),
      v.description('Tries per item with immediate feedback: a wrong answer may be retried.'),
    ),
  ),
};

const AssessmentPolicy = optionalFields(AssessmentPolicyFields);

// ── lessons ───────────────────────────────────────────────────────────────────────────────

const MarkdownBlock = v.strictObject({ type: v.literal('markdown'), text: Markdown });
const Image = {
  src: Url,
  alt: v.pipe(
    v.string(),
    v.minLength(1, 'an image needs alternative text that says what it shows'),
    v.maxLength(LIMITS.shortText),
  ),
  caption: v.optional(Text),
};
const ImageBlock = v.strictObject({ type: v.literal('image'), ...Image });
const CalloutBlock = v.strictObject({
  type: v.literal('callout'),
  variant: v.picklist(['info', 'tip', 'warning', 'important']),
  title: v.optional(ShortText),
  text: Markdown,
});
const IndicatorBlock = v.strictObject({
  type: v.literal('indicator'),
  title: ShortText,
  category: ShortText,
  text: Markdown,
  lookFor: v.optional(list(Text, 1)),
  caution: v.optional(Text),
  tags: v.optional(list(Tag)),
});
const KeyPointsBlock = v.strictObject({
  type: v.literal('keyPoints'),
  title: v.optional(ShortText),
  points: list(Text, 1, 20),
});

const Block = v.variant('type', [
  MarkdownBlock,
  ImageBlock,
  CalloutBlock,
  IndicatorBlock,
  KeyPointsBlock,
]);

const Page = v.strictObject({
  id: Id,
  title: ShortText,
  blocks: list(Block, 1, 100),
});

const ActivityCommon = {
  id: Id,
  title: ShortText,
  summary: v.optional(Text),
  contentNote: v.optional(Text),
  objectives: v.optional(list(Id)),
};

const Lesson = v.strictObject({
  type: v.literal('lesson'),
  ...ActivityCommon,
  pages: list(Page, 1),
});

// ── quiz items ────────────────────────────────────────────────────────────────────────────

const Option = v.strictObject({
  id: Id,
  text: Text,
  correct: v.optional(v.boolean()),
  feedback: v.optional(Text),
});
const options = list(Option, 2, LIMITS.options);

const SingleItem = v.strictObject({
  type: v.literal('single'),
  ...ItemCommon,
  options,
});
const MultipleItem = v.strictObject({
  type: v.literal('multiple'),
  ...ItemCommon,
  options,
  scoring: v.optional(v.picklist(['allOrNothing', 'partial'])),
});
const TrueFalseItem = v.strictObject({
  type: v.literal('trueFalse'),
  ...ItemCommon,
  answer: v.boolean(),
  feedbackTrue: v.optional(Text),
  feedbackFalse: v.optional(Text),
});
const MatchingItem = v.strictObject({
  type: v.literal('matching'),
  ...ItemCommon,
  pairs: list(v.strictObject({ id: Id, prompt: Text, match: Text }), 2, LIMITS.options),
  distractors: v.optional(list(Text, 0, LIMITS.options)),
  scoring: v.optional(v.picklist(['allOrNothing', 'partial'])),
});
const OrderingItem = v.strictObject({
  type: v.literal('ordering'),
  ...ItemCommon,
  steps: list(v.strictObject({ id: Id, text: Text }), 2, LIMITS.options),
  scoring: v.optional(v.picklist(['allOrNothing', 'perPosition'])),
});
const ShortTextItem = v.strictObject({
  type: v.literal('shortText'),
  ...ItemCommon,
  accepted: list(ShortText, 1, 50),
  caseSensitive: v.optional(v.boolean()),
  ignoreDiacritics: v.optional(v.boolean()),
});
const SpottingItem = v.strictObject({
  type: v.literal('spotting'),
  ...ItemCommon,
  scene: Markdown,
  cues: list(
    v.strictObject({ id: Id, text: Text, indicator: v.boolean(), feedback: v.optional(Text) }),
    2,
    LIMITS.options,
  ),
});

const Item = v.variant('type', [
  SingleItem,
  MultipleItem,
  TrueFalseItem,
  MatchingItem,
  OrderingItem,
  ShortTextItem,
  SpottingItem,
]);

const Draw = v.strictObject({
  tag: Tag,
  count: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(LIMITS.items)),
});

const Quiz = v.strictObject({
  type: v.literal('quiz'),
  ...ActivityCommon,
  intro: v.optional(Markdown),
  policy: v.optional(AssessmentPolicy),
  shuffleOptions: v.optional(v.boolean()),
  draw: v.optional(list(Draw, 1, 50)),
  items: list(Item, 1, LIMITS.items),
});

// ── scenarios ─────────────────────────────────────────────────────────────────────────────

const Condition = optionalFields({
  scoreAtLeast: v.optional(Score),
  scoreBelow: v.optional(Score),
  flags: v.optional(list(Id, 1, 20)),
  notFlags: v.optional(list(Id, 1, 20)),
});

const Route = v.strictObject({ when: v.optional(Condition), to: Id });

const Choice = v.strictObject({
  id: Id,
  text: Text,
  next: v.union([Id, list(Route, 1, 20)]),
  score: v.optional(Score),
  setFlags: v.optional(list(Id, 1, 20)),
  clearFlags: v.optional(list(Id, 1, 20)),
  critical: v.optional(v.boolean()),
  when: v.optional(Condition),
  consequence: Markdown,
  coaching: v.optional(Markdown),
  tags: v.optional(list(Tag)),
});

const Scene = v.strictObject({
  id: Id,
  title: v.optional(ShortText),
  text: Markdown,
  image: v.optional(v.strictObject(Image)),
  choices: list(Choice, 1, 12),
});

const Ending = v.strictObject({
  id: Id,
  title: ShortText,
  outcome: v.picklist(['good', 'mixed', 'harmful']),
  text: Markdown,
  bestPractice: v.optional(Markdown),
});

const Band = v.strictObject({
  id: Id,
  label: ShortText,
  minScore: Score,
});

const Scenario = v.strictObject({
  type: v.literal('scenario'),
  ...ActivityCommon,
  mode: v.picklist(['practice', 'assessment']),
  start: Id,
  criticalEnding: v.optional(Id),
  maxScore: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(LIMITS.score))),
  scenes: list(Scene, 1, LIMITS.scenes),
  endings: list(Ending, 1, 50),
  bands: v.optional(list(Band, 1, 10)),
});

const Activity = v.variant('type', [Lesson, Quiz, Scenario]);

// ── the module ────────────────────────────────────────────────────────────────────────────

export const ModuleSchema = v.strictObject({
  $schema: v.optional(v.pipe(v.string(), v.maxLength(LIMITS.url))),
  schemaVersion: v.pipe(v.literal(SCHEMA_VERSION), v.description('Version of the module format.')),
  id: v.pipe(
    v.string(),
    v.minLength(1),
    v.maxLength(LIMITS.id),
    v.regex(/^[a-z0-9][a-z0-9-]*$/, 'a module id is lower-case letters, digits and "-"'),
  ),
  version: v.pipe(
    v.string(),
    v.regex(VERSION_PATTERN, 'a version is three numbers such as "1.0.0"'),
    v.maxLength(32),
    v.description(
      'Content version. Change it when items or scenes change: progress is kept per version.',
    ),
  ),
  language: v.pipe(
    v.string(),
    v.maxLength(35),
    v.regex(LANGUAGE_PATTERN, 'a language is a tag such as "en", "fr" or "pt-BR"'),
  ),
  title: ShortText,
  summary: Text,
  objectives: list(Objective, 1, 50),
  estimatedMinutes: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(6_000)),
  tags: v.optional(list(Tag)),
  sources: v.optional(list(Source, 0, 100)),
  contentNotes: v.optional(list(Text, 1, 10)),
  navigation: v.optional(v.picklist(['linear', 'free'])),
  assessment: v.strictObject({
    ...AssessmentPolicyFields,
    passMark: Percent,
  }),
  activities: list(Activity, 1, LIMITS.activities),
});

export type ModuleData = v.InferOutput<typeof ModuleSchema>;
export type Activity = DeepReadonly<v.InferOutput<typeof Activity>>;
export type Lesson = DeepReadonly<v.InferOutput<typeof Lesson>>;
export type Page = DeepReadonly<v.InferOutput<typeof Page>>;
export type Block = DeepReadonly<v.InferOutput<typeof Block>>;
export type Quiz = DeepReadonly<v.InferOutput<typeof Quiz>>;
export type Item = DeepReadonly<v.InferOutput<typeof Item>>;
export type ItemType = Item['type'];
export type Option = DeepReadonly<v.InferOutput<typeof Option>>;
export type Scenario = DeepReadonly<v.InferOutput<typeof Scenario>>;
export type Scene = DeepReadonly<v.InferOutput<typeof Scene>>;
export type Choice = DeepReadonly<v.InferOutput<typeof Choice>>;
export type Condition = DeepReadonly<v.InferOutput<typeof Condition>>;
export type Route = DeepReadonly<v.InferOutput<typeof Route>>;
export type Ending = DeepReadonly<v.InferOutput<typeof Ending>>;
export type Band = DeepReadonly<v.InferOutput<typeof Band>>;
export type AssessmentPolicy = DeepReadonly<v.InferOutput<typeof AssessmentPolicy>>;
export type Source = DeepReadonly<v.InferOutput<typeof Source>>;
/** A validated module: deeply frozen, never mutated with learner state. */
export type Module = DeepReadonly<ModuleData>;

export type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;
