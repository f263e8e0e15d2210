/**
 * A branching scenario, generated from its scene graph: one state per scene (choosing, then the
 * consequence of each choice) and one per ending. Choices apply their score and flags, routes
 * read the new state, a critical choice forces the critical ending, and practice mode lets the
 * learner step back.
 */
import { assign, emit, sendParent, setup, type AnyStateMachine } from 'xstate';
import type { Choice, Scenario } from '../content/schema.ts';
import type { Clock } from './clock.ts';
import type { ActivityFinishedEvent, ScenarioChoseFact, ScenarioEndedFact } from './events.ts';
import { grade, passes, type Policy } from './policy.ts';
import {
  applyChoice,
  bandFor,
  conditionHolds,
  initialState,
  scaledScore,
  type ScenarioState,
  type Target,
} from './scenario-rules.ts';
import type { Score } from './types.ts';

/** One decision on the learner's path, with the state before it (for stepping back). */
export interface Decision {
  readonly sceneId: string;
  readonly choiceId: string;
  readonly before: Omit<ScenarioState, 'scene'>;
}

export interface RunRecord {
  readonly run: number;
  readonly endingId: string;
  readonly score: Score;
  readonly passed: boolean;
  readonly critical: boolean;
  readonly path: readonly string[];
  readonly endedAt: number;
}

export interface ScenarioContext {
  readonly score: number;
  readonly flags: readonly string[];
  readonly critical: boolean;
  readonly path: readonly Decision[];
  readonly runs: readonly RunRecord[];
}

export type ScenarioEvent =
  | { readonly type: 'learner.choose'; readonly choiceId: string }
  | { readonly type: 'learner.next' }
  | { readonly type: 'learner.back' }
  | { readonly type: 'learner.restart' };

export interface ScenarioDependencies {
  readonly clock: Clock;
  /** The best achievable score when the scenario does not declare `maxScore`. */
  readonly maxScore: number;
}

type Params = { readonly sceneId: string; readonly choiceId: string };

const sceneKey = (index: number) => `scene-${index}`;
const endingKey = (index: number) => `ending-${index}`;
const choiceKey = (index: number) => `choice-${index}`;
const FRESH = {
  score: 0,
  flags: [] as readonly string[],
  critical: false,
  path: [] as readonly Decision[],
};

