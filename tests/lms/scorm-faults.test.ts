/**
 * A broken LMS: API methods that throw, answer "false", or refuse with error codes. The learner's
 * run goes on, each problem becomes one notice with the LMS's code and words, and the session is
 * still ended exactly once.
 */
import { expect } from '@open-wc/testing';
import type { Module, Quiz } from '../../src/content/schema.ts';
import type { LmsNotice, Reporter } from '../../src/lms/reporter.ts';
import type { Scorm12Api, Scorm2004Api } from '../../src/lms/scorm/discover.ts';
import { createScorm12Reporter } from '../../src/lms/scorm/scorm12.ts';
import { createScorm2004Reporter } from '../../src/lms/scorm/scorm2004.ts';
import { LMS_SETTINGS, Scorm12API, Scorm2004API } from '../helpers/scorm-lms.ts';
import { runModule, showcaseModule, spyApi } from '../helpers/scorm-session.ts';

const EDITIONS = [
  {
    edition: 'SCORM 1.2',
    names: {
      initialize: 'LMSInitialize',
      terminate: 'LMSFinish',
      getValue: 'LMSGetValue',
      setValue: 'LMSSetValue',
      commit: 'LMSCommit',
      lastError: 'LMSGetLastError',
      errorString: 'LMSGetErrorString',
    },
    lms: () => {
      const api = new Scorm12API(LMS_SETTINGS);
      api.loadFromFlattenedJSON({ 'cmi.core.entry': 'ab-initio' }, '');
      return api as unknown as Record<string, (...args: unknown[]) => unknown>;
    },
    reporter: (api: object) => createScorm12Reporter(api as Scorm12Api),
  },
  {
    edition: 'SCORM 2004',
    names: {
      initialize: 'Initialize',
      terminate: 'Terminate',
      getValue: 'GetValue',
      setValue: 'SetValue',
      commit: 'Commit',
      lastError: 'GetLastError',
      errorString: 'GetErrorString',
    },
    lms: () => {
      const api = new Scorm2004API(LMS_SETTINGS);
      api.loadFromFlattenedJSON({ 'cmi.entry': 'ab-initio' }, '');
      return api as unknown as Record<string, (...args: unknown[]) => unknown>;
    },
    reporter: (api: object) => createScorm2004Reporter(api as Scorm2004Api),
  },
] as const;

const LEARNER = { quiz: 'mixed', scenario: 'best' } as const;
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

async function runThrough(reporter: Reporter, module: Module) {
  const run = await runModule(reporter, module, LEARNER);
  reporter.finish();
  await tick();
  return run;
}

