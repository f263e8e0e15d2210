import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/cp-certificate/cp-certificate.ts';
import type { CpCertificate } from '../../../src/elements/cp-certificate/cp-certificate.ts';
import { certificateCode } from '../../../src/engine/certificate.ts';
import {
  button,
  certificateText,
  flat,
  heading,
  sampleCertificate as data,
  shownCode,
  shownDate,
} from '../../helpers/certificate-harness.ts';

async function certificateIn(lang: string, certificate = data): Promise<CpCertificate> {
  const wrapper = await fixture<HTMLDivElement>(
    html`<div lang=${lang}><cp-certificate .data=${certificate}></cp-certificate></div>`,
  );
  const el = wrapper.querySelector('cp-certificate')!;
  await el.updateComplete;
  return el;
}

/**
 * The element's own `@media print` rules as a sheet that applies on screen. Not every engine's
 * driver can emulate print media (Firefox over BiDi, WebKitGTK over WebDriver cannot), so the
 * rules are lifted out of the element's styles and the cascade is checked the same way in each.
 */
function printRules(el: CpCertificate): CSSStyleSheet {
  const print = el
    .shadowRoot!.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules])
    .filter((rule): rule is CSSMediaRule => rule instanceof CSSMediaRule)
    .filter((rule) => rule.media.mediaText === 'print');
  expect(print, '@media print rules').to.have.length.greaterThan(0);
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(print.flatMap((rule) => [...rule.cssRules].map((r) => r.cssText)).join('\n'));
  return sheet;
}

describe('cp-certificate', () => {
  it('renders nothing without data, and is accessible', async () => {
    const el = await fixture<CpCertificate>(html`<cp-certificate></cp-certificate>`);
    expect(el.shadowRoot!.querySelector('[part~="certificate"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('states who completed which module, when and with which score', async () => {
    const el = await certificateIn('en');
    expect(flat(heading(el)?.textContent)).to.equal('Certificate of completion');
    const text = certificateText(el);
    expect(text).to.contain('Ana Petrović');
    expect(text).to.contain('has completed');
    expect(text).to.contain('Document checks at the first line');
    expect(text).to.contain('(version v1.2.0)');
    expect(text).to.contain('Score: 87 %');
    expect(text).to.contain('Verification code');
    expect(el.shadowRoot!.querySelector('time')!.getAttribute('datetime')).to.equal('2025-03-14');
    await shownCode(el);
    await expect(el).to.be.accessible();
  });

  it('is named by its heading', async () => {
    const el = await certificateIn('en');
    const article = el.shadowRoot!.querySelector('[part~="certificate"]')!;
    expect(article.localName).to.equal('article');
    expect(article.getAttribute('aria-labelledby')).to.equal(heading(el)!.id);
  });

  it('prints "Learner" when the name is empty', async () => {
    const el = await certificateIn('en', { ...data, learner: '  ' });
    expect(flat(el.shadowRoot!.querySelector('.learner')?.textContent)).to.equal('Learner');
    await expect(el).to.be.accessible();
  });

  it('shows the verification code of its data', async () => {
    const el = await certificateIn('en');
    expect(await shownCode(el)).to.equal(await certificateCode(data));
  });

  it('shows the new code when its data change', async () => {
    const el = await certificateIn('en');
    const before = await shownCode(el);
    const changed = { ...data, score: 92 };
    el.data = changed;
    await el.updateComplete;
    const code = el.shadowRoot!.querySelector('[part~="code"]')!;
    await waitUntil(() => flat(code.textContent) !== before && /-/.test(code.textContent ?? ''));
    expect(await shownCode(el)).to.equal(await certificateCode(changed));
    expect(certificateText(el)).to.contain('Score: 92 %');
    await expect(el).to.be.accessible();
  });

  it('writes the date in the language of the nearest ancestor with a lang', async () => {
    expect(shownDate(await certificateIn('en'))).to.match(/March/);
    expect(shownDate(await certificateIn('fr'))).to.match(/14 mars 2025/);
    expect(shownDate(await certificateIn('de'))).to.match(/März/);
  });

  it('keeps the calendar day whatever the time zone', async () => {
    const el = await certificateIn('en', { ...data, issuedAt: '2025-01-01' });
    expect(shownDate(el)).to.match(/January 1, 2025|1 January 2025/);
  });

  it('falls back to the document language when no ancestor has one', async () => {
    const before = document.documentElement.lang;
    document.documentElement.lang = 'fr';
    try {
      const el = await fixture<CpCertificate>(
        html`<cp-certificate .data=${data}></cp-certificate>`,
      );
      expect(shownDate(el)).to.match(/mars/);
    } finally {
      document.documentElement.lang = before;
    }
  });

  describe('printing', () => {
    const print = window.print;
    let calls = 0;
    beforeEach(() => {
      calls = 0;
      window.print = () => {
        calls++;
      };
    });
    afterEach(() => {
      window.print = print;
    });

    it('prints when the learner clicks "Print certificate"', async () => {
      const el = await certificateIn('en');
      button(el, 'Print certificate').click();
      expect(calls).to.equal(1);
    });

    it('prints from the keyboard: Tab to the button, then Enter', async () => {
      const el = await certificateIn('en');
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement).to.equal(button(el, 'Print certificate'));
      await sendKeys({ press: 'Enter' });
      expect(calls).to.equal(1);
    });
  });

  it('prints the certificate alone, black on white with a plain border', async () => {
    const el = await certificateIn('en');
    const root = el.shadowRoot!;
    const sheets = root.adoptedStyleSheets;
    root.adoptedStyleSheets = [...sheets, printRules(el)];
    try {
      const certificate = root.querySelector<HTMLElement>('[part~="certificate"]')!;
      const style = getComputedStyle(certificate);
      expect(button(el, 'Print certificate').getClientRects().length, 'button shown').to.equal(0);
      expect(getComputedStyle(el).color).to.equal('rgb(0, 0, 0)');
      expect(getComputedStyle(el).backgroundColor).to.equal('rgb(255, 255, 255)');
      for (const text of root.querySelectorAll('h2, p, span, time, code'))
        expect(getComputedStyle(text).color, text.localName).to.equal('rgb(0, 0, 0)');
      expect(style.borderTopStyle).to.equal('solid');
      expect(style.borderTopColor).to.equal('rgb(0, 0, 0)');
    } finally {
      root.adoptedStyleSheets = sheets;
    }
  });

  it('reflows at 320 px: nothing wider than the screen, long names wrap', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="en" style="inline-size: 320px">
        <cp-certificate
          .data=${{ ...data, learner: 'Maximiliana-Konstantina Papadopoulou-Vandenberghe' }}
        ></cp-certificate>
      </div>`,
    );
    const el = wrapper.querySelector('cp-certificate')!;
    await shownCode(el);
    const certificate = el.shadowRoot!.querySelector<HTMLElement>('[part~="certificate"]')!;
    expect(certificate.getBoundingClientRect().width).to.be.at.most(320);
    expect(certificate.scrollWidth).to.be.at.most(certificate.clientWidth);
    for (const child of el.shadowRoot!.querySelectorAll<HTMLElement>('p, h2, button')) {
      expect(child.getBoundingClientRect().right, child.className || child.localName).to.be.at.most(
        wrapper.getBoundingClientRect().right + 0.5,
      );
    }
  });
});
