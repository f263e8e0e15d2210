/**
 * The rules of a scenario run, as pure functions over plain state: the scenario machine and the
 * static analysis (scenario-graph.ts) both use these, so what the validator proves is what a
 * learner meets.
 */
import type { Band, Choice, Condition, Scenario, Scene } from '../content/schema.ts';

export interface ScenarioState {
  readonly scene: string;
  readonly score: number;
  /** Sorted, without repeats: two states with the same flags compare equal as text. */
  readonly flags: readonly string[];
  /** A critical choice was made: the run ends in the scenario's critical ending. */
  readonly critical: boolean;
}

export type Target =
  | { readonly kind: 'scene'; readonly id: string }
  | { readonly kind: 'ending'; readonly id: string };

export interface Step {
  readonly state: ScenarioState;
  readonly target: Target;
}

interface Index {
  readonly scenes: ReadonlyMap<string, Scene>;
  readonly endings: ReadonlySet<string>;
}

// Content is immutable, so an index built once per scenario object stays right.
const indexes = new WeakMap<Scenario, Index>();

function indexOf(scenario: Scenario): Index {
  let index = indexes.get(scenario);
  if (!index) {
    index = {
      scenes: new Map(scenario.scenes.map((scene) => [scene.id, scene])),
      endings: new Set(scenario.endings.map((ending) => ending.id)),
    };
    indexes.set(scenario, index);
  }
  return index;
}

export const initialState = (scenario: Scenario): ScenarioState => ({
  scene: scenario.start,
  score: 0,
  flags: [],
  critical: false,
});

export const sceneById = (scenario: Scenario, id: string): Scene | undefined =>
  indexOf(scenario).scenes.get(id);

export function conditionHolds(condition: Condition | undefined, state: ScenarioState): boolean {
  if (!condition) return true;
  const { scoreAtLeast, scoreBelow, flags, notFlags } = condition;
  if (scoreAtLeast !== undefined && !(state.score >= scoreAtLeast)) return false;
  if (scoreBelow !== undefined && !(state.score < scoreBelow)) return false;
  if (flags && !flags.every((flag) => state.flags.includes(flag))) return false;
  if (notFlags?.some((flag) => state.flags.includes(flag))) return false;
  return true;
}

export const visibleChoices = (scene: Scene, state: ScenarioState): readonly Choice[] =>
  scene.choices.filter((choice) => conditionHolds(choice.when, state));

function nextFlags(flags: readonly string[], choice: Choice): readonly string[] {
  if (!choice.setFlags && !choice.clearFlags) return flags;
  const set = new Set(flags);
  choice.setFlags?.forEach((flag) => set.add(flag));
  choice.clearFlags?.forEach((flag) => set.delete(flag));
  return [...set].sort();
}

/**
 * Takes a choice: score and flags change first, then the routes are read against the new state.
 * A critical choice, now or earlier, turns whatever ending follows into the critical ending.
 */
export function applyChoice(scenario: Scenario, state: ScenarioState, choice: Choice): Step {
  const next: ScenarioState = {
    scene: state.scene,
    score: state.score + (choice.score ?? 0),
    flags: nextFlags(state.flags, choice),
    critical: state.critical || choice.critical === true,
  };
  // The semantic checks guarantee that the last route has no condition, so one always matches.
  const to =
    typeof choice.next === 'string'
      ? choice.next
      : (choice.next.find((route) => conditionHolds(route.when, next)) ?? choice.next.at(-1))!.to;
  const index = indexOf(scenario);
  if (!index.endings.has(to)) {
    return { state: { ...next, scene: to }, target: { kind: 'scene', id: to } };
  }
  const ending = next.critical ? (scenario.criticalEnding ?? to) : to;
  return { state: next, target: { kind: 'ending', id: ending } };
}

/** The band with the highest `minScore` at or below the score; bands may be listed in any order. */
export function bandFor(scenario: Scenario, score: number): Band | undefined {
  let best: Band | undefined;
  for (const band of scenario.bands ?? []) {
    if (band.minScore <= score && (!best || band.minScore > best.minScore)) best = band;
  }
  return best;
}

/**
 * A score as a fraction of `maxScore` (by default the scenario's own), in [0, 1]; a negative
 * score counts as 0, and so does every score when there is no positive maximum to divide by.
 */
export function scaledScore(
  scenario: Scenario,
  score: number,
  maxScore: number | undefined = scenario.maxScore,
): number {
  if (maxScore === undefined || !(maxScore > 0)) return 0;
  return Math.min(1, Math.max(0, score) / maxScore);
}
