/**
 * A seeded synthetic dataset for the dashboard's demo, tests and benchmarks: L learners taking
 * one quiz of N single-choice items (and optionally a scenario), with answers drawn from a
 * two-parameter logistic model — each learner has an ability, each item a difficulty and a
 * discrimination — so that the statistics have something to find: easy and hard items, a few
 * items that stronger learners get wrong more often, distractors of unequal pull.
 */
import type { Activity, Module } from '../content/schema.ts';
import { createRandom, type Random } from '../engine/random.ts';
import type { AttemptRecord, DecisionRecord, ItemResponseRecord } from '../storage/records.ts';
import type { Dataset, GeneratorOptions } from './types.ts';

const MODULE_ID = 'synthetic';
const VERSION = '1.0.0';
const PASS_MARK = 60;
const DEFAULT_START = Date.UTC(2026, 0, 1);
const POLICY: AttemptRecord['policy'] = {
  passMark: PASS_MARK,
  attempts: 0,
  grading: 'best',
  feedback: 'immediate',
  timeLimit: null,
  itemAttempts: 1,
};

/** Standard normal by Box–Muller. */
const normal = (random: Random): number =>
  Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

interface ItemModel {
  readonly difficulty: number;
  readonly discrimination: number;
}

function buildModule(items: number, scenes: number): Module {
  const quiz: Activity = {
    type: 'quiz',
    id: 'quiz',
    title: 'Synthetic quiz',
    items: Array.from({ length: items }, (_, i) => ({
      type: 'single' as const,
      id: `item-${i + 1}`,
      prompt: `Question ${i + 1}`,
      rationale: 'Synthetic item.',
      tags: [`concept:c${(i % 5) + 1}`, `indicator:i${(i % 7) + 1}`],
      options: ['a', 'b', 'c', 'd'].map((id) => ({
        id,
        text: `Option ${id.toUpperCase()}`,
        ...(id === 'a' ? { correct: true } : {}),
      })),
    })),
  };
  const scenario: Activity = {
    type: 'scenario',
    id: 'scenario',
    title: 'Synthetic scenario',
    mode: 'assessment',
    start: 'scene-1',
    scenes: Array.from({ length: scenes }, (_, k) => {
      const next = k + 1 < scenes ? `scene-${k + 2}` : 'end-good';
      return {
        id: `scene-${k + 1}`,
        title: `Scene ${k + 1}`,
        text: `Scene ${k + 1}.`,
        choices: [
          { id: `s${k + 1}-good`, text: 'The right call', next, score: 2, consequence: 'Good.' },
          { id: `s${k + 1}-weak`, text: 'A weak call', next, score: 0, consequence: 'Weak.' },
          {
            id: `s${k + 1}-harm`,
            text: 'A harmful call',
            next,
            score: -1,
            critical: true,
            consequence: 'Harmful.',
            tags: [`indicator:i${(k % 7) + 1}`],
          },
        ],
      };
    }),
    endings: [
      { id: 'end-good', title: 'Referred', outcome: 'good', text: 'Good.' },
      { id: 'end-mixed', title: 'Partly handled', outcome: 'mixed', text: 'Mixed.' },
      { id: 'end-harm', title: 'Harm done', outcome: 'harmful', text: 'Harmful.' },
    ],
  };
  return {
    schemaVersion: 1,
    id: MODULE_ID,
    version: VERSION,
    language: 'en',
    title: 'Synthetic module',
    summary: 'Generated data for demonstrations and measurements.',
    objectives: [{ id: 'objective', text: 'Answer the questions.' }],
    estimatedMinutes: 30,
    assessment: { passMark: PASS_MARK },
    activities: scenes > 0 ? [quiz, scenario] : [quiz],
  };
}

const where = (learnerId: string, runId: string) => ({
  learnerId,
  moduleId: MODULE_ID,
  version: VERSION,
  runId,
});

function quizAttempt(
  random: Random,
  models: readonly ItemModel[],
  ability: number,
  learnerId: string,
  attempt: number,
  startedAt: number,
  responses: ItemResponseRecord[],
): AttemptRecord {
  const runId = `run-${learnerId}`;
  const id = `${runId}|${VERSION}|quiz|${attempt}`;
  let at = startedAt;
  let correctCount = 0;
  models.forEach((model, i) => {
    const p = 1 / (1 + Math.exp(-1.7 * model.discrimination * (ability - model.difficulty)));
    const correct = random() < p;
    const pull = random();
    const optionId = correct ? 'a' : pull < 0.55 ? 'b' : pull < 0.85 ? 'c' : 'd';
    const latency = 5_000 + Math.floor(random() * 55_000);
    at += latency;
    if (correct) correctCount++;
    responses.push({
      ...where(learnerId, runId),
      id: `${id}|item-${i + 1}`,
      kind: 'item',
      activityId: 'quiz',
      attempt,
      attemptId: id,
      itemId: `item-${i + 1}`,
      response: { type: 'single', optionId },
      correct,
      score: { raw: correct ? 1 : 0, min: 0, max: 1, scaled: correct ? 1 : 0 },
      tags: [`concept:c${(i % 5) + 1}`, `indicator:i${(i % 7) + 1}`],
      at,
      latency,
    });
  });
  const scaled = models.length ? correctCount / models.length : 0;
  const passed = scaled * 100 >= PASS_MARK;
  return {
    ...where(learnerId, runId),
    id,
    activityId: 'quiz',
    kind: 'quiz',
    attempt,
    status: passed ? 'passed' : 'failed',
    policy: POLICY,
    startedAt,
    endedAt: at + 1_000,
    seed: 1,
    score: { raw: correctCount, min: 0, max: models.length, scaled },
    passed,
    reason: 'submitted',
  };
}

