/**
 * Static analysis of a scenario: every state a learner can reach (scene, flags, score, critical),
 * explored breadth-first from the start with the same rules the machine runs (scenario-rules.ts).
 *
 * A cycle of choices that changes the score would make the state space infinite. Far enough above
 * the highest score any condition compares with, conditions read the same for every score (far
 * enough below the lowest, likewise): "far enough" is a margin of the number of scenes times the
 * largest change one choice makes, so that a run that later loses points still meets the same
 * conditions unless it loses more than that. When a state repeats the scene, flags and critical
 * mark of an earlier state on its own path with a higher score, every score in between beyond
 * that margin, the loop between them can be taken again and again: the score has no limit, and
 * the state is explored with the score +Infinity (−Infinity for a falling score), which the rules
 * read as "more than any threshold". This bounds the search; `maxStates` bounds its size.
 */
import { error, warning, type PathSegment, type Problem } from '../content/problems.ts';
import type { Band, Module, Scenario } from '../content/schema.ts';
import {
  applyChoice,
  bandFor,
  initialState,
  sceneById,
  visibleChoices,
  type ScenarioState,
} from './scenario-rules.ts';

export const MAX_STATES = 200_000;

type Path = readonly PathSegment[];

export interface ScoreRange {
  readonly min: number;
  readonly max: number;
}

export interface ScenarioAnalysis {
  /** False when the search stopped at `maxStates`: what it did not reach may still be reachable. */
  readonly complete: boolean;
  /** States explored, endings included. */
  readonly states: number;
  readonly unreachableScenes: readonly string[];
  readonly unreachableEndings: readonly string[];
  /** Scenes reached in some state where none of their choices is available. */
  readonly deadEnds: readonly string[];
  /** Scenes reached in some state from which only cycles follow: no ending, no dead end. */
  readonly traps: readonly string[];
  /** For each dead end and trap, the choices of one (shortest) way into it. */
  readonly examples: Readonly<Record<string, readonly string[]>>;
  /** Over the final scores of every reachable ending; undefined when no ending is reachable. */
  readonly minScore: number | undefined;
  /** Infinity when `maxUnbounded`. */
  readonly maxScore: number | undefined;
  /** −Infinity when `minUnbounded`. */
  readonly minUnbounded: boolean;
  readonly maxUnbounded: boolean;
  /** Every distinct final score, ascending. */
  readonly scores: readonly number[];
  readonly endingScores: Readonly<Record<string, ScoreRange>>;
  readonly reachableBands: readonly string[];
  readonly unreachableBands: readonly string[];
  /**
   * Distinct choice sequences from the start to an ending. When a cycle lies on a way to an ending
   * there are infinitely many: `paths` is Infinity and `pathsUnbounded` true. Cycles that lead to
   * no ending (traps) are reported as such and do not count.
   */
  readonly paths: number;
  readonly pathsUnbounded: boolean;
  /** The choices of one path to the highest finite final score. */
  readonly bestPath: readonly string[];
}

interface Node {
  readonly state: ScenarioState;
  /** An ending: `state.scene` is the ending id, `state.score` the final score. */
  readonly ending: boolean;
  readonly parent: number;
  readonly via: string;
  /** One entry per available choice; undefined until the node is expanded. */
  edges: number[] | undefined;
}

const abstractKey = (state: ScenarioState) =>
  `${state.scene}\u0000${state.flags.join(',')}\u0000${state.critical ? 1 : 0}`;

/**
 * The scores beyond which (at or above `high`, below `low`) conditions no longer tell scores
 * apart: every score a condition compares with, widened by the margin described above.
 */
function constantRegions(scenario: Scenario): { high: number; low: number } {
  const values: number[] = [];
  let step = 0;
  for (const scene of scenario.scenes) {
    for (const choice of scene.choices) {
      step = Math.max(step, Math.abs(choice.score ?? 0));
      const routes = typeof choice.next === 'string' ? [] : choice.next;
      for (const condition of [choice.when, ...routes.map((route) => route.when)]) {
        if (condition?.scoreAtLeast !== undefined) values.push(condition.scoreAtLeast);
        if (condition?.scoreBelow !== undefined) values.push(condition.scoreBelow);
      }
    }
  }
  // Without thresholds: −Infinity and Infinity, every score is in both regions.
  const margin = scenario.scenes.length * step;
  return { high: Math.max(...values) + margin, low: Math.min(...values) - margin };
}

