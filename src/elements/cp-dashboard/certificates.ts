/**
 * Certificates issued: one per learner and passed module, with the code the player printed on
 * it. Pure: runs in the page or in the dashboard's worker.
 */
import type { AnalyticsReport, Dataset } from '../../analytics/types.ts';
import {
  certificateCode,
  verifyCertificate,
  type CertificateData,
} from '../../engine/certificate.ts';

export interface Certificate {
  readonly data: CertificateData;
  readonly code: string;
}

/**
 * What each passed learner × module attests, as the player wrote it: the module's score (its
 * grading rule) in whole percent, the content version of the attempt that passed, and the day
 * (UTC) the module was passed.
 */
export async function issuedCertificates(
  dataset: Dataset,
  report: AnalyticsReport,
): Promise<Certificate[]> {
  const latestVersion = new Map<string, { at: number; version: string }>();
  for (const attempt of dataset.attempts) {
    if (attempt.passed !== true && attempt.status !== 'completed') continue;
    const id = JSON.stringify([attempt.learnerId, attempt.moduleId]);
    const at = attempt.endedAt ?? attempt.startedAt ?? 0;
    const seen = latestVersion.get(id);
    if (!seen || at >= seen.at) latestVersion.set(id, { at, version: attempt.version });
  }
  const passed = report.learners.filter((row) => row.status === 'passed');
  const data = passed.flatMap((row): CertificateData[] => {
    const version = latestVersion.get(JSON.stringify([row.learnerId, row.moduleId]))?.version;
    const at = row.completedAt ?? row.lastActiveAt;
    if (version === undefined || at === null) return [];
    return [
      {
        learner: row.learnerName,
        learnerId: row.learnerId,
        moduleId: row.moduleId,
        moduleTitle: row.moduleTitle,
        version,
        issuedAt: new Date(at).toISOString().slice(0, 10),
        score: row.score === null ? 100 : Math.round(row.score * 100),
      },
    ];
  });
  const codes = await Promise.all(data.map((certificate) => certificateCode(certificate)));
  return data.map((certificate, index) => ({ data: certificate, code: codes[index]! }));
}

/** The certificate whose code this is, if any (typing slips forgiven as on paper). */
export async function findCertificate(
  certificates: readonly Certificate[],
  code: string,
): Promise<Certificate | undefined> {
  const checks = await Promise.all(
    certificates.map((certificate) => verifyCertificate(certificate.data, code)),
  );
  return certificates[checks.indexOf(true)];
}
