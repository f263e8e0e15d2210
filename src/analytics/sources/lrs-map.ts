/**
 * xAPI statements written by Checkpoint (src/lms/xapi/statements.ts) read back into the records
 * a device stores: `answered` → item responses, `responded` → scenario decisions,
 * `passed` / `failed` on a quiz → ended quiz attempts, `experienced` → ended scenario runs.
 * Activity ids are parsed by their path (`…/modules/<m>/activities/<a>/items/<i>`), so any
 * activity base works. Module definitions, when given, give item types, policies and scenario
 * modes; without them the interaction type and the statement decide.
 */
import type { Item, Module } from '../../content/schema.ts';
import { passes, resolvePolicy } from '../../engine/policy.ts';
import { VERBS, type Statement } from '../../lms/xapi/vocabulary.ts';
import { attemptKey } from '../../storage/ids.ts';
import type {
  AttemptPolicy,
  AttemptRecord,
  DecisionRecord,
  ItemResponseRecord,
  LearnerRecord,
} from '../../storage/records.ts';
import {
  DEFAULT_POLICY,
  agentKey,
  durationMs,
  ext,
  num,
  parseIri,
  score,
  tagsOf,
  type Where,
} from './lrs-fields.ts';
import { parseResponse } from './lrs-response.ts';
import type { Records } from './records.ts';

function itemOf(module: Module | undefined, activityId: string, itemId: string): Item | undefined {
  const quiz = module?.activities.find((activity) => activity.id === activityId);
  return quiz?.type === 'quiz' ? quiz.items.find((item) => item.id === itemId) : undefined;
}

interface Base {
  readonly learnerId: string;
  readonly moduleId: string;
  readonly version: string;
  readonly runId: string;
  readonly activityId: string;
}