/** The breadth-first search over states; `run()` once. */
class Explorer {
  readonly nodes: Node[] = [];
  complete = true;
  maxUnbounded = false;
  minUnbounded = false;
  readonly #index = new Map<string, number>();
  // Per scene, flags and critical mark: the lowest score seen at or above `high`, the highest
  // below `low`. A loop can only gain on a state when its earlier visit scored less (more).
  readonly #lowestHigh = new Map<string, number>();
  readonly #highestLow = new Map<string, number>();
  readonly #high: number;
  readonly #low: number;
  /** Steps spent walking back along paths, bounded like the number of states. */
  #work = 0;

  constructor(
    private readonly scenario: Scenario,
    private readonly maxStates: number,
  ) {
    const regions = constantRegions(scenario);
    this.#high = regions.high;
    this.#low = regions.low;
  }

  run(): this {
    this.#add(initialState(this.scenario), false, -1, '');
    for (let head = 0; head < this.nodes.length; head++) {
      const node = this.nodes[head]!;
      if (node.ending) continue;
      if (this.nodes.length >= this.maxStates || this.#work > this.maxStates * 20) {
        this.complete = false;
        break;
      }
      const scene = sceneById(this.scenario, node.state.scene);
      const choices = scene ? visibleChoices(scene, node.state) : [];
      node.edges = choices.map((choice) => {
        const { state, target } = applyChoice(this.scenario, node.state, choice);
        const ending = target.kind === 'ending';
        return this.#add(ending ? { ...state, scene: target.id } : state, ending, head, choice.id);
      });
    }
    return this;
  }

  #add(state: ScenarioState, ending: boolean, parent: number, via: string): number {
    const keyOf = (s: ScenarioState) =>
      ending ? `end\u0000${s.scene}\u0000${s.score}` : `${abstractKey(s)}\u0000${s.score}`;
    const known = this.#index.get(keyOf(state));
    if (known !== undefined) return known;
    const next = ending || !Number.isFinite(state.score) ? state : this.#unlimited(state, parent);
    const key = keyOf(next);
    const same = this.#index.get(key);
    if (same !== undefined) return same;
    if (!ending && Number.isFinite(next.score)) {
      const abstract = abstractKey(next);
      if (next.score >= this.#high) {
        const floor = this.#lowestHigh.get(abstract) ?? Infinity;
        this.#lowestHigh.set(abstract, Math.min(floor, next.score));
      }
      if (next.score < this.#low) {
        const ceiling = this.#highestLow.get(abstract) ?? -Infinity;
        this.#highestLow.set(abstract, Math.max(ceiling, next.score));
      }
    }
    this.nodes.push({ state: next, ending, parent, via, edges: ending ? [] : undefined });
    this.#index.set(key, this.nodes.length - 1);
    return this.nodes.length - 1;
  }

  /** A new state at the end of a loop that can be taken again and again: its score has no limit. */
  #unlimited(state: ScenarioState, parent: number): ScenarioState {
    const key = abstractKey(state);
    const floor = this.#lowestHigh.get(key);
    if (state.score >= this.#high && floor !== undefined && floor < state.score) {
      if (this.#loops(parent, state, true)) {
        this.maxUnbounded = true;
        return { ...state, score: Infinity };
      }
    }
    const ceiling = this.#highestLow.get(key);
    if (state.score < this.#low && ceiling !== undefined && ceiling > state.score) {
      if (this.#loops(parent, state, false)) {
        this.minUnbounded = true;
        return { ...state, score: -Infinity };
      }
    }
    return state;
  }

  /**
   * Whether an earlier state on the path to `state` has the same scene, flags and critical mark
   * and a lower (`up`) or higher score, with every score from there on where conditions no
   * longer tell scores apart: then the loop between them can be repeated without end.
   */
  #loops(from: number, state: ScenarioState, up: boolean): boolean {
    const key = abstractKey(state);
    for (let i = from; i >= 0; i = this.nodes[i]!.parent) {
      this.#work++;
      const { score, scene, flags, critical } = this.nodes[i]!.state;
      if (up ? score < this.#high : score >= this.#low) return false;
      const gains = up ? score < state.score : score > state.score;
      if (gains && abstractKey({ scene, score, flags, critical }) === key) return true;
    }
    return false;
  }
}

