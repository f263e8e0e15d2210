/** <cp-player> in another UI language: Arabic right to left (reflowing at 320 px), and French. */
import { expect, fixture, html } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import { SimulatedClock } from 'xstate';
import '../../../src/elements/cp-player/cp-player.ts';
import type { CpPlayer } from '../../../src/elements/cp-player/cp-player.ts';
import { getLocale, useLocale } from '../../../src/locales/localization.ts';
import { engineFixture } from '../../helpers/engine-fixture.ts';
import { button, moduleUrl, until } from '../../helpers/dom.ts';
import { overflowing } from '../../helpers/layout.ts';

/** The text of a shadow root, every run of white space (no-break spaces too) made one space. */
const text = (el: Element) => (el.shadowRoot!.textContent ?? '').replace(/\s+/g, ' ');
const inPlayer = <T extends Element>(el: CpPlayer, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector);

function document(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const doc = structuredClone(engineFixture) as unknown as Record<string, unknown>;
  return {
    ...doc,
    navigation: 'free',
    contentNotes: ['This module talks about exploitation.'],
    ...overrides,
  };
}

function storageName(): string {
  const name = `cp-rtl-test-${crypto.randomUUID()}`;
  after(() => new Promise((resolve) => (indexedDB.deleteDatabase(name).onsuccess = resolve)));
  return name;
}

/** A box of the given width for the player, made by hand: a wrapper `fixture` waits for a frame. */
function box(width: number | undefined): HTMLElement {
  const element = globalThis.document.createElement('div');
  if (width !== undefined) element.style.inlineSize = `${width}px`;
  globalThis.document.body.append(element);
  after(() => element.remove());
  return element;
}

/** A player in `lang` (none: the module's language), once its intro offers to continue. */
async function player(
  lang: string | undefined,
  continueLabel: string,
  { width, doc = document() }: { width?: number; doc?: Record<string, unknown> } = {},
) {
  const el = await fixture<CpPlayer>(
    html`<cp-player
      lang=${ifDefined(lang)}
      src=${moduleUrl(doc)}
      storage-name=${storageName()}
      .sessionOptions=${{ clock: new SimulatedClock(), newSeed: () => 7919 }}
    ></cp-player>`,
    { parentNode: box(width) },
  );
  await until(() => button(el, continueLabel, true) !== undefined, `"${continueLabel}"`);
  return el;
}

/** Nothing wider than its box, and the player no wider than the 320 px it was given. */
function expectReflow(el: CpPlayer, where: string) {
  expect(overflowing(el), `overflow in ${where}`).to.deep.equal([]);
  expect(el.scrollWidth, `the player's width in ${where}`).to.be.at.most(320);
}

describe('<cp-player> in Arabic and French', () => {
  afterEach(async () => {
    await useLocale('en');
  });

  it('lays out right to left in Arabic, with Arabic buttons', async () => {
    const el = await player('ar', 'متابعة', { width: 320 });
    expect(el.dir).to.equal('rtl');
    expect(getComputedStyle(el).direction).to.equal('rtl');
    expect(getComputedStyle(inPlayer(el, 'h1')!).direction).to.equal('rtl');
    expect(button(el, 'ليس الآن')).to.not.equal(undefined);
    expect(text(el)).to.contain('ستتمكّن من');
    expect(text(el)).to.contain('المدة التقريبية بالدقائق: 5');
    // Logical properties: the note's accent border is on the right, where Arabic lines start.
    const note = getComputedStyle(inPlayer(el, '.note')!);
    expect(parseFloat(note.borderRightWidth)).to.be.greaterThan(0);
    expect(parseFloat(note.borderLeftWidth)).to.equal(0);
    expectReflow(el, 'the intro');
    await expect(el).to.be.accessible();
  });

  it('reflows at 320 px in Arabic: overview, a quiz question and a scenario ending', async () => {
    const el = await player('ar', 'متابعة', { width: 320 });
    button(el, 'متابعة').click();
    await until(() => text(el).includes('الأنشطة المنجزة: 0 من 4'), 'the overview');
    expectReflow(el, 'the overview');
    await expect(el).to.be.accessible();

    button(el, 'فتح: Quiz').click();
    await until(() => !!inPlayer(el, 'cp-quiz'), 'the quiz');
    const quiz = inPlayer(el, 'cp-quiz')!;
    await until(() => button(quiz, 'ابدأ', true) !== undefined, 'the quiz intro');
    expect(text(quiz)).to.contain('درجة النجاح: 50%');
    button(quiz, 'ابدأ').click();
    await until(() => text(quiz).includes('السؤال 1 من 2'), 'the first question');
    expect(getComputedStyle(quiz.shadowRoot!.querySelector('h2')!).direction).to.equal('rtl');
    expectReflow(el, 'a quiz question');
    await expect(el).to.be.accessible();

    button(el, 'العودة إلى الأنشطة').click();
    await until(() => !inPlayer(el, 'cp-quiz'), 'the overview again');
    button(el, 'فتح: Practice').click();
    await until(() => !!inPlayer(el, 'cp-scenario'), 'the scenario');
    const scenario = inPlayer(el, 'cp-scenario')!;
    for (const choice of ['Good', 'Refer']) {
      await until(() => button(scenario, choice, true) !== undefined, choice);
      button(scenario, choice).click();
      await until(() => button(scenario, 'متابعة', true) !== undefined, 'the consequence');
      button(scenario, 'متابعة').click();
    }
    await until(() => text(scenario).includes('النهاية'), 'the ending');
    expect(text(scenario)).to.contain('نتيجة جيدة');
    expect(text(scenario)).to.contain('مسارك');
    expectReflow(el, 'a scenario ending');
    await expect(el).to.be.accessible();
  });

  it('follows the module’s language when the page sets none', async () => {
    const el = await player(undefined, 'متابعة', { doc: document({ language: 'ar-EG' }) });
    expect(el.lang).to.equal('ar-EG');
    expect(el.dir).to.equal('rtl');
    expect(getLocale()).to.equal('ar');
  });

  it('speaks French with lang="fr", left to right', async () => {
    const el = await player('fr', 'Continuer');
    expect(getComputedStyle(el).direction).to.equal('ltr');
    expect(button(el, 'Pas maintenant')).to.not.equal(undefined);
    expect(text(el)).to.contain('Vous serez en mesure de');
    button(el, 'Continuer').click();
    // French puts a no-break space before a colon (text() makes it a plain space).
    await until(() => text(el).includes('Activités terminées : 0 sur 4'), 'the overview');
    expect(button(el, 'Ouvrir\u00a0: Lesson')).to.not.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('switches language when its lang changes', async () => {
    const el = await player('fr', 'Continuer');
    el.lang = 'ar';
    await until(() => button(el, 'متابعة', true) !== undefined, 'Arabic');
    expect(el.dir).to.equal('rtl');
    el.lang = 'en-GB';
    await until(() => button(el, 'Continue', true) !== undefined, 'English');
    expect(el.dir).to.equal('ltr');
  });
});
