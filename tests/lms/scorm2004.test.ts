/**
 * The SCORM 2004 (4th edition) reporter against scorm-again's SCORM 2004 run-time as the LMS: a
 * learner's real session on the showcase module is fed to it, and every API call is recorded.
 */
import { expect } from '@open-wc/testing';
import type { Item, Module, Scenario } from '../../src/content/schema.ts';
import type { Fact } from '../../src/engine/events.ts';
import type { LmsNotice } from '../../src/lms/reporter.ts';
import type { Scorm2004Api } from '../../src/lms/scorm/discover.ts';
import { createScorm2004Reporter } from '../../src/lms/scorm/scorm2004.ts';
import { LMS_SETTINGS, Scorm2004API } from '../helpers/scorm-lms.ts';
import {
  methodsOf,
  runModule,
  setsOf,
  showcaseModule,
  spyApi,
  type ApiCall,
} from '../helpers/scorm-session.ts';

const METHODS = [
  'Initialize',
  'Terminate',
  'GetValue',
  'SetValue',
  'Commit',
  'GetLastError',
  'GetErrorString',
  'GetDiagnostic',
];
const ERROR_QUERIES = ['GetLastError', 'GetErrorString', 'GetDiagnostic'];
const ISO_DURATION = /^PT(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?$/;
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{2}Z$/;

/** The LMS, launching a first attempt unless `preload` says otherwise. */
function lms(preload: Record<string, string> = {}) {
  const api = new Scorm2004API(LMS_SETTINGS);
  api.loadFromFlattenedJSON({ 'cmi.entry': 'ab-initio', ...preload }, '');
  const calls = spyApi(api, METHODS);
  return { api, calls, reporter: createScorm2004Reporter(api as unknown as Scorm2004Api) };
}

const sets = (calls: readonly ApiCall[]) => setsOf(calls, 'SetValue');
const valuesOf = (calls: readonly ApiCall[], element: string) =>
  sets(calls)
    .filter(([name]) => name === element)
    .map(([, value]) => value);
const last = (calls: readonly ApiCall[], element: string) => valuesOf(calls, element).at(-1);
/**
 * Every error the LMS reported. One is not an error but the data model's answer: an LMS that sets
 * no passing score answers the read of `cmi.scaled_passing_score` with 403 (no value).
 */
const lmsErrors = (calls: readonly ApiCall[]) =>
  calls.filter(
    (call, index) =>
      call.method === 'GetLastError' &&
      call.result !== '0' &&
      !(
        call.result === '403' &&
        calls[index - 1]?.method === 'GetValue' &&
        calls[index - 1]?.args[0] === 'cmi.scaled_passing_score'
      ),
  );
const indexOfSet = (calls: readonly ApiCall[], element: string) =>
  calls.findIndex((call) => call.method === 'SetValue' && call.args[0] === element);

function interaction(calls: readonly ApiCall[], n: number): [string, string][] {
  const prefix = `cmi.interactions.${n}.`;
  return sets(calls)
    .filter(([name]) => name.startsWith(prefix))
    .map(([name, value]) => [name.slice(prefix.length), value]);
}
const field = (fields: [string, string][], name: string) =>
  fields.find(([key]) => key === name)?.[1];
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function itemOf(module: Module, fact: Fact & { type: 'item.answered' }): Item {
  const quiz = module.activities.find((activity) => activity.id === fact.activityId);
  if (quiz?.type !== 'quiz') throw new Error('no quiz');
  return quiz.items.find((item) => item.id === fact.itemId)!;
}

/** The SCORM 2004 key of an item, written by hand from the module. */
function expectedPattern(item: Item): string {
  switch (item.type) {
    case 'single':
    case 'multiple':
      return item.options
        .filter((option) => option.correct)
        .map((option) => option.id)
        .join('[,]');
    case 'trueFalse':
      return String(item.answer);
    case 'matching':
      return item.pairs.map((pair) => `${pair.id}[.]${pair.id}`).join('[,]');
    case 'ordering':
      return item.steps.map((step) => step.id).join('[,]');
    case 'shortText':
      return item.accepted[0]!;
    case 'spotting':
      return item.cues
        .filter((cue) => cue.indicator)
        .map((cue) => cue.id)
        .join('[,]');
  }
}

describe('SCORM 2004 reporter (scorm-again as the LMS)', () => {
  let module: Module;
  let fullModule: Module;
  before(async () => {
    module = await showcaseModule();
    fullModule = await showcaseModule({ everyItem: true });
  });

  it('reports a passing run: completion, success, score, interactions, time, one terminate', async () => {
    const { api, calls, reporter } = lms();
    expect(reporter.kind).to.equal('scorm2004');
    expect(reporter.resumeLimit).to.equal(64_000);
    const run = await runModule(reporter, fullModule, { quiz: 'right', scenario: 'best' });
    reporter.finish();

    const methods = methodsOf(calls, ERROR_QUERIES);
    expect(methods[0]).to.equal('Initialize');
    expect(methods.filter((method) => method === 'Initialize')).to.have.length(1);
    expect(methods.filter((method) => method === 'Terminate')).to.have.length(1);
    expect(methods.at(-1)).to.equal('Terminate');
    expect(lmsErrors(calls), 'LMS errors').to.deep.equal([]);
    expect(run.notices).to.deep.equal([]);

    expect(valuesOf(calls, 'cmi.completion_status')).to.deep.equal(['incomplete', 'completed']);
    expect(valuesOf(calls, 'cmi.success_status')).to.deep.equal(['passed']);
    expect(last(calls, 'cmi.score.scaled')).to.equal('1');
    expect(last(calls, 'cmi.score.raw')).to.equal('100');
    expect(last(calls, 'cmi.score.min')).to.equal('0');
    expect(last(calls, 'cmi.score.max')).to.equal('100');
    expect(last(calls, 'cmi.progress_measure')).to.equal('1');
    expect(api.cmi.completion_status).to.equal('completed');
    expect(api.cmi.success_status).to.equal('passed');
    expect(last(calls, 'cmi.exit')).to.equal('normal');
    expect(valuesOf(calls, 'adl.nav.request')).to.deep.equal(['exitAll']);
    expect(indexOfSet(calls, 'adl.nav.request')).to.be.lessThan(
      calls.findIndex((call) => call.method === 'Terminate'),
    );
    const sessionTimes = valuesOf(calls, 'cmi.session_time');
    expect(sessionTimes).to.have.length(1);
    expect(sessionTimes[0]).to.match(ISO_DURATION);

    const reported = run.facts.filter(
      (fact) => fact.type === 'item.answered' || fact.type === 'scenario.chose',
    );
    expect(reported.length).to.be.greaterThan(11);
    expect(api.cmi.interactions.childArray).to.have.length(reported.length);
    const scenario = fullModule.activities.find((a): a is Scenario => a.type === 'scenario')!;
    reported.forEach((fact, n) => {
      const fields = interaction(calls, n);
      const names = fields.map(([name]) => name);
      expect(names.slice(0, 2), `interaction ${n}: id, then type`).to.deep.equal(['id', 'type']);
      expect(names.indexOf('learner_response')).to.be.greaterThan(1);
      expect(field(fields, 'timestamp')).to.match(TIMESTAMP);
      const stored = api.cmi.interactions.childArray[n] as unknown as Record<string, unknown>;
      expect(stored.learner_response, 'kept by the LMS').to.equal(
        field(fields, 'learner_response'),
      );
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
        expect(field(fields, 'learner_response'), item.id).to.equal(expectedPattern(item));
        if (item.type === 'shortText') {
          // Every accepted answer is a correct response of its own.
          item.accepted.slice(0, 5).forEach((text, k) => {
            expect(field(fields, `correct_responses.${k}.pattern`)).to.equal(text);
          });
        }
        expect(field(fields, 'description')).to.be.a('string').and.not.equal('');
        expect(field(fields, 'result')).to.equal('correct');
        expect(field(fields, 'latency')).to.match(ISO_DURATION);
      } else if (fact.type === 'scenario.chose') {
        expect(field(fields, 'id')).to.equal(`${fact.activityId}_${fact.sceneId}`);
        expect(field(fields, 'type')).to.equal('choice');
        expect(field(fields, 'learner_response')).to.equal(fact.choiceId);
        expect(scenario.scenes.some((scene) => scene.id === fact.sceneId)).to.equal(true);
        expect(field(fields, 'result')).to.equal('neutral');
      }
    });

    expect(valuesOf(calls, 'cmi.suspend_data').length).to.be.greaterThan(0);
    expect(fullModule.activities.map((a) => a.id)).to.include(last(calls, 'cmi.location'));

    const count = calls.length;
    reporter.record(run.facts[0]!, run.status());
    reporter.save('again', 'again');
    reporter.finish();
    await reporter.start(fullModule);
    await tick();
    expect(calls.length).to.equal(count);
  });

  it('reports a failed run: completed but failed, incorrect answers and critical decisions', async () => {
    const { api, calls, reporter } = lms();
    const run = await runModule(reporter, module, { quiz: 'mixed', scenario: 'harmful' });
    reporter.finish();
    expect(lmsErrors(calls)).to.deep.equal([]);
    const status = run.status();
    expect(status.passed).to.equal(false);
    expect(valuesOf(calls, 'cmi.completion_status')).to.deep.equal(['incomplete', 'completed']);
    expect(valuesOf(calls, 'cmi.success_status')).to.deep.equal(['failed']);
    expect(api.cmi.success_status).to.equal('failed');
    const scaled = Number(last(calls, 'cmi.score.scaled'));
    expect(scaled).to.be.closeTo(status.score!.scaled, 0.0001);
    expect(Number(last(calls, 'cmi.score.raw'))).to.be.closeTo(scaled * 100, 0.01);
    const results = sets(calls)
      .filter(([name]) => name.endsWith('.result'))
      .map(([, value]) => value);
    expect(results).to.include('incorrect');
    expect(results).to.include('correct');
    expect(results.at(-1), 'a critical decision').to.equal('incorrect');
  });

  it('suspends an incomplete attempt: exit suspend, suspendAll, the time spent', async () => {
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
    expect(valuesOf(calls, 'cmi.completion_status')).to.deep.equal(['incomplete']);
    expect(valuesOf(calls, 'cmi.success_status')).to.deep.equal([]);
    expect(last(calls, 'cmi.progress_measure')).to.equal(String(Math.round(10_000 / 3) / 10_000));
    expect(last(calls, 'cmi.exit')).to.equal('suspend');
    expect(valuesOf(calls, 'adl.nav.request')).to.deep.equal(['suspendAll']);
    const [time] = valuesOf(calls, 'cmi.session_time');
    const [, , , s] = /^PT(\d+H)?(\d+M)?(\d+(?:\.\d+)?)S$/.exec(time!)!;
    expect(Number(s)).to.be.within(0.1, 30);
    expect(lmsErrors(calls)).to.deep.equal([]);
  });

  it('gives no score before the module is complete: the LMS judges success by measure', async () => {
    const { calls, reporter } = lms();
    const run = await runModule(
      reporter,
      module,
      { quiz: 'right', scenario: 'best' },
      { activities: 2 },
    );
    await new Promise((resolve) => setTimeout(resolve, 120));
    reporter.finish();
    expect(run.status().score, 'a partial score exists in the engine').to.not.equal(undefined);
    expect(run.status().completed).to.be.lessThan(run.status().total);
    expect(valuesOf(calls, 'cmi.score.scaled')).to.deep.equal([]);
    expect(valuesOf(calls, 'cmi.score.raw')).to.deep.equal([]);
    expect(lmsErrors(calls)).to.deep.equal([]);
  });

  it('hands back scaled_passing_score as the pass mark, and judges success by it', async () => {
    const { calls, reporter } = lms({
      'cmi.scaled_passing_score': '0.2',
      'cmi.learner_id': 'officer-0042',
      'cmi.learner_name': 'Moreau, Lea',
    });
    const run = await runModule(reporter, module, { quiz: 'mixed', scenario: 'harmful' });
    reporter.finish();
    expect(run.launch).to.deep.include({
      mode: 'normal',
      passMark: 20,
      learner: { id: 'officer-0042', name: 'Moreau, Lea' },
    });
    expect(run.status().score!.scaled * 100).to.be.within(20, 80);
    expect(valuesOf(calls, 'cmi.success_status')).to.deep.equal(['passed']);
    expect(lmsErrors(calls)).to.deep.equal([]);
  });

  it('resumes: a later launch gets the saved record, and adds interactions after the saved ones', async () => {
    const first = lms();
    await runModule(first.reporter, module, { quiz: 'right', scenario: 'best' }, { activities: 2 });
    first.reporter.finish();
    const saved = last(first.calls, 'cmi.suspend_data')!;
    const held = first.api.cmi.interactions.childArray.length;
    expect(held).to.be.greaterThan(0);

    // The LMS launches the content again with what the first session left.
    const preload: Record<string, string> = {
      'cmi.entry': 'resume',
      'cmi.completion_status': 'incomplete',
      'cmi.suspend_data': saved,
      'cmi.location': last(first.calls, 'cmi.location')!,
    };
    // …and the interactions of the earlier session, as the LMS keeps them.
    first.api.cmi.interactions.childArray.forEach((stored, n) => {
      const kept = stored as unknown as Record<string, string>;
      preload[`cmi.interactions.${n}.id`] = kept.id!;
      preload[`cmi.interactions.${n}.type`] = kept.type!;
    });
    const { api, calls, reporter } = lms(preload);
    expect(api.cmi.interactions.childArray).to.have.length(held);
    const launch = await reporter.start(module);
    expect(launch.resume).to.equal(saved);
    reporter.record(
      {
        type: 'scenario.chose',
        activityId: 'scenario-five-passports',
        sceneId: 's1-first-line',
        choiceId: 'c1-second-line',
        scoreDelta: 2,
        score: 2,
        critical: false,
        tags: [],
        at: Date.now(),
      },
      { completed: 2, total: 3, progress: 2 / 3, score: undefined, passed: false },
    );
    reporter.finish();
    expect(valuesOf(calls, 'cmi.completion_status')).to.deep.equal([]);
    expect(valuesOf(calls, 'cmi.suspend_data')).to.deep.equal([]);
    expect(indexOfSet(calls, 'cmi.interactions.0.id')).to.equal(-1);
    expect(indexOfSet(calls, `cmi.interactions.${held}.id`)).to.be.greaterThan(-1);
    expect(api.cmi.interactions.childArray).to.have.length(held + 1);
    expect(lmsErrors(calls)).to.deep.equal([]);
  });

  it('records nothing in browse or review mode, but still ends the session', async () => {
    for (const mode of ['browse', 'review'] as const) {
      const { calls, reporter } = lms({ 'cmi.mode': mode });
      const run = await runModule(reporter, module, { quiz: 'right', scenario: 'best' });
      reporter.finish();
      expect(run.launch.mode).to.equal(mode);
      expect(sets(calls)).to.deep.equal([]);
      expect(methodsOf(calls, ERROR_QUERIES).filter((m) => m === 'Terminate')).to.have.length(1);
    }
  });

  it('never writes a resume record over 64,000 characters: it says it is too large', async () => {
    const { calls, reporter } = lms();
    const notices: LmsNotice[] = [];
    reporter.onNotice((notice) => notices.push(notice));
    await reporter.start(module);
    reporter.save('x'.repeat(64_001), 'lesson-two-crimes');
    reporter.save('y'.repeat(64_000), 'lesson-two-crimes');
    await tick();
    reporter.finish();
    expect(valuesOf(calls, 'cmi.suspend_data').map((value) => value.length)).to.deep.equal([
      64_000,
    ]);
    expect(last(calls, 'cmi.location')).to.equal('lesson-two-crimes');
    expect(notices.map((notice) => notice.kind)).to.deep.equal(['too-large']);
    expect(lmsErrors(calls)).to.deep.equal([]);
  });
});