/** Nodes from which one of the seeds can be reached (seeds included). */
function coreachable(nodes: readonly Node[], seed: (node: Node) => boolean): boolean[] {
  const reverse = nodes.map((): number[] => []);
  nodes.forEach((node, from) => node.edges?.forEach((to) => reverse[to]!.push(from)));
  const marked = nodes.map(seed);
  const queue = nodes.flatMap((_, i) => (marked[i] ? [i] : []));
  while (queue.length) {
    for (const from of reverse[queue.pop()!]!) {
      if (!marked[from]) {
        marked[from] = true;
        queue.push(from);
      }
    }
  }
  return marked;
}

interface PathCount {
  readonly paths: number;
  readonly unbounded: boolean;
}

/**
 * Counts choice sequences to an ending over the live nodes, depth first without recursion;
 * a cycle among live nodes makes the count infinite.
 */
function countPaths(nodes: readonly Node[], live: readonly boolean[]): PathCount {
  if (!live[0]) return { paths: 0, unbounded: false };
  const count = new Float64Array(nodes.length);
  const colour = new Uint8Array(nodes.length); // 0 unseen, 1 on the stack, 2 counted
  const cursor = new Uint32Array(nodes.length);
  const stack = [0];
  colour[0] = 1;
  while (stack.length) {
    const i = stack.at(-1)!;
    const edges = nodes[i]!.edges ?? [];
    const k = cursor[i]!;
    if (k < edges.length) {
      cursor[i] = k + 1;
      const j = edges[k]!;
      if (live[j] && colour[j] === 1) return { paths: Infinity, unbounded: true };
      if (live[j] && colour[j] === 0) {
        colour[j] = 1;
        stack.push(j);
      }
      continue;
    }
    count[i] = nodes[i]!.ending ? 1 : edges.reduce((sum, j) => sum + (live[j] ? count[j]! : 0), 0);
    colour[i] = 2;
    stack.pop();
  }
  return { paths: count[0]!, unbounded: false };
}

function pathTo(nodes: readonly Node[], i: number): string[] {
  const path: string[] = [];
  for (let at = i; at > 0; at = nodes[at]!.parent) path.push(nodes[at]!.via);
  return path.reverse();
}

export interface AnalysisOptions {
  /** Stop after this many states (endings included); the result is then incomplete. */
  readonly maxStates?: number;
}

