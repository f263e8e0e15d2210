import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { validateModule } from '../../src/content/loader.ts';
import type { Problem } from '../../src/content/problems.ts';
import type { Choice, Condition, Module, Route, Scenario } from '../../src/content/schema.ts';
import type { Fact } from '../../src/engine/events.ts';
import { createSession } from '../../src/engine/session.ts';
import { SimulatedClock } from 'xstate';
import { bigModule, CHOICES, SCENARIO_ID } from '../helpers/big-module.ts';
import {
  analyseScenario,
  bestScore,
  ENGINE_MAX_STATES,
  moduleProblems,
  scenarioProblems,
  scoreBound,
} from '../../src/engine/scenario-graph.ts';
import { fixtureJson } from '../helpers/fixtures.ts';

type ChoiceSpec = Omit<Choice, 'text' | 'consequence'>;

function scenario(
  scenes: Record<string, readonly ChoiceSpec[]>,
  extra: Partial<Omit<Scenario, 'scenes'>> = {},
): Scenario {
  return {
    type: 'scenario',
    id: 'sc',
    title: 'A scenario',
    mode: 'assessment',
    start: Object.keys(scenes)[0]!,
    scenes: Object.entries(scenes).map(([id, choices]) => ({
      id,
      text: id,
      choices: choices.map((spec) => ({ text: spec.id, consequence: spec.id, ...spec })),
    })),
    endings: ['good', 'bad'].map((id) => ({ id, title: id, outcome: 'good', text: id })),
    ...extra,
  };
}

const onlyGood: Pick<Scenario, 'endings'> = {
  endings: [{ id: 'good', title: 'good', outcome: 'good', text: 'good' }],
};
const problemsOf = (subject: Scenario) => scenarioProblems(subject, ['activities', 2]);
const errors = (problems: readonly Problem[]) => problems.filter((p) => p.severity === 'error');
const warnings = (problems: readonly Problem[]) => problems.filter((p) => p.severity === 'warning');

