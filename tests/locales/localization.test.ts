import { msg } from '@lit/localize';
import { expect } from '@open-wc/testing';
import { templates as arabic } from '../../src/locales/generated/ar.ts';
import { templates as french } from '../../src/locales/generated/fr.ts';
import { directionOf, getLocale, matchLocale, useLocale } from '../../src/locales/localization.ts';

interface Unit {
  readonly id: string;
  readonly source: Element;
  readonly target: Element | null;
}

/** The translation units of one XLIFF file, as lit-localize extracted them. */
async function units(locale: string): Promise<Unit[]> {
  const response = await fetch(`/src/locales/xliff/${locale}.xlf`);
  expect(response.ok, `${locale}.xlf is served`).to.equal(true);
  const xml = new DOMParser().parseFromString(await response.text(), 'application/xml');
  expect(xml.querySelector('parsererror'), `${locale}.xlf is well formed`).to.equal(null);
  expect(xml.querySelector('file')!.getAttribute('target-language')).to.equal(locale);
  return [...xml.querySelectorAll('trans-unit')].map((unit) => ({
    id: unit.getAttribute('id')!,
    source: unit.querySelector('source')!,
    target: unit.querySelector('target'),
  }));
}

/** The placeholders of a source or target, as `<x id="…" equiv-text="…"/>` written out. */
const placeholders = (element: Element) =>
  [...element.querySelectorAll('x')]
    .map((x) => `${x.getAttribute('id')}=${x.getAttribute('equiv-text')}`)
    .sort();

describe('UI translations', () => {
  afterEach(async () => {
    await useLocale('en');
  });

  for (const [locale, generated] of [
    ['fr', french],
    ['ar', arabic],
  ] as const) {
    it(`translates every message into ${locale}, placeholders kept`, async () => {
      const all = await units(locale);
      expect(all.length).to.be.greaterThan(100);
      const missing = all
        .filter(({ target }) => !target || (target.textContent ?? '').trim() === '')
        .map(({ id, source }) => `${id}: ${source.textContent}`);
      expect(missing, 'messages without a translation').to.deep.equal([]);
      const broken = all
        .filter(
          ({ source, target }) => placeholders(source).join() !== placeholders(target!).join(),
        )
        .map(({ id }) => id);
      expect(broken, 'translations whose placeholders differ from the source').to.deep.equal([]);
      // The generated module is built from this file: no message left out of the last build.
      const stale = all.filter(({ id }) => !(id in generated)).map(({ id }) => id);
      expect(
        stale,
        'messages missing from the generated module (run npm run localize)',
      ).to.deep.equal([]);
    });
  }

  it('has the same messages in every language', async () => {
    const ids = async (locale: string) => (await units(locale)).map(({ id }) => id).sort();
    expect(await ids('ar')).to.deep.equal(await ids('fr'));
  });

  it('picks the closest supported locale for a language tag', () => {
    expect(matchLocale('fr')).to.equal('fr');
    expect(matchLocale('fr-CA')).to.equal('fr');
    expect(matchLocale('FR-be')).to.equal('fr');
    expect(matchLocale('ar-EG')).to.equal('ar');
    expect(matchLocale('ar_MA')).to.equal('ar');
    expect(matchLocale('en-GB')).to.equal('en');
    expect(matchLocale('de')).to.equal('en');
    expect(matchLocale('fil')).to.equal('en');
    expect(matchLocale('')).to.equal('en');
  });

  it('switches the page to that locale and says which it used', async () => {
    expect(getLocale()).to.equal('en');
    expect(msg('Continue')).to.equal('Continue');
    expect(await useLocale('fr-CA')).to.equal('fr');
    expect(getLocale()).to.equal('fr');
    expect(msg('Continue')).to.equal('Continuer');
    expect(await useLocale('ar-EG')).to.equal('ar');
    expect(msg('Continue')).to.equal('متابعة');
    expect(await useLocale('de-AT')).to.equal('en');
    expect(msg('Continue')).to.equal('Continue');
  });

  it('knows which languages are written right to left', () => {
    for (const lang of ['ar', 'ar-EG', 'fa', 'he', 'ur-PK', 'AR']) {
      expect(directionOf(lang), lang).to.equal('rtl');
    }
    for (const lang of ['en', 'fr-CA', 'de', 'arn', '']) {
      expect(directionOf(lang), lang).to.equal('ltr');
    }
  });
});
