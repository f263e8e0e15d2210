/**
 * The SCORM 1.2 reporter. The module's status goes to `cmi.core.lesson_status` (incomplete, then
 * passed / failed — or completed for a module with nothing scored), its score to
 * `cmi.core.score.*` on 0–100, each answer and scenario decision to a new `cmi.interactions.n`,
 * the resume record to `cmi.suspend_data` (4,096 characters at most) and the activity to
 * `cmi.core.lesson_location`.
 *
 * A scenario decision is a 'choice' interaction whose result is 'wrong' when the choice is marked
 * critical (harmful in itself, whatever follows) and 'neutral' otherwise: a scenario is judged by
 * its path and ending, so no single other decision is right or wrong.
 */
import type { Module } from '../../content/schema.ts';
import type { Fact } from '../../engine/events.ts';
import type { LaunchInfo, Reporter } from '../reporter.ts';
import { SCORM_12_API, type Scorm12Api } from './api.ts';
import { decimal, interactionId, percent, time12, timespan12 } from './format.ts';
import { answer12, choiceResponse, findItem, findScene } from './responses.ts';
import type { Edition, Standing, Write } from './edition.ts';
import { createScormSession } from './session.ts';

/** A lesson status that means no attempt is under way yet. */
const NOT_STARTED = new Set(['', 'not attempted', 'browsed']);
const DONE = new Set(['passed', 'completed', 'failed']);

function launchInfo(read: (element: string) => string | undefined, fresh: boolean): LaunchInfo {
  const id = read('cmi.core.student_id');
  const name = read('cmi.core.student_name');
  const mastery = Number.parseFloat(read('cmi.student_data.mastery_score') ?? '');
  const mode = read('cmi.core.lesson_mode');
  // A new attempt starts afresh: nothing saved is read (an LMS has none, or stale data).
  const resume = fresh ? undefined : read('cmi.suspend_data');
  return {
    mode: mode === 'browse' || mode === 'review' ? mode : 'normal',
    ...(id ? { learner: { id, ...(name ? { name } : {}) } } : {}),
    ...(Number.isFinite(mastery) ? { passMark: Math.min(100, Math.max(0, mastery)) } : {}),
    ...(resume ? { resume } : {}),
  };
}

/** Fields under `cmi.interactions.n.`. */
function interaction(fact: Fact, module: Module): Write[] {
  if (fact.type === 'item.answered') {
    const answer = answer12(findItem(module, fact.activityId, fact.itemId), fact.response);
    return [
      ['id', interactionId(fact.activityId, fact.itemId)],
      ['time', time12(fact.at)],
      ['type', answer.type],
      ...answer.correct.map((pattern, n): Write => [`correct_responses.${n}.pattern`, pattern]),
      ...(answer.response ? [['student_response', answer.response] as const] : []),
      ['result', fact.correct ? 'correct' : 'wrong'],
      ['latency', timespan12(fact.latency)],
    ];
  }
  if (fact.type === 'scenario.chose') {
    const scene = findScene(module, fact.activityId, fact.sceneId);
    return [
      ['id', interactionId(fact.activityId, fact.sceneId)],
      ['time', time12(fact.at)],
      ['type', 'choice'],
      ['student_response', choiceResponse(scene, fact.choiceId, '1.2')],
      ['result', fact.critical ? 'wrong' : 'neutral'],
    ];
  }
  return [];
}

function standing({ status, completed, passed }: Standing): Write[] {
  const writes: Write[] = [];
  if (status.score) {
    writes.push(
      ['cmi.core.score.raw', decimal(percent(status.score.scaled), 2)],
      ['cmi.core.score.min', '0'],
      ['cmi.core.score.max', '100'],
    );
  }
  if (completed) {
    writes.push([
      'cmi.core.lesson_status',
      passed === undefined ? 'completed' : passed ? 'passed' : 'failed',
    ]);
  }
  writes.push(['cmi.core.exit', completed ? '' : 'suspend']);
  return writes;
}

const edition: Edition = {
  kind: 'scorm12',
  api: SCORM_12_API,
  resumeLimit: 4_096,
  locationLimit: 255,
  suspendData: 'cmi.suspend_data',
  location: 'cmi.core.lesson_location',
  // 401: not implemented (optional elements such as mastery_score)
  quietReadCodes: ['401'],
  open(read) {
    const status = read('cmi.core.lesson_status') ?? '';
    const count = Number.parseInt(read('cmi.interactions._count') ?? '', 10);
    const fresh = read('cmi.core.entry') === 'ab-initio';
    const launch = launchInfo(read, fresh);
    const location = fresh ? undefined : read('cmi.core.lesson_location');
    return {
      launch,
      completed: DONE.has(status),
      interactions: Number.isFinite(count) && count > 0 ? count : 0,
      current: [
        ['cmi.core.lesson_status', status],
        ...(launch.resume === undefined ? [] : [['cmi.suspend_data', launch.resume] as const]),
        ...(location ? [['cmi.core.lesson_location', location] as const] : []),
      ],
      writes: NOT_STARTED.has(status) ? [['cmi.core.lesson_status', 'incomplete']] : [],
    };
  },
  interaction,
  standing,
  closing: (elapsed, completed) => [
    ['cmi.core.exit', completed ? '' : 'suspend'],
    ['cmi.core.session_time', timespan12(elapsed)],
  ],
};

/** `page` is the window the content runs in (the API was found from it). */
export function createScorm12Reporter(api: Scorm12Api, page: Window = window): Reporter {
  return createScormSession(edition, api, page);
}