describe('scenario graph: problems', () => {
  it('finds a scene that can never be reached', () => {
    const subject = scenario({
      s1: [{ id: 'a', next: 'good' }],
      s2: [{ id: 'b', next: 'bad' }],
    });
    const analysis = analyseScenario(subject);
    expect(analysis.unreachableScenes).to.deep.equal(['s2']);
    expect(analysis.unreachableEndings).to.deep.equal(['bad']);
    expect(problemsOf(subject)).to.deep.equal([
      {
        path: 'activities[2].scenes[1]',
        message: 'scene "s2" can never be reached from the start',
        severity: 'error',
      },
      {
        path: 'activities[2].endings[1]',
        message: 'ending "bad" can never be reached from the start',
        severity: 'error',
      },
    ]);
  });

  it('finds a dead end: a scene reached with none of its choices available', () => {
    const subject = scenario({
      s1: [
        { id: 'note', setFlags: ['x'], next: 's2' },
        { id: 'skip', next: 's2' },
      ],
      s2: [
        { id: 'only-unnoted', when: { notFlags: ['x'] }, next: 'good' },
        { id: 'rich', when: { scoreAtLeast: 1 }, next: 'bad' },
      ],
    });
    const analysis = analyseScenario(subject);
    expect(analysis.deadEnds).to.deep.equal(['s2']);
    expect(analysis.traps).to.deep.equal([]);
    expect(analysis.examples['s2']).to.deep.equal(['note']);
    expect(analysis.paths).to.equal(1);
    const [problem] = errors(problemsOf(subject));
    expect(problem?.path).to.equal('activities[2].scenes[1]');
    expect(problem?.message).to.equal(
      'scene "s2" can be reached with none of its choices available, so the learner is stuck there (for example after the choices "note")',
    );
  });

  it('finds a trap: a cycle with no way out', () => {
    const subject = scenario({
      s1: [
        { id: 'leave', next: 'good' },
        { id: 'enter', next: 's2' },
      ],
      s2: [{ id: 'on', next: 's3' }],
      s3: [
        { id: 'back', next: 's2' },
        { id: 'again', score: 0, next: 's3' },
      ],
    });
    const analysis = analyseScenario(subject);
    expect(analysis.traps).to.deep.equal(['s2', 's3']);
    expect(analysis.deadEnds).to.deep.equal([]);
    expect(analysis.paths).to.equal(1);
    expect(analysis.pathsUnbounded).to.equal(false);
    const found = errors(problemsOf(subject));
    expect(found.map((p) => p.path)).to.deep.equal([
      'activities[2].scenes[1]',
      'activities[2].scenes[2]',
      'activities[2].endings[1]',
    ]);
    expect(found[0]?.message).to.equal(
      'from scene "s2" no ending can ever be reached: its choices only lead round in circles (for example after the choices "enter")',
    );
  });

  it('finds an ending that no route can lead to, given the scores', () => {
    const subject = scenario({
      s1: [
        {
          id: 'a',
          score: 1,
          next: [{ when: { scoreAtLeast: 5 }, to: 'bad' }, { to: 'good' }],
        },
      ],
    });
    expect(analyseScenario(subject).unreachableEndings).to.deep.equal(['bad']);
    expect(errors(problemsOf(subject))).to.deep.equal([
      {
        path: 'activities[2].endings[1]',
        message: 'ending "bad" can never be reached from the start',
        severity: 'error',
      },
    ]);
  });

  it('finds that a critical choice makes every other ending unreachable', () => {
    const subject = scenario(
      { s1: [{ id: 'rash', critical: true, score: 2, next: 'good' }] },
      { criticalEnding: 'bad' },
    );
    const analysis = analyseScenario(subject);
    expect(analysis.unreachableEndings).to.deep.equal(['good']);
    expect(analysis.endingScores).to.deep.equal({ bad: { min: 2, max: 2 } });
  });

  const banded = (bands: Scenario['bands'], maxScore?: number) =>
    scenario(
      {
        s1: [
          { id: 'careful', score: 3, next: 's2' },
          { id: 'hasty', next: 's2' },
        ],
        s2: [
          { id: 'finish', next: 'good' },
          { id: 'slip', score: -2, next: 'bad' },
        ],
      },
      { ...(bands ? { bands } : {}), ...(maxScore === undefined ? {} : { maxScore }) },
    );

  it('warns of a band no path reaches, and says which scores are reachable', () => {
    const subject = banded([
      { id: 'top', label: 'Expert', minScore: 3 },
      { id: 'mid', label: 'Competent', minScore: 2 },
      { id: 'low', label: 'Novice', minScore: -5 },
    ]);
    const analysis = analyseScenario(subject);
    expect(analysis.scores).to.deep.equal([-2, 0, 1, 3]);
    expect(analysis.reachableBands).to.deep.equal(['top', 'low']);
    expect(analysis.unreachableBands).to.deep.equal(['mid']);
    expect(problemsOf(subject)).to.deep.equal([
      {
        path: 'activities[2].bands[1]',
        message: 'no path reaches the band "Competent" (final scores reachable: −2, 0, 1, 3)',
        severity: 'warning',
      },
    ]);
  });

  it('reports as an error a top band that even the best path misses', () => {
    const subject = banded([
      { id: 'low', label: 'Novice', minScore: 0 },
      { id: 'top', label: 'Expert', minScore: 4 },
    ]);
    expect(problemsOf(subject)).to.deep.equal([
      {
        path: 'activities[2].bands[1]',
        message:
          'no path reaches the top band "Expert" (it needs 4; final scores reachable: −2, 0, 1, 3)',
        severity: 'error',
      },
    ]);
  });

  it('reports a declared maxScore above the best score as an error, below it as a warning', () => {
    expect(analyseScenario(banded(undefined)).bestPath).to.deep.equal(['careful', 'finish']);
    expect(problemsOf(banded(undefined, 3))).to.deep.equal([]);
    expect(problemsOf(banded(undefined, 5))).to.deep.equal([
      {
        path: 'activities[2].maxScore',
        message:
          'maxScore is 5 but the best path scores only 3 (careful → finish), so no learner can reach 100 % and the pass mark may be out of reach',
        severity: 'error',
      },
    ]);
    expect(problemsOf(banded(undefined, 2))).to.deep.equal([
      {
        path: 'activities[2].maxScore',
        message:
          'maxScore is 2 but a learner can score 3 (careful → finish); every score above 2 counts as 100 %',
        severity: 'warning',
      },
    ]);
  });

  it('warns of a cycle that raises the score without limit', () => {
    const subject = scenario(
      {
        s1: [
          { id: 'again', score: 1, next: 's2' },
          { id: 'stop', next: 'good' },
        ],
        s2: [{ id: 'back', next: 's1' }],
      },
      { ...onlyGood, maxScore: 10, bands: [{ id: 'top', label: 'Expert', minScore: 900 }] },
    );
    const analysis = analyseScenario(subject);
    expect(analysis).to.include({
      maxUnbounded: true,
      minUnbounded: false,
      minScore: 0,
      maxScore: Infinity,
      pathsUnbounded: true,
      paths: Infinity,
      complete: true,
    });
    expect(analysis.reachableBands).to.deep.equal(['top']);
    expect(problemsOf(subject)).to.deep.equal([
      {
        path: 'activities[2]',
        message:
          'a cycle of choices can raise the score without limit; give it a way out or a condition on the score',
        severity: 'warning',
      },
    ]);
  });

  it('finds a score-raising cycle past the conditions on the score', () => {
    const subject = scenario({
      s1: [
        { id: 'again', score: 1, next: 's1' },
        { id: 'stop', next: [{ when: { scoreAtLeast: 3 }, to: 'good' }, { to: 'bad' }] },
      ],
    });
    const analysis = analyseScenario(subject);
    expect(analysis).to.include({ maxUnbounded: true, minScore: 0, maxScore: Infinity });
    expect(analysis.endingScores['bad']).to.deep.equal({ min: 0, max: 2 });
    expect(analysis.endingScores['good']).to.deep.equal({ min: 3, max: Infinity });
  });

  it('still finds what a run reaches by losing points after going round such a cycle', () => {
    // Only a score of 15 or 16 before the drop lands in the window that leads to "good".
    const subject = scenario({
      s1: [
        { id: 'again', score: 1, next: 's1' },
        { id: 'drop', score: -10, next: 's2' },
      ],
      s2: [
        {
          id: 'end',
          next: [{ when: { scoreAtLeast: 5, scoreBelow: 7 }, to: 'good' }, { to: 'bad' }],
        },
      ],
    });
    const analysis = analyseScenario(subject);
    expect(analysis.maxUnbounded).to.equal(true);
    expect(analysis.unreachableEndings).to.deep.equal([]);
    expect(analysis.endingScores['good']).to.deep.equal({ min: 5, max: 6 });
  });

  it('finds a cycle that lowers the score without limit', () => {
    const subject = scenario({
      s1: [
        { id: 'worse', score: -2, next: 's1' },
        { id: 'stop', next: 'good' },
      ],
    });
    const analysis = analyseScenario(subject);
    expect(analysis).to.include({ minUnbounded: true, minScore: -Infinity, maxScore: 0 });
    expect(warnings(problemsOf(subject)).map((p) => p.message)).to.deep.equal([
      'a cycle of choices can lower the score without limit; give it a way out or a condition on the score',
    ]);
  });

  it('counts a score-raising cycle that a condition closes as bounded', () => {
    const subject = scenario(
      {
        s1: [
          { id: 'again', score: 2, when: { scoreBelow: 5 }, next: 's1' },
          { id: 'stop', next: 'good' },
        ],
      },
      onlyGood,
    );
    const analysis = analyseScenario(subject);
    expect(analysis).to.include({ maxUnbounded: false, maxScore: 6, paths: 4 });
    expect(analysis.scores).to.deep.equal([0, 2, 4, 6]);
    expect(analysis.bestPath).to.deep.equal(['again', 'again', 'again', 'stop']);
    expect(problemsOf(subject)).to.deep.equal([]);
  });

  it('counts paths as unbounded when a cycle that keeps the score has a way out', () => {
    const subject = scenario(
      {
        s1: [
          { id: 'ask', next: 's2' },
          { id: 'stop', next: 'good' },
        ],
        s2: [{ id: 'back', next: 's1' }],
      },
      onlyGood,
    );
    const analysis = analyseScenario(subject);
    expect(analysis).to.include({ pathsUnbounded: true, maxUnbounded: false, maxScore: 0 });
    expect(analysis.traps).to.deep.equal([]);
    expect(problemsOf(subject)).to.deep.equal([]);
  });

  it('stops at a bound on states and says the check is incomplete', () => {
    const flags = ['a', 'b', 'c', 'd', 'e', 'f'];
    const subject = scenario({
      s1: [
        ...flags.map((flag) => ({ id: `set-${flag}`, setFlags: [flag], score: 1, next: 's1' })),
        { id: 'stop', next: 'good' },
      ],
      s2: [{ id: 'lost', next: 'bad' }],
    });
    expect(analyseScenario(subject).complete).to.equal(true);
    const partial = analyseScenario(subject, { maxStates: 20 });
    expect(partial.complete).to.equal(false);
    const problems = scenarioProblems(subject, ['activities', 0], { maxStates: 20 });
    expect(errors(problems)).to.deep.equal([]);
    expect(warnings(problems)[0]?.message).to.match(/too many to check every path/);
  });
});