export function statementsToRecords(
  statements: readonly Statement[],
  modules: readonly Module[] = [],
): { records: Records; unused: number } {
  const moduleById = new Map(modules.map((module) => [module.id, module]));
  const learners = new Map<string, LearnerRecord>();
  const attempts = new Map<string, AttemptRecord>();
  const answers: ItemResponseRecord[] = [];
  /** Scenario decisions and endings, per run through a scenario, to number the runs. */
  const scenarioEvents = new Map<string, { statement: Statement; base: Base; where: Where }[]>();
  const seen = new Set<string>();
  let unused = 0;

  const policyOf = (base: Base): AttemptPolicy => {
    const module = moduleById.get(base.moduleId);
    const activity = module?.activities.find((candidate) => candidate.id === base.activityId);
    if (!module) return DEFAULT_POLICY;
    const policy = resolvePolicy(module, activity?.type === 'quiz' ? activity : undefined);
    return { ...policy, timeLimit: policy.timeLimit ?? null };
  };
  const attempt = (
    base: Base,
    kind: AttemptRecord['kind'],
    number: number,
    fields: Partial<AttemptRecord>,
  ) => {
    const id = attemptKey(base.runId, base.version, base.activityId, number);
    const existing = attempts.get(id);
    const record: AttemptRecord = {
      ...base,
      id,
      kind,
      attempt: number,
      status: 'in-progress',
      policy: policyOf(base),
      ...existing,
      ...fields,
    } as AttemptRecord;
    const starts = [existing?.startedAt, fields.startedAt].filter(
      (at): at is number => at !== undefined,
    );
    attempts.set(id, starts.length ? { ...record, startedAt: Math.min(...starts) } : record);
    return id;
  };

  for (const statement of statements) {
    if (seen.has(statement.id)) continue;
    seen.add(statement.id);
    const where = parseIri(statement.object.id);
    const at = Date.parse(statement.timestamp);
    if (!where || !Number.isFinite(at)) {
      unused++;
      continue;
    }
    const learnerId = agentKey(statement.actor);
    const known = learners.get(learnerId);
    if (!known || known.createdAt > at) {
      learners.set(learnerId, {
        id: learnerId,
        name: statement.actor.name ?? known?.name ?? learnerId,
        createdAt: at,
      });
    }
    const base: Base = {
      learnerId,
      moduleId: where.moduleId,
      version: statement.context?.revision || 'unknown',
      runId: statement.context?.registration || 'lrs',
      activityId: where.activityId,
    };
    const verb = statement.verb.id;
    if (verb === VERBS.answered.id && where.part === 'items') {
      const number = num(ext(statement, 'attempt', 'context')) ?? 1;
      const latency = durationMs(statement.result?.duration) ?? 0;
      const attemptId = attempt(base, 'quiz', number, { startedAt: at - latency });
      const item = itemOf(moduleById.get(base.moduleId), base.activityId, where.partId!);
      answers.push({
        ...base,
        id: statement.id,
        kind: 'item',
        attempt: number,
        attemptId,
        itemId: where.partId!,
        response: parseResponse(statement, item),
        correct: statement.result?.success === true,
        score: score(statement.result) ?? { raw: 0, min: 0, max: 1, scaled: 0 },
        tags: tagsOf(statement),
        at,
        latency,
      });
    } else if ((verb === VERBS.passed.id || verb === VERBS.failed.id) && !where.part) {
      const number = num(ext(statement, 'attempt', 'context')) ?? 1;
      const duration = durationMs(statement.result?.duration);
      const reason = ext(statement, 'reason', 'context');
      const scored = score(statement.result);
      attempt(base, 'quiz', number, {
        status: verb === VERBS.passed.id ? 'passed' : 'failed',
        passed: verb === VERBS.passed.id,
        endedAt: at,
        ...(duration === undefined ? {} : { startedAt: at - duration }),
        ...(scored ? { score: scored } : {}),
        ...(reason === 'submitted' || reason === 'timeout' ? { reason } : {}),
      });
    } else if (
      (verb === VERBS.responded.id && where.part === 'scenes') ||
      (verb === VERBS.experienced.id && where.part === 'endings')
    ) {
      const run = JSON.stringify([
        base.learnerId,
        base.runId,
        base.version,
        base.moduleId,
        base.activityId,
      ]);
      const events = scenarioEvents.get(run) ?? [];
      events.push({ statement, base, where });
      scenarioEvents.set(run, events);
    } else unused++;
  }

  const decisions: DecisionRecord[] = [];
  for (const events of scenarioEvents.values()) {
    events.sort((a, b) => Date.parse(a.statement.timestamp) - Date.parse(b.statement.timestamp));
    let run = 1;
    for (const { statement, base, where } of events) {
      const at = Date.parse(statement.timestamp);
      if (where.part === 'scenes') {
        const attemptId = attempt(base, 'scenario', run, { startedAt: at });
        decisions.push({
          ...base,
          id: statement.id,
          kind: 'decision',
          attempt: run,
          attemptId,
          sceneId: where.partId!,
          choiceId: statement.result?.response ?? '',
          scoreDelta: num(ext(statement, 'scoreDelta', 'result')) ?? 0,
          total: num(ext(statement, 'runningScore', 'result')) ?? 0,
          critical: ext(statement, 'critical', 'result') === true,
          tags: tagsOf(statement),
          at,
        });
        continue;
      }
      const module = moduleById.get(base.moduleId);
      const scenario = module?.activities.find((activity) => activity.id === base.activityId);
      const assessed = scenario?.type === 'scenario' && scenario.mode !== 'practice';
      const scored = score(statement.result);
      const passed = assessed && scored ? passes(scored, policyOf(base).passMark) : undefined;
      const outcome = ext(statement, 'outcome', 'result');
      const band = ext(statement, 'band', 'result');
      const path = ext(statement, 'path', 'result');
      attempt(base, 'scenario', run, {
        status: passed === undefined ? 'completed' : passed ? 'passed' : 'failed',
        endedAt: at,
        endingId: where.partId!,
        critical: ext(statement, 'critical', 'result') === true,
        ...(scored ? { score: scored } : {}),
        ...(passed === undefined ? {} : { passed }),
        ...(outcome === 'good' || outcome === 'mixed' || outcome === 'harmful' ? { outcome } : {}),
        ...(typeof band === 'string' && band ? { band } : {}),
        ...(Array.isArray(path)
          ? { path: path.filter((step): step is string => typeof step === 'string') }
          : {}),
      });
      run++;
    }
  }
  return {
    records: {
      learners: [...learners.values()],
      progress: [],
      attempts: [...attempts.values()],
      responses: [...answers, ...decisions],
    },
    unused,
  };
}