export function analyseScenario(
  scenario: Scenario,
  options: AnalysisOptions = {},
): ScenarioAnalysis {
  const { nodes, complete, maxUnbounded, minUnbounded } = new Explorer(
    scenario,
    options.maxStates ?? MAX_STATES,
  ).run();
  const endings = nodes.flatMap((node, i) => (node.ending ? [i] : []));
  const deadEnd = (node: Node) => !node.ending && node.edges?.length === 0;
  const live = coreachable(nodes, (node) => node.ending);
  // Unexplored nodes count as a way out, so an incomplete search reports no false traps.
  const escapes = coreachable(nodes, (node) => node.ending || deadEnd(node) || !node.edges);

  const examples: Record<string, readonly string[]> = {};
  const scenesWhere = (test: (node: Node, i: number) => boolean): string[] => {
    const found = new Set<string>();
    nodes.forEach((node, i) => {
      if (node.ending || !test(node, i) || found.has(node.state.scene)) return;
      found.add(node.state.scene);
      examples[node.state.scene] ??= pathTo(nodes, i);
    });
    return scenario.scenes.map((scene) => scene.id).filter((id) => found.has(id));
  };
  const deadEnds = scenesWhere(deadEnd);
  const traps = scenesWhere((_, i) => !escapes[i]);
  const reachedScenes = new Set(nodes.filter((node) => !node.ending).map((n) => n.state.scene));

  const endingScores: Record<string, ScoreRange> = {};
  for (const i of endings) {
    const { scene: id, score } = nodes[i]!.state;
    const range = endingScores[id];
    endingScores[id] = {
      min: Math.min(range?.min ?? Infinity, score),
      max: Math.max(range?.max ?? -Infinity, score),
    };
  }
  const scores = [...new Set(endings.map((i) => nodes[i]!.state.score))].sort((a, b) => a - b);
  const bands = new Set(scores.map((score) => bandFor(scenario, score)?.id));
  let best: number | undefined;
  for (const i of endings) {
    const score = nodes[i]!.state.score;
    if (Number.isFinite(score) && (best === undefined || score > nodes[best]!.state.score))
      best = i;
  }
  const { paths, unbounded } = countPaths(nodes, live);
  return {
    complete,
    states: nodes.length,
    unreachableScenes: scenario.scenes.map((s) => s.id).filter((id) => !reachedScenes.has(id)),
    unreachableEndings: scenario.endings.map((e) => e.id).filter((id) => !(id in endingScores)),
    deadEnds,
    traps,
    examples,
    minScore: scores[0],
    maxScore: scores.at(-1),
    minUnbounded,
    maxUnbounded,
    scores,
    endingScores,
    reachableBands: (scenario.bands ?? []).map((b) => b.id).filter((id) => bands.has(id)),
    unreachableBands: (scenario.bands ?? []).map((b) => b.id).filter((id) => !bands.has(id)),
    paths,
    pathsUnbounded: unbounded,
    bestPath: best === undefined ? [] : pathTo(nodes, best),
  };
}

// ── the score 100 % stands for ────────────────────────────────────────────────────────────

/**
 * States the engine explores for a scenario's best score when a session starts. A scenario with
 * more combinations than this gets the bound of `scoreBound` instead, at once, rather than
 * holding up the page.
 */
export const ENGINE_MAX_STATES = 25_000;

/**
 * A score no walk through the scenes that visits each scene once can pass: the sum over scenes
 * of their best choice's score (0 when every choice of a scene costs points).
 */
export function scoreBound(scenario: Scenario): number {
  return scenario.scenes.reduce(
    (sum, scene) => sum + Math.max(0, ...scene.choices.map((choice) => choice.score ?? 0)),
    0,
  );
}

const bestScores = new WeakMap<Scenario, number>();

/**
 * What 100 % stands for when a scenario declares no `maxScore`: the best final score over every
 * path, found once per scenario and page; when the scenario has too many combinations of scene,
 * flags and score to explore quickly, `scoreBound` (at least 1 either way). A learner's score is
 * never scaled against less than the best a path can reach, so no weak run counts as 100 %.
 */
export function bestScore(scenario: Scenario): number {
  let best = bestScores.get(scenario);
  if (best === undefined) {
    const analysis = analyseScenario(scenario, { maxStates: ENGINE_MAX_STATES });
    const found = analysis.complete ? analysis.maxScore : scoreBound(scenario);
    best = Math.max(
      1,
      found !== undefined && Number.isFinite(found) ? found : scoreBound(scenario),
    );
    bestScores.set(scenario, best);
  }
  return best;
}

// ── problems for authors ──────────────────────────────────────────────────────────────────

/** With a true minus sign; an unlimited score as ∞. */
const number = (score: number) =>
  (score < 0 ? '−' : '') + (Number.isFinite(score) ? String(Math.abs(score)) : '∞');

function describeScores(analysis: ScenarioAnalysis): string {
  const { scores } = analysis;
  if (scores.length <= 6) return `final scores reachable: ${scores.map(number).join(', ')}`;
  return `final scores reachable: ${number(scores[0]!)} to ${number(scores.at(-1)!)}`;
}

const describePath = (choices: readonly string[] | undefined) =>
  choices?.length
    ? `after the choices ${choices.map((id) => `"${id}"`).join(', ')}`
    : 'at the very start';