// ── the analysis against a brute-force walk of every path ───────────────────────────────────

const FLAGS = ['a', 'b'];
const ENDINGS = ['good', 'bad', 'harm'];

const flagList = fc.subarray(FLAGS, { minLength: 1 });
const condition: fc.Arbitrary<Condition> = fc.record(
  {
    scoreAtLeast: fc.integer({ min: -4, max: 4 }),
    scoreBelow: fc.integer({ min: -4, max: 4 }),
    flags: flagList,
    notFlags: flagList,
  },
  { requiredKeys: [] },
);

/** Forward only unless `cyclic`: a scene targets a later scene or an ending, so every run ends. */
function target(index: number, count: number, cyclic: boolean): fc.Arbitrary<string> {
  const endings = fc.constantFrom(...ENDINGS);
  const first = cyclic ? 0 : index + 1;
  if (first >= count) return endings;
  return fc.oneof(
    fc.integer({ min: first, max: count - 1 }).map((j) => `s${j}`),
    endings,
  );
}

function choices(index: number, count: number, cyclic: boolean): fc.Arbitrary<ChoiceSpec[]> {
  const routes = fc
    .tuple(
      fc.array(fc.record({ when: condition, to: target(index, count, cyclic) }), { maxLength: 2 }),
      target(index, count, cyclic),
    )
    .map(([conditional, last]): Route[] => [...conditional, { to: last }]);
  const choice = fc
    .tuple(
      fc.record(
        {
          score: fc.integer({ min: -3, max: 3 }),
          setFlags: flagList,
          clearFlags: flagList,
          critical: fc.boolean(),
        },
        { requiredKeys: [] },
      ),
      // Rarer than the rest, so that most runs reach an ending.
      fc.oneof(
        { weight: 3, arbitrary: fc.constant({}) },
        { weight: 1, arbitrary: fc.record({ when: condition }) },
      ),
    )
    .map(([spec, when]) => ({ ...spec, ...when }));
  return fc
    .array(fc.tuple(choice, fc.oneof(target(index, count, cyclic), routes)), {
      minLength: 1,
      maxLength: 3,
    })
    .map((list) => list.map(([spec, next], k) => ({ ...spec, id: `c${index}-${k}`, next })));
}

