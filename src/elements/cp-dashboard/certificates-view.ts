/**
 * Certificates issued, and a field that tells whether a code someone typed belongs to one of
 * them.
 */
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import type { Certificate } from './certificates.ts';
import type { Column } from './data-table.ts';
import './data-table.ts';
import { formatPercent } from './format.ts';

export type Verification =
  | { readonly state: 'idle' }
  | { readonly state: 'checking' }
  | { readonly state: 'valid'; readonly code: string; readonly certificate: Certificate }
  | { readonly state: 'invalid'; readonly code: string };

export const certificateColumns = (): Column<Certificate>[] => [
  { id: 'learner', label: msg('Learner'), value: (row) => row.data.learner },
  { id: 'module', label: msg('Module'), value: (row) => row.data.moduleTitle },
  { id: 'version', label: msg('Version'), value: (row) => row.data.version },
  { id: 'issued', label: msg('Issued (UTC)'), value: (row) => row.data.issuedAt },
  {
    id: 'score',
    label: msg('Score (%)'),
    numeric: true,
    value: (row) => row.data.score,
    format: (value) => formatPercent(value as number),
  },
  { id: 'code', label: msg('Verification code'), value: (row) => row.code },
];

export interface CertificatesViewModel {
  readonly certificates: readonly Certificate[];
  readonly verification: Verification;
  readonly onVerify: (code: string) => void;
}

function renderVerdict(verification: Verification): TemplateResult | typeof nothing {
  switch (verification.state) {
    case 'idle':
      return nothing;
    case 'checking':
      return html`${msg('Checking…')}`;
    case 'valid': {
      const { data } = verification.certificate;
      return html`<span class="verdict">${msg('Valid.')}</span> ${msg(
          str`${verification.code} is the code of the certificate of ${data.learner} for “${data.moduleTitle}” (version ${data.version}), issued on ${data.issuedAt} with a score of ${data.score} %.`,
        )}`;
    }
    case 'invalid':
      return html`<span class="verdict">${msg('Not valid.')}</span>
        ${msg(str`No certificate in these results has the code ${verification.code}.`)}`;
  }
}

export function renderCertificates(model: CertificatesViewModel): TemplateResult {
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    model.onVerify(new FormData(form).get('code')?.toString() ?? '');
  };
  return html`<form class="filters" @submit=${submit}>
      <label class="field">
        ${msg('Verification code')}
        <input name="code" autocomplete="off" spellcheck="false" required />
      </label>
      <button type="submit" class="primary">${msg('Verify')}</button>
    </form>
    <p class=${model.verification.state === 'idle' ? '' : 'notice'} role="status">
      ${renderVerdict(model.verification)}
    </p>
    <cp-dashboard-table
      caption=${msg('Certificates issued')}
      filename="certificates"
      .columns=${certificateColumns()}
      .rows=${model.certificates}
    ></cp-dashboard-table>`;
}
