/** Reading and using `<cp-certificate>` as a learner does: by role, accessible name and text. */
import { waitUntil } from '@open-wc/testing';
import type { CertificateData } from '../../src/engine/certificate.ts';
import type { CpCertificate } from '../../src/elements/cp-certificate/cp-certificate.ts';

export const sampleCertificate: CertificateData = {
  learner: 'Ana Petrović',
  learnerId: 'learner-42',
  moduleId: 'document-checks',
  moduleTitle: 'Document checks at the first line',
  version: '1.2.0',
  issuedAt: '2025-03-14',
  score: 87,
};

const root = (el: CpCertificate) => el.shadowRoot!;

/** Text with runs of white space (including no-break spaces) made one plain space. */
export const flat = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/** The certificate's whole visible text, flattened. */
export const certificateText = (el: CpCertificate) =>
  flat(root(el).querySelector('[part~="certificate"]')?.textContent);

export const heading = (el: CpCertificate) => root(el).querySelector('h2');

export const shownDate = (el: CpCertificate) => flat(root(el).querySelector('time')?.textContent);

/** The button whose accessible name (its text) is `name`. */
export function button(el: CpCertificate, name: string): HTMLButtonElement {
  const found = [...root(el).querySelectorAll('button')].find((b) => flat(b.textContent) === name);
  if (!found) throw new Error(`no button "${name}"`);
  return found;
}

/** The verification code once computed (the Task resolves after the first render). */
export async function shownCode(el: CpCertificate): Promise<string> {
  const code = root(el).querySelector('[part~="code"]');
  if (!code) throw new Error('no verification code part');
  await waitUntil(() => /^\w{4}-\w{4}-\w{4}$/.test(flat(code.textContent)), 'code not shown');
  return flat(code.textContent);
}