for (const { edition, names, lms, reporter: create } of EDITIONS) {
  describe(`${edition} reporter on a broken LMS`, () => {
    let module: Module;
    before(async () => {
      module = await showcaseModule();
    });

    it('keeps going when every API method throws', async () => {
      const api = lms();
      for (const name of Object.values(names)) {
        api[name] = () => {
          throw new Error(`${name} crashed`);
        };
      }
      const calls = spyApi(api, Object.values(names));
      const reporter = create(api);
      const run = await runThrough(reporter, module);
      expect(run.launch.mode).to.equal('normal');
      expect(run.status().completed).to.equal(run.status().total);
      const refused = run.notices.filter((notice) => notice.kind === 'refused');
      expect(refused.length).to.be.greaterThan(0);
      expect(refused.map((notice) => notice.detail)).to.include(
        `Initialize threw Error: ${names.initialize} crashed`,
      );
      expect(refused.every((notice) => notice.message.length > 0)).to.equal(true);
      // Said once each, not on every answer.
      const details = run.notices.map((notice) => notice.detail);
      expect(new Set(details).size).to.equal(details.length);
      expect(calls.filter((call) => call.method === names.terminate)).to.have.length(1);
    });

    it('keeps going when calls answer "false" without an error code', async () => {
      const api = lms();
      api[names.setValue] = () => 'false';
      api[names.commit] = () => 'false';
      const calls = spyApi(api, Object.values(names));
      const reporter = create(api);
      const run = await runThrough(reporter, module);
      const details = run.notices.map((notice) => notice.detail);
      expect(details).to.include('Commit returned "false"');
      expect(
        details.some((detail) => /^SetValue cmi\.\S+ returned "false"$/.test(detail!)),
      ).to.equal(true);
      expect(run.notices.every((notice) => notice.kind === 'refused')).to.equal(true);
      // Each answer was still offered to the LMS.
      const answers = run.facts.filter((fact) => fact.type === 'item.answered').length;
      const ids = calls.filter(
        (call) =>
          call.method === names.setValue &&
          /^cmi\.interactions\.\d+\.id$/.test(String(call.args[0])),
      );
      expect(ids.length).to.be.at.least(answers);
      expect(calls.filter((call) => call.method === names.terminate)).to.have.length(1);
    });

    it("passes the LMS's error code and words on when it refuses, and carries on", async () => {
      const api = lms();
      // Something else in the page has opened the LMS session already: the LMS refuses a second.
      expect(api[names.initialize]!('')).to.equal('true');
      const calls = spyApi(api, Object.values(names));
      const reporter = create(api);
      const run = await runThrough(reporter, module);
      const refusal = calls.find((call) => call.method === names.lastError && call.result !== '0');
      expect(refusal, 'the LMS refused').to.not.equal(undefined);
      const code = String(refusal!.result);
      const words = String(api[names.errorString]!(code));
      expect(words).to.not.equal('');
      expect(run.notices[0]).to.deep.include({
        kind: 'refused',
        detail: `Initialize: error ${code} (${words})`,
      });
      expect(run.notices.every((notice) => notice.kind === 'refused')).to.equal(true);
      // Every write after it went through.
      const failedWrites = calls.filter(
        (call, index) =>
          call.method === names.lastError &&
          call.result !== '0' &&
          [names.setValue, names.commit].some((method) => method === calls[index - 1]!.method),
      );
      expect(failedWrites).to.deep.equal([]);
      expect(calls.filter((call) => call.method === names.setValue).length).to.be.greaterThan(10);
      expect(calls.filter((call) => call.method === names.terminate)).to.have.length(1);
    });

    it('opens in normal mode when reads fail, with no resume record', async () => {
      const api = lms();
      api[names.getValue] = () => {
        throw new TypeError('no data model');
      };
      const reporter = create(api);
      const notices: LmsNotice[] = [];
      reporter.onNotice((notice) => notices.push(notice));
      const launch = await reporter.start(module);
      expect(launch).to.deep.equal({ mode: 'normal' });
      await tick();
      const details = notices.map((notice) => notice.detail ?? '');
      expect(
        details.some((detail) => /^GetValue cmi\.\S+ threw TypeError: no data model$/.test(detail)),
      ).to.equal(true);
      reporter.finish();
    });

    it('never throws, even on a fact it cannot report', async () => {
      const api = lms();
      const reporter = create(api);
      const notices: LmsNotice[] = [];
      reporter.onNotice((notice) => notices.push(notice));
      // A module changed under the learner: a single-choice item no longer has a correct option.
      const original = module.activities.find(
        (activity): activity is Quiz => activity.type === 'quiz',
      )!;
      const itemId = original.items.find((item) => item.type === 'single')!.id;
      const broken = structuredClone(module) as unknown as {
        activities: { id: string; items?: { id: string; options?: { correct?: boolean }[] }[] }[];
      };
      broken.activities
        .find((activity) => activity.id === original.id)!
        .items!.find((item) => item.id === itemId)!
        .options!.forEach((option) => delete option.correct);
      await reporter.start(broken as unknown as Module);
      expect(() =>
        reporter.record(
          {
            type: 'item.answered',
            activityId: original.id,
            itemId,
            attempt: 1,
            response: { type: 'single', optionId: 'anything' },
            score: { raw: 0, min: 0, max: 1, scaled: 0 },
            correct: false,
            tags: [],
            at: Date.now(),
            latency: 1000,
          },
          { completed: 0, total: 3, progress: 0, score: undefined, passed: false },
        ),
      ).to.not.throw();
      await tick();
      expect(notices.map((notice) => notice.kind)).to.include('refused');
      expect(() => reporter.finish()).to.not.throw();
    });
  });
}