const randomScenario = (cyclic: boolean): fc.Arbitrary<Scenario> =>
  fc
    .integer({ min: 3, max: 7 })
    .chain((count) =>
      fc.tuple(...Array.from({ length: count }, (_, i) => choices(i, count, cyclic))),
    )
    .map((scenes) =>
      scenario(Object.fromEntries(scenes.map((list, i) => [`s${i}`, list])), {
        endings: ENDINGS.map((id) => ({ id, title: id, outcome: 'mixed', text: id })),
        criticalEnding: 'harm',
      }),
    );

interface Run {
  readonly choices: readonly string[];
  readonly ending: string;
  readonly score: number;
}

/**
 * Every run of at most `depth` choices, by walking every choice; written apart from the engine's
 * rules on purpose.
 */
function allRuns(
  subject: Scenario,
  depth = Infinity,
): { runs: Run[]; scenes: Set<string>; stuck: Set<string> } {
  const runs: Run[] = [];
  const scenes = new Set<string>();
  const stuck = new Set<string>();
  const holds = (when: Condition | undefined, score: number, flags: ReadonlySet<string>) =>
    (when?.scoreAtLeast === undefined || score >= when.scoreAtLeast) &&
    (when?.scoreBelow === undefined || score < when.scoreBelow) &&
    (when?.flags ?? []).every((flag) => flags.has(flag)) &&
    !(when?.notFlags ?? []).some((flag) => flags.has(flag));
  const walk = (
    id: string,
    score: number,
    flags: ReadonlySet<string>,
    critical: boolean,
    taken: string[],
  ): void => {
    scenes.add(id);
    const scene = subject.scenes.find((candidate) => candidate.id === id)!;
    const open = scene.choices.filter((choice) => holds(choice.when, score, flags));
    if (!open.length) stuck.add(id);
    for (const choice of open) {
      const after = score + (choice.score ?? 0);
      const set = new Set(flags);
      choice.setFlags?.forEach((flag) => set.add(flag));
      choice.clearFlags?.forEach((flag) => set.delete(flag));
      const marked = critical || choice.critical === true;
      const to =
        typeof choice.next === 'string'
          ? choice.next
          : choice.next.find((route) => holds(route.when, after, set))!.to;
      const path = [...taken, choice.id];
      if (ENDINGS.includes(to)) {
        runs.push({ choices: path, ending: marked ? 'harm' : to, score: after });
      } else if (path.length < depth) {
        walk(to, after, set, marked, path);
      }
    }
  };
  walk(subject.start, 0, new Set(), false, []);
  return { runs, scenes, stuck };
}

