/**
 * Hostile content through the whole player: every payload of the corpus in a text field that a
 * learner meets on the way through a module (introduction, lesson pages, quiz items and their
 * feedback, the results and the review, scenario scenes, consequences and endings, the
 * certificate), and in the learner's own short-text answer. No script may run; no dangerous
 * element, event-handler attribute or script address may reach the player's DOM.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { validateModule } from '../../src/content/loader.ts';
import type { Item } from '../../src/content/schema.ts';
import '../../src/elements/cp-player/cp-player.ts';
import type { CpPlayer } from '../../src/elements/cp-player/cp-player.ts';
import { scoreItem } from '../../src/engine/scoring.ts';
import { moduleUrl } from '../helpers/dom.ts';
import { fixtureJson } from '../helpers/fixtures.ts';
import {
  screenOffences,
  shownText,
  takeModule,
  trapScripts,
  type Learner,
} from '../helpers/hostile-walk.ts';
import { clone, setAt, textFields, type Json } from '../helpers/module-doc.ts';

const payloads = await fixtureJson<string[]>('tests/fixtures/xss-payloads.json');
const showcase = await fixtureJson('modules/showcase/module.json');

/** The showcase with every quiz item asked rather than drawn, so the walk meets all of them. */
function everyItemAsked(document: Json): Json {
  const copy = clone(document);
  const { activities } = copy as unknown as { activities: Record<string, unknown>[] };
  for (const activity of activities) delete activity['draw'];
  return copy;
}
const base = everyItemAsked(showcase);
// Addresses keep their values, as in xss.test.ts, which renders hostile ones on their own.
const fields = textFields(base).filter((field) => field.kind !== 'url');
/** Longer than any payload, suffix included. */
const ROOMY = Math.max(...payloads.map((payload) => payload.length)) + 10;

/** Matches and distractors must differ from each other, or the item's key is ambiguous. */
function textFor(value: string, index: number): string {
  const path = fields[index]!.path;
  return path.includes('pairs') || path.includes('distractors') ? `${value} (${index})` : value;
}

function withTexts(values: readonly string[]): Json {
  const document = clone(base);
  fields.forEach((field, index) => setAt(document, field.path, textFor(values[index]!, index)));
  return document;
}

/** The most characters the validator accepts in a field (ROOMY when it takes any payload). */
function capacity(index: number): number {
  const document = clone(base);
  setAt(document, fields[index]!.path, textFor('x'.repeat(ROOMY), index));
  const result = validateModule(document);
  if (result.ok) return ROOMY;
  const limit = result.errors.map((problem) => /at most (\d+) characters/.exec(problem.message));
  const found = limit.find((match) => match !== null)?.[1];
  if (found === undefined) throw new Error(`${fields[index]!.path.join('.')} refuses any text`);
  return Number(found);
}

async function mount(document: Json): Promise<CpPlayer> {
  const id = crypto.randomUUID();
  const storageName = `cp-xss-player-${id}`;
  after(
    () =>
      new Promise<void>((resolve) => {
        const request = indexedDB.deleteDatabase(storageName);
        request.onsuccess = request.onerror = request.onblocked = () => resolve();
      }),
  );
  return fixture<CpPlayer>(
    html`<cp-player
      src=${moduleUrl(document)}
      storage-name=${storageName}
      learner=${`xss-${id}`}
      lms="none"
      .sessionOptions=${{ newSeed: () => 7919 }}
    ></cp-player>`,
  );
}

function validated(document: Json) {
  const result = validateModule(document);
  if (!result.ok) throw new Error(JSON.stringify(result.errors.slice(0, 5)));
  return result.module;
}

/** The fields whose text the learner meets: a marker in each, and the walk looks for them. */
async function fieldsMet(): Promise<number[]> {
  const document = withTexts(fields.map((_, index) => `zq${index}zq`));
  const player = await mount(document);
  const met = new Set<number>();
  await takeModule(player, validated(document), {
    typed: () => 'an answer the learner typed',
    look: () => {
      for (const text of shownText(player)) {
        for (const match of text.matchAll(/zq(\d+)zq/g)) met.add(Number(match[1]));
      }
    },
  });
  player.remove();
  return [...met].sort((a, b) => a - b);
}

/**
 * Each module's text, field by field: the corpus in turn, and every payload once at least on a
 * field the learner meets (the longest payloads on the fields that take long texts).
 */
