/**
 * The SCORM 1.2 reporter against scorm-again's SCORM 1.2 run-time as the LMS: a learner's real
 * session on the showcase module is fed to it, and every call it makes to the API is recorded.
 */
import { expect } from '@open-wc/testing';

import type { Item, Module, Scenario } from '../../src/content/schema.ts';
import type { Fact } from '../../src/engine/events.ts';
import type { LmsNotice } from '../../src/lms/reporter.ts';
import type { Scorm12Api } from '../../src/lms/scorm/discover.ts';
import { createScorm12Reporter } from '../../src/lms/scorm/scorm12.ts';
import {
  methodsOf,
  runModule,
  setsOf,
  showcaseModule,
  spyApi,
  type ApiCall,
} from '../helpers/scorm-session.ts';
import { LMS_SETTINGS, Scorm12API } from '../helpers/scorm-lms.ts';

const METHODS = [
  'LMSInitialize',
  'LMSFinish',
  'LMSGetValue',
  'LMSSetValue',
  'LMSCommit',
  'LMSGetLastError',
  'LMSGetErrorString',
  'LMSGetDiagnostic',
];
const ERROR_QUERIES = ['LMSGetLastError', 'LMSGetErrorString', 'LMSGetDiagnostic'];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz0123456789';

function lms(preload: Record<string, string> = {}) {
  const api = new Scorm12API(LMS_SETTINGS);
  api.loadFromFlattenedJSON({ 'cmi.core.entry': 'ab-initio', ...preload }, '');
  const calls = spyApi(api, METHODS);
  return { api, calls, reporter: createScorm12Reporter(api as unknown as Scorm12Api) };
}

const sets = (calls: readonly ApiCall[]) => setsOf(calls, 'LMSSetValue');
const valuesOf = (calls: readonly ApiCall[], element: string) =>
  sets(calls)
    .filter(([name]) => name === element)
    .map(([, value]) => value);
const last = (calls: readonly ApiCall[], element: string) => valuesOf(calls, element).at(-1);
const failedErrorQueries = (calls: readonly ApiCall[]) =>
  calls.filter((call) => call.method === 'LMSGetLastError' && call.result !== '0');

/** Interaction n's fields as written, in the order they were written. */
function interaction(calls: readonly ApiCall[], n: number): [string, string][] {
  const prefix = `cmi.interactions.${n}.`;
  return sets(calls)
    .filter(([name]) => name.startsWith(prefix))
    .map(([name, value]) => [name.slice(prefix.length), value]);
}
const field = (fields: [string, string][], name: string) =>
  fields.find(([key]) => key === name)?.[1];

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const letter = (index: number) => LETTERS[index]!;

function itemOf(module: Module, fact: Fact & { type: 'item.answered' }): Item {
  const quiz = module.activities.find((activity) => activity.id === fact.activityId);
  if (quiz?.type !== 'quiz') throw new Error('no quiz');
  return quiz.items.find((item) => item.id === fact.itemId)!;
}

/** The SCORM 1.2 single-character key of an item, written by hand from the module. */
function expectedPattern(item: Item): string {
  switch (item.type) {
    case 'single':
    case 'multiple':
      return item.options
        .flatMap((option, index) => (option.correct ? [letter(index)] : []))
        .join(',');
    case 'trueFalse':
      return item.answer ? 't' : 'f';
    case 'matching':
      return item.pairs.map((_, index) => `${letter(index)}.${letter(index)}`).join(',');
    case 'ordering':
      return item.steps.map((_, index) => letter(index)).join(',');
    case 'shortText':
      return item.accepted[0]!;
    case 'spotting':
      return item.cues.flatMap((cue, index) => (cue.indicator ? [letter(index)] : [])).join(',');
  }
}

