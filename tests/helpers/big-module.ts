/**
 * Large modules built in code, the same every time for the same sizes: a quiz of N items of all
 * seven types in turn and a branching scenario of M scenes. No DOM and no test framework, so
 * browser and node tests share it.
 *
 * The scenario is a line of scenes, each with a step forward that scores now and then, a step
 * forward that does not, and a jump over the next scene. A flag set halfway unlocks a choice
 * three quarters of the way and decides, with the score, which ending the last scene leads to;
 * one reckless choice a quarter of the way sends the run to the critical ending. Points come
 * once every 100 scenes, so the states a learner can reach (scene, flags, score, critical) stay
 * in the tens of thousands at 1,000 scenes and the analysis sees all of them.
 */
import type { ModuleData } from '../../src/content/schema.ts';

type ActivityData = ModuleData['activities'][number];
export type QuizData = Extract<ActivityData, { type: 'quiz' }>;
export type ScenarioData = Extract<ActivityData, { type: 'scenario' }>;
export type ItemData = QuizData['items'][number];
export type SceneData = ScenarioData['scenes'][number];
type ChoiceData = SceneData['choices'][number];

export const QUIZ_ID = 'quiz';
export const SCENARIO_ID = 'scenario';
export const ITEM_TYPES = [
  'single',
  'multiple',
  'trueFalse',
  'matching',
  'ordering',
  'shortText',
  'spotting',
] as const satisfies readonly ItemData['type'][];

/** The choice ids of every scene: `steady` always exists, `skip` except in the last two scenes. */
export const CHOICES = {
  steady: 'steady',
  hasty: 'hasty',
  skip: 'skip',
  /** Only at the scene a quarter of the way: critical. */
  reckless: 'reckless',
  /** Only at the scene three quarters of the way, and only with the flag set halfway. */
  direct: 'ask-directly',
} as const;

export const ENDINGS = {
  good: 'ending-good',
  mixed: 'ending-mixed',
  harmful: 'ending-harmful',
  critical: 'ending-critical',
} as const;

export const TRUST_FLAG = 'trust';
/** The score at or above which the last scene leads to the good ending (with the flag set). */
export const GOOD_SCORE = 6;
/** A scoring step every this many scenes. */
const SCORE_EVERY = 100;

export const sceneId = (index: number): string => `scene-${index + 1}`;
export const itemId = (index: number): string => `item-${index + 1}`;

const LETTERS = ['a', 'b', 'c', 'd'] as const;
const PLACES = ['a rail platform', 'a bus terminal', 'an airport gate', 'a ferry port', 'a hotel'];

/** About 200 characters that read like a case, different for every item. */
function caseText(index: number): string {
  const n = index + 1;
  const place = PLACES[index % PLACES.length]!;
  return `**Case ${n}.** At ${place}, a young person travels with an adult who holds both tickets, answers every question for them and says they are cousins. Nothing else looks wrong yet.`;
}

const rationale = (index: number) =>
  `In case ${index + 1}, control of documents and of speech are two indicators from different groups: together they call for a calm referral, never a confrontation in public.`;

function commonFields(index: number) {
  return {
    id: itemId(index),
    rationale: rationale(index),
    tags: [`set:s${Math.floor(index / 1_000) + 1}`, 'concept:indicators'],
    ...(index % 10 === 9 ? { weight: 2 } : {}),
  };
}

