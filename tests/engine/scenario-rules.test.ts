import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { Choice, Scenario, Scene } from '../../src/content/schema.ts';
import {
  applyChoice,
  bandFor,
  conditionHolds,
  initialState,
  scaledScore,
  sceneById,
  visibleChoices,
  type ScenarioState,
} from '../../src/engine/scenario-rules.ts';

type ChoiceSpec = Omit<Choice, 'text' | 'consequence'>;

const choice = (spec: ChoiceSpec): Choice => ({ text: spec.id, consequence: spec.id, ...spec });

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
      choices: choices.map(choice),
    })),
    endings: ['good', 'mixed', 'harmful'].map((id) => ({
      id,
      title: id,
      outcome: id as 'good' | 'mixed' | 'harmful',
      text: id,
    })),
    ...extra,
  };
}

const state = (score: number, flags: readonly string[] = [], critical = false): ScenarioState => ({
  scene: 's1',
  score,
  flags,
  critical,
});

function sceneOf(subject: Scenario, id: string): Scene {
  const scene = sceneById(subject, id);
  if (!scene) throw new Error(`no scene ${id}`);
  return scene;
}

function choiceOf(subject: Scenario, sceneId: string, id: string): Choice {
  const found = sceneOf(subject, sceneId).choices.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no choice ${id}`);
  return found;
}

describe('scenario rules: conditions', () => {
  it('holds when there is no condition, or an empty one', () => {
    expect(conditionHolds(undefined, state(-5))).to.equal(true);
    expect(conditionHolds({}, state(-5))).to.equal(true);
  });

  it('compares scores: scoreAtLeast includes its bound, scoreBelow excludes it', () => {
    expect(conditionHolds({ scoreAtLeast: 3 }, state(3))).to.equal(true);
    expect(conditionHolds({ scoreAtLeast: 3 }, state(2))).to.equal(false);
    expect(conditionHolds({ scoreBelow: 3 }, state(2))).to.equal(true);
    expect(conditionHolds({ scoreBelow: 3 }, state(3))).to.equal(false);
    expect(conditionHolds({ scoreAtLeast: -1, scoreBelow: 1 }, state(0))).to.equal(true);
    expect(conditionHolds({ scoreAtLeast: -1, scoreBelow: 1 }, state(1))).to.equal(false);
  });

  it('needs every flag in `flags` and none in `notFlags`', () => {
    expect(conditionHolds({ flags: ['a', 'b'] }, state(0, ['a', 'b', 'c']))).to.equal(true);
    expect(conditionHolds({ flags: ['a', 'b'] }, state(0, ['a']))).to.equal(false);
    expect(conditionHolds({ notFlags: ['a', 'b'] }, state(0, ['c']))).to.equal(true);
    expect(conditionHolds({ notFlags: ['a', 'b'] }, state(0, ['b']))).to.equal(false);
  });

  it('needs every part it gives to hold', () => {
    const condition = { scoreAtLeast: 2, flags: ['a'], notFlags: ['b'] };
    expect(conditionHolds(condition, state(2, ['a']))).to.equal(true);
    expect(conditionHolds(condition, state(1, ['a']))).to.equal(false);
    expect(conditionHolds(condition, state(2, []))).to.equal(false);
    expect(conditionHolds(condition, state(2, ['a', 'b']))).to.equal(false);
  });
});

describe('scenario rules: choices', () => {
  const subject = scenario({
    s1: [
      { id: 'always', next: 'good' },
      { id: 'rich', next: 'good', when: { scoreAtLeast: 2 } },
      { id: 'poor', next: 'good', when: { scoreBelow: 2 } },
      { id: 'noted', next: 'good', when: { flags: ['noted'] } },
    ],
  });
  const ids = (current: ScenarioState) =>
    visibleChoices(sceneOf(subject, 's1'), current).map((shown) => shown.id);

  it('shows the choices whose condition holds, in their order', () => {
    expect(ids(state(0))).to.deep.equal(['always', 'poor']);
    expect(ids(state(2))).to.deep.equal(['always', 'rich']);
    expect(ids(state(5, ['noted']))).to.deep.equal(['always', 'rich', 'noted']);
  });

  it('starts at the start scene with no score, no flags and no critical choice', () => {
    expect(initialState(subject)).to.deep.equal({
      scene: 's1',
      score: 0,
      flags: [],
      critical: false,
    });
  });
});

describe('scenario rules: applyChoice', () => {
  const subject = scenario(
    {
      s1: [
        {
          id: 'gain',
          score: 3,
          setFlags: ['b', 'a'],
          next: [{ when: { scoreAtLeast: 3 }, to: 's2' }, { to: 'mixed' }],
        },
        { id: 'careless', score: -1, critical: true, next: 's2' },
        { id: 'plain', next: 's2' },
      ],
      s2: [
        { id: 'clear', clearFlags: ['a', 'absent'], setFlags: ['a', 'c'], next: 's3' },
        { id: 'finish', score: 2, next: 'good' },
        {
          id: 'route',
          next: [
            { when: { flags: ['a'] }, to: 'good' },
            { when: { scoreBelow: 0 }, to: 'harmful' },
            { to: 'mixed' },
          ],
        },
      ],
      s3: [
        { id: 'bonus', score: 1, when: { scoreAtLeast: 4 }, next: 'good' },
        { id: 'end', next: 'mixed' },
      ],
    },
    { criticalEnding: 'harmful' },
  );
  const take = (current: ScenarioState, id: string) =>
    applyChoice(subject, current, choiceOf(subject, current.scene, id));

  it('adds the score and the flags before reading the routes', () => {
    const step = take(initialState(subject), 'gain');
    expect(step.target).to.deep.equal({ kind: 'scene', id: 's2' });
    expect(step.state).to.deep.equal({ scene: 's2', score: 3, flags: ['a', 'b'], critical: false });
  });

  it('takes the first route whose condition holds, the last one otherwise', () => {
    const noted = take(initialState(subject), 'gain').state;
    expect(take(noted, 'route').target).to.deep.equal({ kind: 'ending', id: 'good' });
    const plain = take(initialState(subject), 'plain').state;
    expect(take(plain, 'route').target).to.deep.equal({ kind: 'ending', id: 'mixed' });
    const below = { ...plain, score: -1 };
    expect(take(below, 'route').target).to.deep.equal({ kind: 'ending', id: 'harmful' });
  });

  it('sets flags, then clears them, keeping them sorted and unique', () => {
    const step = take({ ...state(0, ['a', 'b']), scene: 's2' }, 'clear');
    expect(step.state.flags).to.deep.equal(['b', 'c']);
  });

  it('ends a run with a critical choice in the critical ending, whatever ending follows', () => {
    const after = take(initialState(subject), 'careless');
    expect(after.target).to.deep.equal({ kind: 'scene', id: 's2' });
    expect(after.state.critical).to.equal(true);
    expect(after.state.score).to.equal(-1);
    for (const id of ['finish', 'route']) {
      const end = take(after.state, id);
      expect(end.target, id).to.deep.equal({ kind: 'ending', id: 'harmful' });
    }
    expect(take(after.state, 'finish').state).to.include({ score: 1, critical: true });
  });

  it('keeps the ending it reaches when the scenario names no critical ending', () => {
    const lenient = scenario({ s1: [{ id: 'careless', critical: true, next: 'good' }] });
    const careless = choiceOf(lenient, 's1', 'careless');
    expect(applyChoice(lenient, initialState(lenient), careless).target.id).to.equal('good');
  });

  it('shows a choice gated on the score only once the score is reached', () => {
    const visible = (current: ScenarioState) =>
      visibleChoices(sceneOf(subject, 's3'), current).map((shown) => shown.id);
    const low = take({ ...state(0), scene: 's2' }, 'clear').state;
    expect(visible(low)).to.deep.equal(['end']);
    const high = take({ ...state(4), scene: 's2' }, 'clear').state;
    expect(visible(high)).to.deep.equal(['bonus', 'end']);
    expect(take(high, 'bonus').state.score).to.equal(5);
  });

  it('keeps the score a sum of choice scores and the flags sorted and unique on any run', () => {
    const flagList = fc.uniqueArray(fc.constantFrom('a', 'b', 'c'), { minLength: 1 });
    const move = fc.record(
      {
        score: fc.integer({ min: -3, max: 3 }),
        setFlags: flagList,
        clearFlags: flagList,
        critical: fc.boolean(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.array(move, { maxLength: 12 }), (moves) => {
        let current = initialState(subject);
        const flags = new Set<string>();
        for (const [index, spec] of moves.entries()) {
          const step = applyChoice(
            subject,
            current,
            choice({ id: `m${index}`, next: 's1', ...spec }),
          );
          spec.setFlags?.forEach((flag) => flags.add(flag));
          spec.clearFlags?.forEach((flag) => flags.delete(flag));
          current = step.state;
          expect(current.flags).to.deep.equal([...flags].sort());
        }
        const sum = moves.reduce((total, spec) => total + (spec.score ?? 0), 0);
        expect(current.score).to.equal(sum);
        expect(current.critical).to.equal(moves.some((spec) => spec.critical === true));
      }),
    );
  });
});

describe('scenario rules: bands and scaled scores', () => {
  const subject = scenario(
    { s1: [{ id: 'c', next: 'good' }] },
    {
      maxScore: 10,
      bands: [
        { id: 'mid', label: 'Incomplete', minScore: 3 },
        { id: 'low', label: 'Harmful', minScore: -5 },
        { id: 'top', label: 'Protective', minScore: 8 },
      ],
    },
  );

  it('finds the band with the highest minimum at or below the score, in any order', () => {
    expect(bandFor(subject, 10)?.id).to.equal('top');
    expect(bandFor(subject, 8)?.id).to.equal('top');
    expect(bandFor(subject, 7)?.id).to.equal('mid');
    expect(bandFor(subject, 3)?.id).to.equal('mid');
    expect(bandFor(subject, 2)?.id).to.equal('low');
    expect(bandFor(subject, -5)?.id).to.equal('low');
    expect(bandFor(subject, -6)).to.equal(undefined);
  });

  it('finds no band when the scenario has none', () => {
    expect(bandFor(scenario({ s1: [{ id: 'c', next: 'good' }] }), 3)).to.equal(undefined);
  });

  it('scales a score to [0, 1], counting a negative score as 0', () => {
    expect(scaledScore(subject, 5, 10)).to.equal(0.5);
    expect(scaledScore(subject, -4, 10)).to.equal(0);
    expect(scaledScore(subject, 12, 10)).to.equal(1);
    expect(scaledScore(subject, 0, 10)).to.equal(0);
    expect(scaledScore(subject, 3, 4)).to.equal(0.75);
  });

  it("uses the scenario's maxScore unless told another, and 0 without a positive one", () => {
    expect(scaledScore(subject, 4)).to.equal(0.4);
    expect(scaledScore(scenario({ s1: [{ id: 'c', next: 'good' }] }), 4)).to.equal(0);
    expect(scaledScore(subject, 4, 0)).to.equal(0);
  });
});