describe('SCORM 1.2 reporter (scorm-again as the LMS)', () => {
  let module: Module;
  let fullModule: Module;
  before(async () => {
    module = await showcaseModule();
    fullModule = await showcaseModule({ everyItem: true });
  });

  it('reports a passing run: status, score, every answer and decision, time, one finish', async () => {
    const { api, calls, reporter } = lms();
    expect(reporter.kind).to.equal('scorm12');
    expect(reporter.resumeLimit).to.equal(4096);
    const run = await runModule(reporter, fullModule, { quiz: 'right', scenario: 'best' });
    reporter.finish();

    const methods = methodsOf(calls, ERROR_QUERIES);
    expect(methods[0]).to.equal('LMSInitialize');
    expect(methods.filter((method) => method === 'LMSInitialize')).to.have.length(1);
    expect(methods.filter((method) => method === 'LMSFinish')).to.have.length(1);
    expect(methods.at(-1)).to.equal('LMSFinish');
    expect(failedErrorQueries(calls), 'LMS errors').to.deep.equal([]);
    expect(run.notices).to.deep.equal([]);

    expect(valuesOf(calls, 'cmi.core.lesson_status')).to.deep.equal(['incomplete', 'passed']);
    expect(run.status().score?.scaled).to.equal(1);
    expect(last(calls, 'cmi.core.score.raw')).to.equal('100');
    expect(last(calls, 'cmi.core.score.min')).to.equal('0');
    expect(last(calls, 'cmi.core.score.max')).to.equal('100');
    expect(api.cmi.core.lesson_status).to.equal('passed');
    expect(valuesOf(calls, 'cmi.core.exit').at(-1)).to.equal('');
    const sessionTimes = valuesOf(calls, 'cmi.core.session_time');
    expect(sessionTimes).to.have.length(1);
    expect(sessionTimes[0]).to.match(/^\d{2,4}:[0-5]\d:[0-5]\d(\.\d{1,2})?$/);

    // One interaction per answer and per scenario decision, in order.
    const reported = run.facts.filter(
      (fact) => fact.type === 'item.answered' || fact.type === 'scenario.chose',
    );
    expect(reported.length).to.be.greaterThan(11);
    expect(api.cmi.interactions.childArray).to.have.length(reported.length);
    const scenario = fullModule.activities.find((a): a is Scenario => a.type === 'scenario')!;
    reported.forEach((fact, n) => {
      const fields = interaction(calls, n);
      expect(fields[0]?.[0], `interaction ${n} starts with its id`).to.equal('id');
      expect(field(fields, 'id')).to.match(/^[A-Za-z0-9_-]{1,255}$/);
      expect(field(fields, 'time')).to.match(/^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/);
      if (fact.type === 'item.answered') {
        const item = itemOf(fullModule, fact);
        expect(field(fields, 'id')).to.equal(`${fact.activityId}_${fact.itemId}`);
        expect(field(fields, 'type')).to.equal(
          {
            single: 'choice',
            multiple: 'choice',
            spotting: 'choice',
            trueFalse: 'true-false',
            matching: 'matching',
            ordering: 'sequencing',
            shortText: 'fill-in',
          }[item.type],
        );
        expect(field(fields, 'correct_responses.0.pattern'), item.id).to.equal(
          expectedPattern(item),
        );
        // Every answer was right: the response is the key.
        expect(field(fields, 'student_response'), item.id).to.equal(expectedPattern(item));
        expect(field(fields, 'result')).to.equal('correct');
        expect(field(fields, 'latency')).to.match(/^\d{2,4}:[0-5]\d:[0-5]\d(\.\d{1,2})?$/);
      } else if (fact.type === 'scenario.chose') {
        const scene = scenario.scenes.find((candidate) => candidate.id === fact.sceneId)!;
        expect(field(fields, 'id')).to.equal(`${fact.activityId}_${fact.sceneId}`);
        expect(field(fields, 'type')).to.equal('choice');
        expect(field(fields, 'student_response')).to.equal(
          letter(scene.choices.findIndex((choice) => choice.id === fact.choiceId)),
        );
        expect(field(fields, 'result')).to.equal('neutral');
      }
    });
    // Each answer is committed before the next one is written.
    reported.forEach((_, n) => {
      const written = calls.findIndex(
        (call) => call.method === 'LMSSetValue' && call.args[0] === `cmi.interactions.${n}.id`,
      );
      const next = calls.findIndex(
        (call) => call.method === 'LMSSetValue' && call.args[0] === `cmi.interactions.${n + 1}.id`,
      );
      const commit = calls.findIndex(
        (call, index) => index > written && call.method === 'LMSCommit',
      );
      expect(commit, `commit after interaction ${n}`).to.be.greaterThan(written);
      if (next >= 0) expect(commit).to.be.lessThan(next);
    });

    // The resume record and the place, within the data model's limits.
    expect(valuesOf(calls, 'cmi.suspend_data').length).to.be.greaterThan(0);
    valuesOf(calls, 'cmi.suspend_data').forEach((value) =>
      expect(value.length).to.be.at.most(4096),
    );
    expect(fullModule.activities.map((a) => a.id)).to.include(
      last(calls, 'cmi.core.lesson_location'),
    );

    // Nothing at all reaches the LMS after finish.
    const count = calls.length;
    reporter.record(run.facts[0]!, run.status());
    reporter.save('again', 'again');
    reporter.finish();
    await reporter.start(fullModule);
    await tick();
    expect(calls.length).to.equal(count);
  });

  it('reports a failed run: failed, the score, wrong answers and critical decisions', async () => {
    const { calls, reporter } = lms();
    const run = await runModule(reporter, module, { quiz: 'mixed', scenario: 'harmful' });
    reporter.finish();
    expect(failedErrorQueries(calls)).to.deep.equal([]);
    const status = run.status();
    expect(status.completed).to.equal(status.total);
    expect(status.passed).to.equal(false);
    expect(valuesOf(calls, 'cmi.core.lesson_status')).to.deep.equal(['incomplete', 'failed']);
    expect(Number(last(calls, 'cmi.core.score.raw'))).to.be.closeTo(
      status.score!.scaled * 100,
      0.01,
    );
    expect(Number(last(calls, 'cmi.core.score.raw'))).to.be.below(80);
    const results = sets(calls)
      .filter(([name]) => name.endsWith('.result'))
      .map(([, value]) => value);
    expect(results).to.include('wrong');
    expect(results).to.include('correct');
    const critical = run.facts.filter((fact) => fact.type === 'scenario.chose' && fact.critical);
    expect(critical).to.have.length(1);
    expect(results.at(-1), 'a critical decision').to.equal('wrong');
  });

  it('keeps an incomplete attempt suspended, and reports the time spent', async () => {
    const { calls, reporter } = lms();
    const run = await runModule(
      reporter,
      module,
      { quiz: 'right', scenario: 'best' },
      { activities: 1 },
    );
    await new Promise((resolve) => setTimeout(resolve, 120));
    reporter.finish();
    expect(run.status().completed).to.equal(1);
    expect(run.status().total).to.equal(3);
    expect(valuesOf(calls, 'cmi.core.lesson_status')).to.deep.equal(['incomplete']);
    expect(last(calls, 'cmi.core.exit')).to.equal('suspend');
    const [time] = valuesOf(calls, 'cmi.core.session_time');
    const [, h, m, s] = /^(\d+):(\d\d):(\d\d(?:\.\d+)?)$/.exec(time!)!;
    const seconds = Number(h) * 3600 + Number(m) * 60 + Number(s);
    expect(seconds).to.be.within(0.1, 30);
  });

  it('hands back mastery_score as the pass mark, and judges the score by it', async () => {
    const { calls, reporter } = lms({
      'cmi.student_data.mastery_score': '20',
      'cmi.core.student_id': 'officer-0042',
      'cmi.core.student_name': 'Moreau, Lea',
    });
    const run = await runModule(reporter, module, { quiz: 'mixed', scenario: 'harmful' });
    reporter.finish();
    expect(run.launch).to.deep.include({
      mode: 'normal',
      passMark: 20,
      learner: { id: 'officer-0042', name: 'Moreau, Lea' },
    });
    expect(run.launch.resume).to.equal(undefined);
    // Below the module's own pass mark (80), above the LMS's (20).
    const percent = run.status().score!.scaled * 100;
    expect(percent).to.be.within(20, 80);
    expect(last(calls, 'cmi.core.lesson_status')).to.equal('passed');
  });

  it('resumes: a later launch gets the saved record, and carries on after the saved interactions', async () => {
    const first = lms();
    const partial = await runModule(
      first.reporter,
      module,
      { quiz: 'right', scenario: 'best' },
      { activities: 1 },
    );
    expect(partial.status().completed).to.equal(1);
    first.reporter.finish();
    const saved = last(first.calls, 'cmi.suspend_data')!;
    expect(saved).to.be.a('string').and.not.equal('');

    // The LMS launches the content again with what the first session left.
    const { calls, reporter } = lms({
      'cmi.core.entry': 'resume',
      'cmi.core.lesson_status': String(first.api.cmi.core.lesson_status),
      'cmi.suspend_data': saved,
      'cmi.core.lesson_location': last(first.calls, 'cmi.core.lesson_location')!,
    });
    const launch = await reporter.start(module);
    expect(launch.resume).to.equal(saved);
    expect(launch.mode).to.equal('normal');
    reporter.finish();
    // Already under way: not set back to incomplete; the same record is not written again.
    expect(valuesOf(calls, 'cmi.core.lesson_status')).to.deep.equal([]);
    expect(valuesOf(calls, 'cmi.suspend_data')).to.deep.equal([]);
  });

  it('records nothing in browse or review mode, but still ends the session', async () => {
    for (const mode of ['browse', 'review'] as const) {
      const { calls, reporter } = lms({ 'cmi.core.lesson_mode': mode });
      const run = await runModule(reporter, module, { quiz: 'right', scenario: 'best' });
      reporter.finish();
      expect(run.launch.mode).to.equal(mode);
      expect(sets(calls)).to.deep.equal([]);
      expect(methodsOf(calls, ERROR_QUERIES).filter((m) => m === 'LMSFinish')).to.have.length(1);
    }
  });

  it('never writes a resume record over 4,096 characters: it says it is too large', async () => {
    const { calls, reporter } = lms();
    const notices: LmsNotice[] = [];
    reporter.onNotice((notice) => notices.push(notice));
    await reporter.start(module);
    reporter.save('x'.repeat(10_000), 'lesson-two-crimes');
    reporter.save('y'.repeat(4096), 'lesson-two-crimes');
    await tick();
    reporter.finish();
    expect(valuesOf(calls, 'cmi.suspend_data').map((value) => value.length)).to.deep.equal([4096]);
    expect(last(calls, 'cmi.core.lesson_location')).to.equal('lesson-two-crimes');
    expect(notices.map((notice) => notice.kind)).to.deep.equal(['too-large']);
    expect(notices[0]!.detail).to.contain('10000');
    expect(failedErrorQueries(calls)).to.deep.equal([]);
  });

  it('initializes once per page, however often and by however many reporters it is started', async () => {
    const { api, calls, reporter } = lms();
    const second = createScorm12Reporter(api as unknown as Scorm12Api);
    await Promise.all([reporter.start(module), reporter.start(module)]);
    const launch = await second.start(module);
    expect(launch.mode).to.equal('normal');
    reporter.finish();
    second.finish();
    const methods = methodsOf(calls, ERROR_QUERIES);
    expect(methods.filter((m) => m === 'LMSInitialize')).to.have.length(1);
    expect(methods.filter((m) => m === 'LMSFinish')).to.have.length(1);
    expect(failedErrorQueries(calls)).to.deep.equal([]);
  });
});