function scoreProblems(scenario: Scenario, path: Path, analysis: ScenarioAnalysis): Problem[] {
  const problems: Problem[] = [];
  const { maxScore: best, maxUnbounded, minUnbounded, bestPath } = analysis;
  if (best === undefined) return problems; // no ending is reachable: reported already
  if (maxUnbounded) {
    problems.push(
      warning(
        path,
        'a cycle of choices can raise the score without limit; give it a way out or a condition on the score',
      ),
    );
  }
  if (minUnbounded) {
    problems.push(
      warning(
        path,
        'a cycle of choices can lower the score without limit; give it a way out or a condition on the score',
      ),
    );
  }
  const declared = scenario.maxScore;
  const route = bestPath.length ? ` (${bestPath.join(' → ')})` : '';
  if (declared !== undefined && !maxUnbounded && declared > best) {
    problems.push(
      error(
        [...path, 'maxScore'],
        `maxScore is ${declared} but the best path scores only ${number(best)}${route}, so no learner can reach 100 % and the pass mark may be out of reach`,
      ),
    );
  } else if (declared !== undefined && !maxUnbounded && declared < best) {
    problems.push(
      warning(
        [...path, 'maxScore'],
        `maxScore is ${declared} but a learner can score ${number(best)}${route}; every score above ${declared} counts as 100 %`,
      ),
    );
  }
  const bands = scenario.bands ?? [];
  const top = bands.reduce<Band | undefined>(
    (a, b) => (a && a.minScore >= b.minScore ? a : b),
    undefined,
  );
  bands.forEach((band, index) => {
    if (!analysis.unreachableBands.includes(band.id)) return;
    const at = [...path, 'bands', index];
    if (band === top) {
      problems.push(
        error(
          at,
          `no path reaches the top band "${band.label}" (it needs ${number(band.minScore)}; ${describeScores(analysis)})`,
        ),
      );
    } else {
      problems.push(
        warning(at, `no path reaches the band "${band.label}" (${describeScores(analysis)})`),
      );
    }
  });
  return problems;
}

/** What the analysis of one scenario means for its author, located under `path`. */
export function scenarioProblems(
  scenario: Scenario,
  path: readonly PathSegment[],
  options: AnalysisOptions = {},
): Problem[] {
  const analysis = analyseScenario(scenario, options);
  const problems: Problem[] = [];
  const sceneIndex = new Map(scenario.scenes.map((scene, index) => [scene.id, index]));
  const atScene = (id: string) => [...path, 'scenes', sceneIndex.get(id) ?? 0];
  if (!analysis.complete) {
    problems.push(
      warning(
        path,
        `this scenario has more than ${analysis.states.toLocaleString('en')} combinations of scene, flags and score, too many to check every path: only dead ends found so far are reported`,
      ),
    );
    if (scenario.maxScore === undefined) {
      problems.push(
        warning(
          [...path, 'maxScore'],
          `the best score cannot be worked out for so many combinations: declare maxScore, else 100 % stands for the sum of every scene's best choice, which a learner may not reach`,
        ),
      );
    }
  }
  for (const id of analysis.deadEnds) {
    problems.push(
      error(
        atScene(id),
        `scene "${id}" can be reached with none of its choices available, so the learner is stuck there (for example ${describePath(analysis.examples[id])})`,
      ),
    );
  }
  if (!analysis.complete) return problems;
  for (const id of analysis.unreachableScenes) {
    problems.push(error(atScene(id), `scene "${id}" can never be reached from the start`));
  }
  for (const id of analysis.traps) {
    problems.push(
      error(
        atScene(id),
        `from scene "${id}" no ending can ever be reached: its choices only lead round in circles (for example ${describePath(analysis.examples[id])})`,
      ),
    );
  }
  scenario.endings.forEach((ending, index) => {
    if (analysis.unreachableEndings.includes(ending.id)) {
      problems.push(
        error(
          [...path, 'endings', index],
          `ending "${ending.id}" can never be reached from the start`,
        ),
      );
    }
  });
  return [...problems, ...scoreProblems(scenario, path, analysis)];
}

/** `scenarioProblems` for every scenario in a module, at `activities[index]`. */
export const moduleProblems = (module: Module): Problem[] =>
  module.activities.flatMap((activity, index) =>
    activity.type === 'scenario' ? scenarioProblems(activity, ['activities', index]) : [],
  );
