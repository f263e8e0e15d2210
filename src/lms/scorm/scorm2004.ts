/**
 * The SCORM 2004 (4th edition) reporter. Completion and success are separate:
 * `cmi.completion_status` says whether every activity is done, `cmi.success_status` whether the
 * score reaches the pass mark (the LMS's `cmi.scaled_passing_score` when it sets one). The score
 * goes to `cmi.score.scaled` and to `raw/min/max` on 0–100, progress to `cmi.progress_measure`,
 * each answer and scenario decision to a new `cmi.interactions.n`, the resume record to
 * `cmi.suspend_data` (64,000 characters at most) and the activity to `cmi.location`.
 *
 * On leaving, `cmi.exit` and `adl.nav.request` agree: 'suspend' + `suspendAll` while the module is
 * incomplete, so the LMS keeps the attempt and its resume record; 'normal' + `exitAll` once it is
 * completed, so the LMS closes the attempt and the next launch starts a new one. A scenario
 * decision is reported as in SCORM 1.2: 'incorrect' for a critical choice, 'neutral' otherwise.
 */
import type { Module } from '../../content/schema.ts';
import type { Fact } from '../../engine/events.ts';
import type { LaunchInfo, Reporter } from '../reporter.ts';
import { SCORM_2004_API, type Scorm2004Api } from './api.ts';
import { decimal, duration2004, interactionId, percent, timestamp2004 } from './format.ts';
import { answer2004, choiceResponse, fillIn2004, findItem, findScene } from './responses.ts';
import type { Edition, Standing, Write } from './edition.ts';
import { createScormSession } from './session.ts';

const NOT_STARTED = new Set(['', 'unknown', 'not attempted']);

function launchInfo(read: (element: string) => string | undefined, fresh: boolean): LaunchInfo {
  const id = read('cmi.learner_id');
  const name = read('cmi.learner_name');
  const passing = Number.parseFloat(read('cmi.scaled_passing_score') ?? '');
  const mode = read('cmi.mode');
  // A new attempt starts afresh: nothing saved is read (an LMS has none, or stale data).
  const resume = fresh ? undefined : read('cmi.suspend_data');
  return {
    mode: mode === 'browse' || mode === 'review' ? mode : 'normal',
    ...(id ? { learner: { id, ...(name ? { name } : {}) } } : {}),
    ...(Number.isFinite(passing)
      ? { passMark: Math.min(100, Math.max(0, Math.round(passing * 10_000) / 100)) }
      : {}),
    ...(resume ? { resume } : {}),
  };
}

/** Fields under `cmi.interactions.n.`. */
function interaction(fact: Fact, module: Module): Write[] {
  if (fact.type === 'item.answered') {
    const item = findItem(module, fact.activityId, fact.itemId);
    const answer = answer2004(item, fact.response);
    // The type comes before anything whose format depends on it.
    return [
      ['id', interactionId(fact.activityId, fact.itemId)],
      ['type', answer.type],
      ...(item ? [['description', fillIn2004(item.prompt)] as const] : []),
      ['timestamp', timestamp2004(fact.at)],
      ...answer.correct.map((pattern, n): Write => [`correct_responses.${n}.pattern`, pattern]),
      ...(answer.response ? [['learner_response', answer.response] as const] : []),
      ['result', fact.correct ? 'correct' : 'incorrect'],
      ['latency', duration2004(fact.latency)],
    ];
  }
  if (fact.type === 'scenario.chose') {
    const scene = findScene(module, fact.activityId, fact.sceneId);
    return [
      ['id', interactionId(fact.activityId, fact.sceneId)],
      ['type', 'choice'],
      ...(scene?.title ? [['description', fillIn2004(scene.title)] as const] : []),
      ['timestamp', timestamp2004(fact.at)],
      ['learner_response', choiceResponse(scene, fact.choiceId, '2004')],
      ['result', fact.critical ? 'incorrect' : 'neutral'],
    ];
  }
  return [];
}

function standing({ status, completed, passed }: Standing): Write[] {
  const writes: Write[] = [];
  // Only a final score: the package's objective is satisfied by measure, so an LMS may judge
  // passed or failed from any score it is given, even half-way through.
  if (status.score && completed) {
    const raw = percent(status.score.scaled);
    writes.push(
      ['cmi.score.scaled', decimal(raw / 100, 4)],
      ['cmi.score.raw', decimal(raw, 2)],
      ['cmi.score.min', '0'],
      ['cmi.score.max', '100'],
    );
  }
  writes.push(['cmi.progress_measure', decimal(Math.min(1, Math.max(0, status.progress)), 4)]);
  if (completed) {
    writes.push(['cmi.completion_status', 'completed']);
    if (passed !== undefined) writes.push(['cmi.success_status', passed ? 'passed' : 'failed']);
  }
  writes.push(['cmi.exit', completed ? 'normal' : 'suspend']);
  return writes;
}

const edition: Edition = {
  kind: 'scorm2004',
  api: SCORM_2004_API,
  resumeLimit: 64_000,
  locationLimit: 1_000,
  suspendData: 'cmi.suspend_data',
  location: 'cmi.location',
  // 401 undefined element, 402 not implemented, 403 no value yet (e.g. scaled_passing_score)
  quietReadCodes: ['401', '402', '403'],
  open(read) {
    const status = read('cmi.completion_status') ?? '';
    const count = Number.parseInt(read('cmi.interactions._count') ?? '', 10);
    const fresh = read('cmi.entry') === 'ab-initio';
    const launch = launchInfo(read, fresh);
    const location = fresh ? undefined : read('cmi.location');
    return {
      launch,
      completed: status === 'completed',
      interactions: Number.isFinite(count) && count > 0 ? count : 0,
      current: [
        ['cmi.completion_status', status],
        ...(launch.resume === undefined ? [] : [['cmi.suspend_data', launch.resume] as const]),
        ...(location ? [['cmi.location', location] as const] : []),
      ],
      writes: NOT_STARTED.has(status) ? [['cmi.completion_status', 'incomplete']] : [],
    };
  },
  interaction,
  standing,
  closing: (elapsed, completed) => [
    ['cmi.exit', completed ? 'normal' : 'suspend'],
    ['cmi.session_time', duration2004(elapsed)],
    ['adl.nav.request', completed ? 'exitAll' : 'suspendAll'],
  ],
};

/** `page` is the window the content runs in (the API was found from it). */
export function createScorm2004Reporter(api: Scorm2004Api, page: Window = window): Reporter {
  return createScormSession(edition, api, page);
}