/** Item `index`: its type is the index modulo the seven types, its key varies with the index. */
export function generatedItem(index: number): ItemData {
  const type = ITEM_TYPES[index % ITEM_TYPES.length]!;
  const n = index + 1;
  const prompt = caseText(index);
  switch (type) {
    case 'single': {
      const correct = index % LETTERS.length;
      const texts = [
        `Refer case ${n} to a specialist who can speak with the young person alone`,
        `Let case ${n} through: cousins often travel together`,
        `Ask the adult in case ${n} to prove the family link on the spot`,
        `Take the young person in case ${n} aside in front of everyone`,
      ];
      return {
        type,
        ...commonFields(index),
        prompt: `${prompt} Which first step fits best?`,
        // The right answer moves between positions: a learner cannot always pick the first.
        options: LETTERS.map((id, k) => ({
          id,
          text: texts[(k - correct + LETTERS.length) % LETTERS.length]!,
          ...(k === correct ? { correct: true, feedback: 'A calm referral protects them.' } : {}),
        })),
      };
    }
    case 'multiple':
      return {
        type,
        ...commonFields(index),
        prompt: `${prompt} Which of these are indicators?`,
        options: [
          { id: 'a', text: `The adult keeps the documents (case ${n})`, correct: true },
          { id: 'b', text: `The young person carries a rucksack (case ${n})` },
          { id: 'c', text: `The adult answers for the young person (case ${n})`, correct: true },
          { id: 'd', text: `They bought their tickets online (case ${n})` },
        ],
        ...(index % 2 ? { scoring: 'partial' as const } : {}),
      };
    case 'trueFalse':
      return {
        type,
        ...commonFields(index),
        prompt: `${prompt} True or false: one indicator alone proves exploitation.`,
        answer: index % 3 === 0,
        feedbackTrue: 'Indicators call for attention, not for a verdict.',
        feedbackFalse: 'Right: one indicator calls for attention, not for a verdict.',
      };
    case 'matching':
      return {
        type,
        ...commonFields(index),
        prompt: `${prompt} Match each sign to the group it belongs to.`,
        pairs: [
          { id: 'p1', prompt: `Holds the tickets (${n})`, match: `Control of documents (${n})` },
          { id: 'p2', prompt: `Speaks for them (${n})`, match: `Control of speech (${n})` },
          { id: 'p3', prompt: `Avoids eye contact (${n})`, match: `Behaviour (${n})` },
        ],
        distractors: [`Travel habits (${n})`],
      };
    case 'ordering':
      return {
        type,
        ...commonFields(index),
        prompt: `${prompt} Put the steps of a referral in order.`,
        steps: [
          { id: 's1', text: `Notice the indicators (case ${n})` },
          { id: 's2', text: `Stay calm and keep them in sight (case ${n})` },
          { id: 's3', text: `Call the specialist line (case ${n})` },
          { id: 's4', text: `Write down what you saw (case ${n})` },
        ],
        ...(index % 2 ? { scoring: 'perPosition' as const } : {}),
      };
    case 'shortText':
      return {
        type,
        ...commonFields(index),
        prompt: `${prompt} Which line do you call? Answer in two words.`,
        accepted: ['second line', 'specialist line'],
      };
    case 'spotting':
      return {
        type,
        ...commonFields(index),
        prompt: `${prompt} Mark what you observe as indicators.`,
        scene: `The adult in case ${n} hands over two passports and keeps a hand on the young person's shoulder.`,
        cues: [
          { id: 'c1', text: `Hands over both passports (${n})`, indicator: true },
          { id: 'c2', text: `Wears a winter coat (${n})`, indicator: false },
          { id: 'c3', text: `Keeps a hand on their shoulder (${n})`, indicator: true },
          { id: 'c4', text: `Carries a phone (${n})`, indicator: false, feedback: 'Most do.' },
        ],
      };
  }
}

export const generatedItems = (count: number): ItemData[] =>
  Array.from({ length: count }, (_, index) => generatedItem(index));

export function generatedQuiz(count: number): QuizData {
  return {
    type: 'quiz',
    id: QUIZ_ID,
    title: `Generated quiz of ${count} questions`,
    items: generatedItems(count),
  };
}