describe('scenario graph: against every path', () => {
  it('agrees with a brute-force walk on random acyclic scenarios', () => {
    fc.assert(
      fc.property(randomScenario(false), (subject) => {
        const { runs, scenes, stuck } = allRuns(subject);
        const analysis = analyseScenario(subject);
        const scores = runs.map((run) => run.score);
        expect(analysis.complete).to.equal(true);
        expect(analysis.paths).to.equal(runs.length);
        expect(analysis.pathsUnbounded).to.equal(false);
        expect(analysis.minScore).to.equal(runs.length ? Math.min(...scores) : undefined);
        expect(analysis.maxScore).to.equal(runs.length ? Math.max(...scores) : undefined);
        expect(analysis.maxUnbounded || analysis.minUnbounded).to.equal(false);
        expect(analysis.unreachableScenes).to.deep.equal(
          subject.scenes.map((scene) => scene.id).filter((id) => !scenes.has(id)),
        );
        expect(analysis.unreachableEndings).to.deep.equal(
          ENDINGS.filter((id) => !runs.some((run) => run.ending === id)),
        );
        expect([...analysis.deadEnds].sort()).to.deep.equal([...stuck].sort());
        expect(analysis.traps).to.deep.equal([]);
        const endingScores: Record<string, { min: number; max: number }> = {};
        for (const { ending, score } of runs) {
          const range = endingScores[ending] ?? { min: score, max: score };
          endingScores[ending] = {
            min: Math.min(range.min, score),
            max: Math.max(range.max, score),
          };
        }
        expect(analysis.endingScores).to.deep.equal(endingScores);
        if (runs.length) {
          const best = runs.find((run) => run.choices.join() === analysis.bestPath.join());
          expect(best?.score, 'the best path is a run with the best score').to.equal(
            analysis.maxScore,
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it('claims nothing unreachable that a run reaches, on random scenarios with cycles', () => {
    fc.assert(
      fc.property(randomScenario(true), (subject) => {
        const analysis = analyseScenario(subject);
        expect(analysis.complete).to.equal(true);
        const { runs, scenes } = allRuns(subject, 7);
        for (const id of scenes) expect(analysis.unreachableScenes).not.to.include(id);
        for (const run of runs) {
          expect(analysis.unreachableEndings).not.to.include(run.ending);
          expect(run.score).to.be.within(analysis.minScore!, analysis.maxScore!);
        }
        if (analysis.paths > 0 && !analysis.pathsUnbounded) {
          expect(runs.length).to.be.at.most(analysis.paths);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('scenario graph: modules', () => {
  it('finds no problem in the showcase module', async () => {
    const result = validateModule(await fixtureJson('modules/showcase/module.json'));
    expect(result.ok).to.equal(true);
    if (!result.ok) return;
    expect(moduleProblems(result.module)).to.deep.equal([]);
    const scenarioActivity = result.module.activities.find((a) => a.type === 'scenario');
    if (scenarioActivity?.type !== 'scenario') throw new Error('the showcase has a scenario');
    const analysis = analyseScenario(scenarioActivity);
    expect(analysis.maxScore).to.equal(scenarioActivity.maxScore);
    expect(analysis.unreachableBands).to.deep.equal([]);
  });
});

// ── the score 100 % stands for ──────────────────────────────────────────────────────────────

describe('the score a scenario without maxScore is scaled against', () => {
  function generated(scenes: number): { module: Module; scenario: Scenario } {
    const result = validateModule(bigModule({ scenes }));
    if (!result.ok) throw new Error(JSON.stringify(result.errors.slice(0, 3)));
    const scenario = result.module.activities.find((a): a is Scenario => a.type === 'scenario')!;
    return { module: result.module, scenario };
  }

  /** Walks every scene taking `choose(scene index)` and returns the ending's fact. */
  function walk(module: Module, scenes: number, choose: (index: number) => string) {
    const session = createSession(module, { clock: new SimulatedClock(), newSeed: () => 7919 });
    const facts: Fact[] = [];
    session.onFact((fact) => facts.push(fact));
    session.open(SCENARIO_ID);
    for (let index = 0; index < scenes; index++) {
      session.sendTo(SCENARIO_ID, { type: 'learner.choose', choiceId: choose(index) });
      session.sendTo(SCENARIO_ID, { type: 'learner.next' });
    }
    session.stop();
    const ended = facts.find((fact) => fact.type === 'scenario.ended');
    if (ended?.type !== 'scenario.ended') throw new Error('the scenario did not end');
    return ended;
  }

  it('is the best path’s score when every combination can be explored', () => {
    const { module, scenario } = generated(1_000);
    expect(scenario.maxScore).to.equal(undefined);
    expect(bestScore(scenario)).to.equal(analyseScenario(scenario).maxScore);
    expect(walk(module, 1_000, () => CHOICES.steady).score).to.deep.include({ raw: 10, max: 12 });
  });

  it('is a bound no path can pass when there are too many combinations: a weak run is not 100 %', function () {
    this.timeout(60_000);
    const { module, scenario } = generated(5_000);
    expect(analyseScenario(scenario, { maxStates: ENGINE_MAX_STATES }).complete).to.equal(false);
    expect(bestScore(scenario)).to.equal(scoreBound(scenario));
    // One point in the first scene, then nothing: far from the best a path can score.
    const ended = walk(module, 5_000, (index) => (index === 0 ? CHOICES.steady : CHOICES.hasty));
    expect(ended.score.raw).to.equal(1);
    expect(ended.score.max).to.be.at.least(analyseScenario(generated(1_000).scenario).maxScore!);
    expect(ended.score.scaled).to.be.below(0.1);
  });

  it('tells the author to declare maxScore when the best score cannot be worked out', () => {
    const { scenario } = generated(5_000);
    const problems = scenarioProblems(scenario, ['activities', 0], {
      maxStates: ENGINE_MAX_STATES,
    });
    expect(problems.map((problem) => `${problem.path}: ${problem.message}`)).to.include(
      "activities[0].maxScore: the best score cannot be worked out for so many combinations: declare maxScore, else 100 % stands for the sum of every scene's best choice, which a learner may not reach",
    );
  });
});