function distribute(met: readonly number[], capacities: readonly number[]): string[][] {
  if (met.length === 0) throw new Error('the walk met no text of the module');
  const F = fields.length;
  const P = payloads.length;
  const fits = (payload: number, index: number) =>
    textFor(payloads[payload]!, index).length <= capacities[index]!;
  const fitting = (start: number, index: number) => {
    for (let step = 0; step < P; step++) {
      if (fits((start + step) % P, index)) return payloads[(start + step) % P]!;
    }
    throw new Error(`no payload fits ${fields[index]!.path.join('.')}`);
  };
  const modules = Array.from({ length: Math.ceil(P / met.length) }, (_, k) =>
    fields.map((_, index) => fitting(k * F + index, index)),
  );
  const slots = modules
    .flatMap((_, k) => met.map((index) => ({ k, index })))
    .sort((a, b) => capacities[b.index]! - capacities[a.index]!);
  const longestFirst = payloads
    .map((_, payload) => payload)
    .sort((a, b) => payloads[b]!.length - payloads[a]!.length);
  for (const [slot, payload] of longestFirst.entries()) {
    const { k, index } = slots[slot]!;
    if (!fits(payload, index)) throw new Error(`payload ${payload} fits no field that is shown`);
    modules[k]![index] = payloads[payload]!;
  }
  return modules;
}

/** A payload the learner types that is not an accepted answer (so the results show it). */
function typedPayload(item: Extract<Item, { type: 'shortText' }>, k: number): string {
  for (let step = 0; step < payloads.length; step++) {
    const text = payloads[(k * 61 + step) % payloads.length]!;
    // An input keeps one line; surrounding spaces are not the learner's words.
    const typable = text.includes('<') && text === text.trim() && !/[\r\n]/.test(text);
    if (typable && !scoreItem(item, { type: 'shortText', text }).correct) return text;
  }
  throw new Error('no payload to type');
}

const resultsView = (player: CpPlayer) =>
  player.shadowRoot!.querySelector('cp-quiz')?.shadowRoot!.querySelector('section.results');

describe('hostile content in <cp-player>', () => {
  let trap: ReturnType<typeof trapScripts>;
  let met: number[] = [];
  let modules: string[][] = [];

  before(async function () {
    this.timeout(120_000);
    trap = trapScripts();
    met = await fieldsMet();
    modules = distribute(
      met,
      fields.map((_, index) => capacity(index)),
    );
  });

  after(() => trap.release());

  it('puts every payload on a screen the learner reaches, in modules the validator accepts', () => {
    const where = (pattern: RegExp) =>
      met.some((index) => pattern.test(fields[index]!.path.join('.')));
    for (const pattern of [
      /^title$/, // the introduction, the overview and the certificate
      /pages\.\d+\.blocks/,
      /items\.\d+\.prompt/,
      /items\.\d+\.options\.\d+\.feedback/,
      /items\.\d+\.rationale/,
      /accepted/, // the key of the short-text item, in its feedback and the results
      /scenes\.\d+\.choices\.\d+\.consequence/,
      /endings\.\d+\.text/,
    ]) {
      expect(where(pattern), `a field ${pattern} is shown`).to.equal(true);
    }
    const unmet = payloads.filter(
      (payload) => !modules.some((values) => met.some((index) => values[index] === payload)),
    );
    expect(unmet).to.deep.equal([]);
    const refused = modules.filter((values) => !validateModule(withTexts(values)).ok);
    expect(refused.length, `${refused.length} of ${modules.length} modules refused`).to.equal(0);
  });

  it('runs none of them and shows them as text, from the introduction to the certificate', async function () {
    this.timeout(240_000);
    for (const [k, values] of modules.entries()) {
      const document = withTexts(values);
      const player = await mount(document);
      const shown: string[] = [];
      const typed: string[] = [];
      let results = '';
      const learner: Learner = {
        typed: (item) => {
          const text = typedPayload(item, k);
          typed.push(text);
          return text;
        },
        look: (screen) => {
          expect(screenOffences(player), `module ${k + 1}, ${screen}`).to.deep.equal([]);
          shown.push(...shownText(player));
          results += resultsView(player)?.textContent ?? '';
        },
      };
      await takeModule(player, validated(document), learner);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(trap.executed, `module ${k + 1}`).to.deep.equal([]);
      // Not rendered away: the learner's own words come back in the results as typed, and each
      // plain-text field met on the way shows its payload character for character.
      expect(typed.length).to.be.greaterThan(0);
      for (const text of typed) expect(results).to.contain(`“${text}”`);
      const all = shown.join('\n');
      const missing = met.filter(
        (index) => fields[index]!.kind === 'plain' && !all.includes(textFor(values[index]!, index)),
      );
      expect(missing.map((index) => fields[index]!.path.join('.'))).to.deep.equal([]);
      player.remove();
    }
  });
});