function scenarioRun(
  random: Random,
  scenes: number,
  ability: number,
  learnerId: string,
  startedAt: number,
  responses: DecisionRecord[],
): AttemptRecord {
  const runId = `run-${learnerId}`;
  const id = `${runId}|${VERSION}|scenario|1`;
  const good = 1 / (1 + Math.exp(-1.2 * ability));
  let total = 0;
  let critical = false;
  let at = startedAt;
  const path: string[] = [];
  for (let k = 1; k <= scenes; k++) {
    const draw = random();
    const kind = draw < good ? 'good' : draw < good + (1 - good) * 0.7 ? 'weak' : 'harm';
    const delta = kind === 'good' ? 2 : kind === 'weak' ? 0 : -1;
    total += delta;
    critical ||= kind === 'harm';
    at += 10_000 + Math.floor(random() * 50_000);
    path.push(`s${k}-${kind}`);
    responses.push({
      ...where(learnerId, runId),
      id: `${id}|scene-${k}`,
      kind: 'decision',
      activityId: 'scenario',
      attempt: 1,
      attemptId: id,
      sceneId: `scene-${k}`,
      choiceId: `s${k}-${kind}`,
      scoreDelta: delta,
      total,
      critical: kind === 'harm',
      tags: kind === 'harm' ? [`indicator:i${((k - 1) % 7) + 1}`] : [],
      at,
    });
  }
  const max = 2 * scenes;
  const scaled = Math.max(0, total) / max;
  const endingId = critical ? 'end-harm' : scaled >= 0.7 ? 'end-good' : 'end-mixed';
  const passed = scaled * 100 >= PASS_MARK;
  return {
    ...where(learnerId, runId),
    id,
    activityId: 'scenario',
    kind: 'scenario',
    attempt: 1,
    status: passed ? 'passed' : 'failed',
    policy: POLICY,
    startedAt,
    endedAt: at + 1_000,
    score: { raw: total, min: 0, max, scaled },
    passed,
    endingId,
    outcome: critical ? 'harmful' : scaled >= 0.7 ? 'good' : 'mixed',
    critical,
    path,
  };
}

/** A seeded synthetic dataset: the same options give the same records. */
export function generateDataset(options: GeneratorOptions): Dataset {
  const learners = Math.max(0, Math.floor(options.learners));
  const items = Math.max(1, Math.floor(options.items));
  const scenes = Math.max(0, Math.floor(options.scenes ?? 0));
  const attemptsEach = Math.max(1, Math.floor(options.attemptsPerLearner ?? 1));
  const start = options.start ?? DEFAULT_START;
  const random = createRandom(options.seed ?? 1);
  const models: ItemModel[] = Array.from({ length: items }, () => ({
    difficulty: random() * 4 - 2,
    // One item in twenty runs against ability: the analysis should flag it.
    discrimination: random() < 0.05 ? -0.8 : 0.5 + random() * 1.5,
  }));
  const people: Dataset['learners'][number][] = [];
  const attempts: AttemptRecord[] = [];
  const itemResponses: ItemResponseRecord[] = [];
  const decisions: DecisionRecord[] = [];
  for (let l = 0; l < learners; l++) {
    const learnerId = `learner-${String(l + 1).padStart(4, '0')}`;
    const ability = normal(random);
    const begin = start + l * 3_600_000;
    people.push({ id: learnerId, name: `Learner ${l + 1}`, createdAt: begin });
    let at = begin;
    for (let a = 1; a <= attemptsEach; a++) {
      // Each attempt after the first is a little better: feedback teaches.
      const attempt = quizAttempt(
        random,
        models,
        ability + (a - 1) * 0.3,
        learnerId,
        a,
        at,
        itemResponses,
      );
      attempts.push(attempt);
      at = (attempt.endedAt ?? at) + 60_000;
    }
    if (scenes > 0) {
      attempts.push(scenarioRun(random, scenes, ability, learnerId, at, decisions));
    }
  }
  return {
    learners: people,
    progress: [],
    attempts,
    responses: [...itemResponses, ...decisions],
    modules: [buildModule(items, scenes)],
  };
}