export function createScenarioMachine(
  scenario: Scenario,
  policy: Policy,
  { clock, maxScore }: ScenarioDependencies,
): AnyStateMachine {
  const practice = scenario.mode === 'practice';
  const sceneIndex = new Map(scenario.scenes.map((scene, index) => [scene.id, index]));
  const endingIndex = new Map(scenario.endings.map((ending, index) => [ending.id, index]));
  const choices = new Map<string, Choice>(
    scenario.scenes.flatMap((scene) =>
      scene.choices.map((choice) => [`${scene.id}\u0000${choice.id}`, choice]),
    ),
  );
  const choiceIn = (sceneId: string, choiceId: string) =>
    choices.get(`${sceneId}\u0000${choiceId}`);
  const keyOf = (target: Target) =>
    target.kind === 'scene'
      ? sceneKey(sceneIndex.get(target.id)!)
      : endingKey(endingIndex.get(target.id)!);
  const stateOf = (context: ScenarioContext, sceneId: string): ScenarioState => ({
    scene: sceneId,
    score: context.score,
    flags: context.flags,
    critical: context.critical,
  });
  /** Where the last decision leads, read against the state before it. */
  const lastTarget = (context: ScenarioContext): Target | undefined => {
    const last = context.path.at(-1);
    const choice = last && choiceIn(last.sceneId, last.choiceId);
    return last && choice
      ? applyChoice(scenario, { scene: last.sceneId, ...last.before }, choice).target
      : undefined;
  };
  const runScore = (score: number): Score => ({
    raw: score,
    min: 0,
    max: maxScore,
    scaled: scaledScore(scenario, score, maxScore),
  });

  const machine = setup({
    types: {
      context: {} as ScenarioContext,
      events: {} as ScenarioEvent,
      emitted: {} as ScenarioChoseFact | ScenarioEndedFact,
    },
    guards: {
      canChoose: ({ context, event }, params: Params) => {
        if (event.type !== 'learner.choose' || event.choiceId !== params.choiceId) return false;
        const choice = choiceIn(params.sceneId, params.choiceId);
        return (
          choice !== undefined && conditionHolds(choice.when, stateOf(context, params.sceneId))
        );
      },
      leadsTo: ({ context }, params: { readonly key: string }) => {
        const target = lastTarget(context);
        return target !== undefined && keyOf(target) === params.key;
      },
      cameFrom: ({ context }, params: { readonly sceneId: string }) =>
        context.path.at(-1)?.sceneId === params.sceneId,
      canRestart: ({ context }) =>
        practice || policy.attempts === 0 || context.runs.length < policy.attempts,
    },
    actions: {
      take: assign(({ context }, params: Params) => {
        const choice = choiceIn(params.sceneId, params.choiceId)!;
        const before = stateOf(context, params.sceneId);
        const { state } = applyChoice(scenario, before, choice);
        return {
          score: state.score,
          flags: state.flags,
          critical: state.critical,
          path: [
            ...context.path,
            {
              sceneId: params.sceneId,
              choiceId: params.choiceId,
              before: { score: before.score, flags: before.flags, critical: before.critical },
            },
          ],
        };
      }),
      reportChoice: emit(({ context }, params: Params): ScenarioChoseFact => {
        const choice = choiceIn(params.sceneId, params.choiceId)!;
        return {
          type: 'scenario.chose',
          activityId: scenario.id,
          sceneId: params.sceneId,
          choiceId: params.choiceId,
          scoreDelta: choice.score ?? 0,
          score: context.score,
          critical: choice.critical === true,
          tags: choice.tags ?? [],
          at: clock.now(),
        };
      }),
      stepBack: assign(({ context }) => {
        const last = context.path.at(-1);
        return last ? { ...last.before, path: context.path.slice(0, -1) } : {};
      }),
      end: assign(({ context }, params: { readonly endingId: string }) => {
        const score = runScore(context.score);
        return {
          runs: [
            ...context.runs,
            {
              run: context.runs.length + 1,
              endingId: params.endingId,
              score,
              passed: !practice && passes(score, policy.passMark),
              critical: context.critical,
              path: context.path.map((decision) => decision.choiceId),
              endedAt: clock.now(),
            },
          ],
        };
      }),
      reportEnding: emit(({ context }): ScenarioEndedFact => {
        const run = context.runs.at(-1)!;
        const ending = scenario.endings.find((candidate) => candidate.id === run.endingId)!;
        const band = bandFor(scenario, run.score.raw);
        return {
          type: 'scenario.ended',
          activityId: scenario.id,
          endingId: run.endingId,
          outcome: ending.outcome,
          score: run.score,
          ...(band ? { band: band.id } : {}),
          critical: run.critical,
          path: run.path,
          at: run.endedAt,
        };
      }),
      tellCourse: sendParent(({ context }): ActivityFinishedEvent => {
        if (practice) return { type: 'activity.finished', activityId: scenario.id };
        const counted = grade(context.runs, policy.grading)!;
        return {
          type: 'activity.finished',
          activityId: scenario.id,
          score: counted.score,
          passed: counted.passed,
        };
      }),
      restart: assign(() => FRESH),
    },
  });

  // ── the graph, one state per scene and per ending ───────────────────────────────────────
  const predecessors = new Map<string, Set<string>>();
  const targetsOf = (choice: Choice): Target[] => {
    const ids =
      typeof choice.next === 'string' ? [choice.next] : choice.next.map((route) => route.to);
    const targets = ids.map((id): Target =>
      endingIndex.has(id) ? { kind: 'ending', id } : { kind: 'scene', id },
    );
    if (
      scenario.criticalEnding !== undefined &&
      targets.some((target) => target.kind === 'ending')
    ) {
      targets.push({ kind: 'ending', id: scenario.criticalEnding });
    }
    return targets.filter(
      (target, index) =>
        (target.kind === 'scene' ? sceneIndex.has(target.id) : endingIndex.has(target.id)) &&
        targets.findIndex((other) => other.kind === target.kind && other.id === target.id) ===
          index,
    );
  };
  for (const scene of scenario.scenes) {
    for (const choice of scene.choices) {
      for (const target of targetsOf(choice)) {
        if (target.kind !== 'scene') continue;
        const set = predecessors.get(target.id) ?? new Set<string>();
        set.add(scene.id);
        predecessors.set(target.id, set);
      }
    }
  }

  // Plain config objects: their guards and actions are the named ones in setup() above.
  const states: Record<string, object> = {};
  scenario.scenes.forEach((scene, index) => {
    const choiceStates: Record<string, object> = {};
    scene.choices.forEach((choice, choiceIndex) => {
      choiceStates[choiceKey(choiceIndex)] = {
        on: {
          'learner.next': targetsOf(choice).map((target) => ({
            guard: { type: 'leadsTo', params: { key: keyOf(target) } },
            target: `#${keyOf(target)}`,
          })),
          ...(practice ? { 'learner.back': { target: 'choosing', actions: 'stepBack' } } : {}),
        },
      };
    });
    const back = [...(predecessors.get(scene.id) ?? [])].map((sceneId) => ({
      guard: { type: 'cameFrom', params: { sceneId } },
      target: `#${sceneKey(sceneIndex.get(sceneId)!)}`,
      actions: 'stepBack',
    }));
    states[sceneKey(index)] = {
      id: sceneKey(index),
      initial: 'choosing',
      states: {
        choosing: {
          on: {
            'learner.choose': scene.choices.map((choice, choiceIndex) => ({
              guard: { type: 'canChoose', params: { sceneId: scene.id, choiceId: choice.id } },
              target: choiceKey(choiceIndex),
              actions: [
                { type: 'take', params: { sceneId: scene.id, choiceId: choice.id } },
                { type: 'reportChoice', params: { sceneId: scene.id, choiceId: choice.id } },
              ],
            })),
            ...(practice && back.length ? { 'learner.back': back } : {}),
          },
        },
        ...choiceStates,
      },
    };
  });
  scenario.endings.forEach((ending, index) => {
    states[endingKey(index)] = {
      id: endingKey(index),
      entry: [{ type: 'end', params: { endingId: ending.id } }, 'reportEnding', 'tellCourse'],
      on: {
        'learner.restart': {
          guard: 'canRestart',
          target: `#${sceneKey(sceneIndex.get(scenario.start) ?? 0)}`,
          actions: 'restart',
        },
      },
    };
  });

  const start = initialState(scenario);
  // Generated from content, so its states are not known to the type system; the tests walk
  // every state of the shipped scenarios instead.
  return machine.createMachine({
    id: `scenario:${scenario.id}`,
    context: {
      score: start.score,
      flags: start.flags,
      critical: start.critical,
      path: [],
      runs: [],
    },
    initial: sceneKey(sceneIndex.get(scenario.start) ?? 0),
    states: states as Record<string, Record<string, never>>,
  }) as unknown as AnyStateMachine;
}

/** The scene or ending a scenario snapshot is at, by content id. */
export function scenarioPosition(
  scenario: Scenario,
  value: unknown,
):
  | { readonly kind: 'scene' | 'ending'; readonly id: string; readonly choiceId?: string }
  | undefined {
  const key = typeof value === 'string' ? value : Object.keys(value as object)[0];
  const match = /^(scene|ending)-(\d+)$/.exec(key ?? '');
  if (!match) return undefined;
  const index = Number(match[2]);
  if (match[1] === 'ending') {
    const ending = scenario.endings[index];
    return ending && { kind: 'ending', id: ending.id };
  }
  const scene = scenario.scenes[index];
  if (!scene) return undefined;
  const inner = typeof value === 'object' ? (value as Record<string, string>)[key!] : undefined;
  const choice = /^choice-(\d+)$/.exec(inner ?? '');
  const chosen = choice ? scene.choices[Number(choice[1])] : undefined;
  return chosen
    ? { kind: 'scene', id: scene.id, choiceId: chosen.id }
    : { kind: 'scene', id: scene.id };
}