/** Scene `index` of a scenario of `count` scenes. */
function generatedScene(index: number, count: number): SceneData {
  const n = index + 1;
  const last = index === count - 1;
  const forward: ChoiceData['next'] = last
    ? [
        { when: { flags: [TRUST_FLAG], scoreAtLeast: GOOD_SCORE }, to: ENDINGS.good },
        { when: { flags: [TRUST_FLAG] }, to: ENDINGS.mixed },
        { to: ENDINGS.harmful },
      ]
    : sceneId(index + 1);
  const choices: ChoiceData[] = [
    {
      id: CHOICES.steady,
      text: `Listen, then decide (scene ${n}).`,
      next: forward,
      ...(index % SCORE_EVERY === 0 ? { score: 1 } : {}),
      ...(index === Math.floor(count / 2) ? { setFlags: [TRUST_FLAG] } : {}),
      consequence: `Scene ${n}: they tell you a little more.`,
      tags: ['concept:listening'],
    },
    {
      id: CHOICES.hasty,
      text: `Decide straight away (scene ${n}).`,
      next: forward,
      consequence: `Scene ${n}: you move on, and miss a detail.`,
      coaching: 'A few more seconds of listening often show the second indicator.',
    },
  ];
  if (index + 2 < count) {
    choices.push({
      id: CHOICES.skip,
      text: `Hand over to a colleague for a while (scene ${n}).`,
      next: sceneId(index + 2),
      consequence: `Scene ${n}: your colleague covers the next part.`,
    });
  }
  if (index === Math.floor(count / 4)) {
    choices.push({
      id: CHOICES.reckless,
      text: `Accuse the adult loudly (scene ${n}).`,
      next: forward,
      critical: true,
      consequence: `Scene ${n}: the adult leaves with the young person before anyone can help.`,
    });
  }
  if (index === Math.floor((3 * count) / 4)) {
    choices.push({
      id: CHOICES.direct,
      text: `Ask the young person directly, now that they trust you (scene ${n}).`,
      next: forward,
      score: 2,
      when: { flags: [TRUST_FLAG] },
      consequence: `Scene ${n}: they tell you who really holds their passport.`,
    });
  }
  return {
    id: sceneId(index),
    ...(index % 50 === 0 ? { title: `Part ${index / 50 + 1}, scene ${n}` } : {}),
    text: `Scene ${n} of ${count}. The young person glances at the adult before every answer; the queue behind them grows.`,
    choices,
  };
}

export function generatedScenario(count: number): ScenarioData {
  return {
    type: 'scenario',
    id: SCENARIO_ID,
    title: `Generated scenario of ${count} scenes`,
    mode: 'assessment',
    start: sceneId(0),
    criticalEnding: ENDINGS.critical,
    scenes: Array.from({ length: count }, (_, index) => generatedScene(index, count)),
    endings: [
      { id: ENDINGS.good, title: 'A safe referral', outcome: 'good', text: 'They are safe.' },
      { id: ENDINGS.mixed, title: 'A late referral', outcome: 'mixed', text: 'Help came late.' },
      { id: ENDINGS.harmful, title: 'No referral', outcome: 'harmful', text: 'They went on.' },
      {
        id: ENDINGS.critical,
        title: 'They disappeared',
        outcome: 'harmful',
        text: 'A public accusation put them in danger.',
        bestPractice: 'Refer calmly, out of the adult’s hearing.',
      },
    ],
    bands: [
      { id: 'practise', label: 'Practise more', minScore: 0 },
      { id: 'confident', label: 'Confident', minScore: GOOD_SCORE },
    ],
  };
}

export interface BigModuleOptions {
  /** Quiz items (none: no quiz). */
  readonly items?: number;
  /** Scenario scenes (none: no scenario). */
  readonly scenes?: number;
}

/**
 * A module with a quiz of `items` items (activities[0]) and then a scenario of `scenes` scenes,
 * navigable freely so that either opens first.
 */
export function bigModule({ items = 0, scenes = 0 }: BigModuleOptions): ModuleData {
  const activities: ActivityData[] = [];
  if (items > 0) activities.push(generatedQuiz(items));
  if (scenes > 0) activities.push(generatedScenario(scenes));
  return {
    schemaVersion: 1,
    id: `generated-${items}-items-${scenes}-scenes`,
    version: '1.0.0',
    language: 'en',
    title: `Generated module: ${items} items, ${scenes} scenes`,
    summary: 'A large module generated for the limits of loading and validation.',
    objectives: [{ id: 'LO1', text: 'Spot indicators and refer calmly.' }],
    estimatedMinutes: Math.min(6_000, Math.max(1, Math.ceil(items / 2 + scenes / 4))),
    navigation: 'free',
    assessment: { passMark: 70, attempts: 0, grading: 'best', feedback: 'immediate' },
    activities,
  };
}

/** The generated quiz of a document from `bigModule`, to change it. */
export function quizIn(document: ModuleData): QuizData {
  const quiz = document.activities.find((activity) => activity.type === 'quiz');
  if (!quiz) throw new Error('this module has no quiz');
  return quiz;
}

/** The generated scenario of a document from `bigModule`, to change it. */
export function scenarioIn(document: ModuleData): ScenarioData {
  const scenario = document.activities.find((activity) => activity.type === 'scenario');
  if (!scenario) throw new Error('this module has no scenario');
  return scenario;
}
