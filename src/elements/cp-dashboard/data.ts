/**
 * Reading and analysing a source, in the page or in the dashboard's worker: the same code. The
 * records stay where they were read; the page gets the report, the certificates and the
 * learners' names, and asks for one learner's history when the trainer opens it.
 */
import { analyse } from '../../analytics/report.ts';
import {
  deviceSource,
  filesSource,
  lrsSource,
  withModules,
  type DataSource,
  type SourceNote,
  type SourceProblem,
} from '../../analytics/sources/index.ts';
import type { AnalyticsReport } from '../../analytics/types.ts';
import type { Module } from '../../content/schema.ts';
import type { AttemptRecord, DecisionRecord, ItemResponseRecord } from '../../storage/records.ts';
import { issuedCertificates, type Certificate } from './certificates.ts';

/** A source as plain data, so that it can be posted to a worker. */
export type SourceSpec =
  | { readonly kind: 'device'; readonly name?: string }
  | { readonly kind: 'files'; readonly files: readonly File[] }
  | {
      readonly kind: 'lrs';
      readonly endpoint: string;
      readonly key: string;
      readonly secret: string;
      readonly activity: string;
      readonly since: string;
      readonly until: string;
    };

export type Loaded =
  | {
      readonly ok: true;
      readonly notes: readonly SourceNote[];
      readonly counts: {
        readonly learners: number;
        readonly attempts: number;
        readonly responses: number;
      };
      readonly report: AnalyticsReport;
      readonly certificates: readonly Certificate[];
      /** Learner id and name, by name. */
      readonly names: readonly (readonly [string, string])[];
      /** Milliseconds of analysis (not counting the reading). */
      readonly time: number;
    }
  | { readonly ok: false; readonly problem: SourceProblem };

export interface LearnerHistory {
  readonly attempts: readonly AttemptRecord[];
  readonly answers: readonly ItemResponseRecord[];
  readonly decisions: readonly DecisionRecord[];
}

export const NO_HISTORY: LearnerHistory = { attempts: [], answers: [], decisions: [] };

export interface DashboardData {
  load(source: SourceSpec, modules: readonly Module[]): Promise<Loaded>;
  history(learnerId: string): Promise<LearnerHistory>;
  close(): void;
}

function sourceOf(spec: SourceSpec, modules: readonly Module[]): DataSource {
  switch (spec.kind) {
    case 'device':
      return deviceSource(spec.name ? { name: spec.name } : {});
    case 'files':
      return filesSource(spec.files);
    case 'lrs':
      return lrsSource({ ...spec, modules });
  }
}

const byTime = <T extends { readonly at: number }>(a: T, b: T) => a.at - b.at;

/** Everything in this realm (the page, or the worker itself). */
export function localData(): DashboardData {
  let histories = new Map<string, LearnerHistory>();
  return {
    async load(spec, modules) {
      const result = await sourceOf(spec, modules).load();
      histories = new Map();
      if (!result.ok) return result;
      const dataset = withModules(result.records, modules);
      const started = performance.now();
      const report = analyse(dataset);
      const time = performance.now() - started;
      const certificates = await issuedCertificates(dataset, report);
      const names = new Map(dataset.learners.map((learner) => [learner.id, learner.name]));
      for (const row of report.learners) {
        if (!names.has(row.learnerId)) names.set(row.learnerId, row.learnerName);
      }
      const of = (learnerId: string) => {
        let history = histories.get(learnerId);
        if (!history)
          histories.set(learnerId, (history = { attempts: [], answers: [], decisions: [] }));
        return history as {
          attempts: AttemptRecord[];
          answers: ItemResponseRecord[];
          decisions: DecisionRecord[];
        };
      };
      for (const attempt of dataset.attempts) of(attempt.learnerId).attempts.push(attempt);
      for (const response of dataset.responses) {
        if (response.kind === 'item') of(response.learnerId).answers.push(response);
        else of(response.learnerId).decisions.push(response);
      }
      for (const history of histories.values()) {
        (history.attempts as AttemptRecord[]).sort(
          (a, b) => (a.startedAt ?? 0) - (b.startedAt ?? 0),
        );
        (history.answers as ItemResponseRecord[]).sort(byTime);
        (history.decisions as DecisionRecord[]).sort(byTime);
      }
      return {
        ok: true,
        notes: result.notes,
        counts: {
          learners: dataset.learners.length,
          attempts: dataset.attempts.length,
          responses: dataset.responses.length,
        },
        report,
        certificates,
        names: [...names].sort((a, b) => a[1].localeCompare(b[1]) || a[0].localeCompare(b[0])),
        time,
      };
    },
    async history(learnerId) {
      return histories.get(learnerId) ?? NO_HISTORY;
    },
    close() {
      histories = new Map();
    },
  };
}
