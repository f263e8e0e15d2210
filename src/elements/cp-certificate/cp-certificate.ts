import { localized, msg, str } from '@lit/localize';
import { Task } from '@lit/task';
import { deepArrayEquals } from '@lit/task/deep-equals.js';
import { html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { type CertificateData, certificateCode } from '../../engine/certificate.ts';
import { baseStyles } from '../shared/styles.ts';
import { certificateStyles } from './cp-certificate.styles.ts';

/**
 * A certificate date (YYYY-MM-DD) in words, in `locale`. The date is a calendar day, not an
 * instant: it is read and written in UTC so that no time zone moves it to the day before.
 */
function formatDate(iso: string, locale: string | undefined): string {
  const day = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(day.getTime())) return iso;
  const options = { dateStyle: 'long', timeZone: 'UTC' } as const;
  try {
    return new Intl.DateTimeFormat(locale, options).format(day);
  } catch {
    // A `lang` that is no language tag: the browser's own language then.
    return new Intl.DateTimeFormat(undefined, options).format(day);
  }
}

/**
 * A certificate of completion with its verification code, ready to print.
 *
 * The date is written in the element's language: the `lang` of its nearest ancestor that has
 * one, else the document's. When printed, only the certificate itself shows, black on white.
 *
 * @summary A printable certificate of completion for a Checkpoint module.
 * @csspart certificate - The certificate: the part that prints.
 * @csspart code - The verification code.
 * @cssproperty --cp-color-accent - The certificate's border and heading on screen.
 * @cssproperty --cp-color-text - Text colour on screen.
 * @cssproperty --cp-color-surface - Background on screen.
 * @cssproperty --cp-certificate-font - The typeface of the learner's name and the module title.
 */
@localized()
@customElement('cp-certificate')
export class CpCertificate extends LitElement {
  static override styles = [baseStyles, certificateStyles];

  // Deep equality: a host that rebuilds the same data on each render must not recompute the code.
  private readonly code = new Task(this, {
    task: ([data]: readonly [CertificateData | undefined]) =>
      data ? certificateCode(data) : undefined,
    args: () => [this.data] as const,
    argsEqual: deepArrayEquals,
  });

  /** What the certificate attests. */
  @property({ attribute: false }) data?: CertificateData;

  private readonly print = () => window.print();

  override render() {
    const data = this.data;
    if (!data) return nothing;
    const locale =
      this.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || undefined;
    const learner = data.learner.trim() || msg('Learner');
    const date = formatDate(data.issuedAt, locale);
    return html`<article part="certificate" class="certificate" aria-labelledby="title">
        <h2 id="title">${msg('Certificate of completion')}</h2>
        <p class="learner">${learner}</p>
        <p class="completed">${msg('has completed')}</p>
        <p class="module">
          <span class="module-title">${data.moduleTitle}</span>
          <span class="version">${msg(str`(version v${data.version})`)}</span>
        </p>
        <div class="details">
          <p><time datetime=${data.issuedAt}>${date}</time></p>
          <p>${msg(str`Score: ${data.score}\u00a0%`)}</p>
          <p class="verification">
            <span class="label">${msg('Verification code')}</span>
            <code part="code"
              >${this.code.render({
                pending: () => msg('Computing…'),
                complete: (code) => code,
                error: () => msg('Not available'),
              })}</code
            >
          </p>
        </div>
      </article>
      <div class="actions">
        <button class="primary" @click=${this.print}>${msg('Print certificate')}</button>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cp-certificate': CpCertificate;
  }
}
