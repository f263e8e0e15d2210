/**
 * The dashboard at class scale — 1,000 learners × 100 items (100,000 answers) plus a scenario —
 * stays small in the DOM, and hostile text in names and titles shows as text.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { generateDataset } from '../../../src/analytics/generate.ts';
import type { Dataset } from '../../../src/analytics/types.ts';
import type { Module } from '../../../src/content/schema.ts';
import '../../../src/elements/cp-dashboard/cp-dashboard.ts';
import type { CpDashboard } from '../../../src/elements/cp-dashboard/cp-dashboard.ts';
import { button } from '../../helpers/dom.ts';
import { resultsFile } from '../../helpers/dashboard-fixture.ts';
import {
  chooseFiles,
  column,
  flat,
  root,
  rows,
  showView,
  table,
  tables,
} from '../../helpers/dashboard-harness.ts';
import { fixtureJson } from '../../helpers/fixtures.ts';

const VIEWS = [
  'Overview',
  'Learners',
  'Items',
  'Scenario decisions',
  'Mastery by tag',
  'One learner',
  'Certificates',
];

async function dashboard(modules: readonly Module[]): Promise<CpDashboard> {
  const el = await fixture<CpDashboard>(html`<cp-dashboard .modules=${modules}></cp-dashboard>`);
  await el.updateComplete;
  return el;
}

/** Every element in the dashboard, through the shadow roots of its tables. */
function allElements(node: Element | ShadowRoot): Element[] {
  return [...node.querySelectorAll('*')].flatMap((element) => [
    element,
    ...(element.shadowRoot ? allElements(element.shadowRoot) : []),
  ]);
}

describe('cp-dashboard: 1,000 learners × 100 items', () => {
  it('loads, analyses and renders every view with a small DOM', async function () {
    this.timeout(180_000);
    const dataset = generateDataset({ learners: 1_000, items: 100, scenes: 5, seed: 7 });
    expect(dataset.responses.filter((r) => r.kind === 'item')).to.have.length(100_000);
    const file = resultsFile(dataset, 'class.json');
    const el = await dashboard(dataset.modules);
    let analysis = 0;
    el.addEventListener('cp-dashboard-loaded', (event) => {
      analysis = (event as CustomEvent<{ time: number }>).detail.time;
    });
    // How long the page itself stays busy while the file is read and analysed.
    let longestPause = 0;
    let tick = performance.now();
    const heartbeat = setInterval(() => {
      const now = performance.now();
      longestPause = Math.max(longestPause, now - tick);
      tick = now;
    }, 10);
    const started = performance.now();
    await chooseFiles(el, [file], 150_000);
    const loadedAt = performance.now();
    clearInterval(heartbeat);
    console.log(
      `dashboard 1,000 × 100: file ${(file.size / 1e6).toFixed(1)} MB read, checked and analysed in ${Math.round(loadedAt - started)} ms (analysis ${Math.round(analysis)} ms); the page's longest pause meanwhile: ${Math.round(longestPause)} ms`,
    );
    expect(flat(root(el).textContent)).to.contain('1000 learners');

    const timings: string[] = [];
    for (const view of VIEWS) {
      const before = performance.now();
      await showView(el, view);
      timings.push(`${view} ${Math.round(performance.now() - before)} ms`);
      expect(allElements(root(el)).length, `elements in ${view}`).to.be.below(5_000);
    }
    console.log(`dashboard 1,000 × 100 views: ${timings.join(', ')}`);

    await showView(el, 'Learners');
    const learners = table(el, 'Learners');
    expect(rows(learners)).to.have.length(50);
    expect(flat(root(learners).querySelector('.pager [role="status"]')?.textContent)).to.equal(
      'Page 1 of 20: rows 1–50 of 1000',
    );
    const first = column(learners, 'Learner');
    button(learners, 'Next page').click();
    await learners.updateComplete;
    const second = column(learners, 'Learner');
    expect(second).to.have.length(50);
    expect(second.filter((name) => first.includes(name))).to.deep.equal([]);
    expect(flat(root(learners).querySelector('.pager [role="status"]')?.textContent)).to.equal(
      'Page 2 of 20: rows 51–100 of 1000',
    );

    await showView(el, 'Items');
    const items = table(el, 'Item analysis');
    expect(flat(root(items).querySelector('.pager [role="status"]')?.textContent)).to.contain(
      'of 100',
    );
    // One item in twenty is built to run against ability: some must be flagged in words.
    expect(
      tables(el)
        .flatMap((t) => column(t, 'Flags'))
        .some((flags) => flags.includes('Negative discrimination')),
    ).to.equal(true);
  });
});

describe('cp-dashboard: hostile text', () => {
  let payloads: string[];
  before(async () => {
    payloads = await fixtureJson<string[]>('tests/fixtures/xss-payloads.json');
  });

  it('shows hostile learner names, titles, prompts and choices as text in every view', async () => {
    const generated = generateDataset({ learners: payloads.length, items: 5, scenes: 2, seed: 3 });
    const pick = (index: number) => payloads[index % payloads.length]!;
    const [synthetic] = generated.modules as Module[];
    const module = structuredClone(synthetic!) as unknown as Record<string, unknown> & Module;
    Object.assign(module, { title: pick(0) });
    for (const activity of module.activities) {
      Object.assign(activity, { title: pick(1) });
      if (activity.type === 'quiz') {
        activity.items.forEach((item, i) => Object.assign(item, { prompt: pick(i + 2) }));
      }
      if (activity.type === 'scenario') {
        activity.scenes.forEach((scene, i) => {
          Object.assign(scene, { title: pick(i + 10) });
          scene.choices.forEach((choice, j) =>
            Object.assign(choice, { text: pick(i * 3 + j + 20) }),
          );
        });
      }
    }
    const dataset: Dataset = {
      ...generated,
      learners: generated.learners.map((learner, i) => ({ ...learner, name: payloads[i]! })),
    };
    const el = await dashboard([module]);
    delete (window as unknown as { __xss?: boolean }).__xss;
    await chooseFiles(el, [resultsFile(dataset, 'hostile.json')], 30_000);
    const dangerous =
      'script, iframe, frame, object, embed, base, meta, link, style, img, svg, math, template, video, audio';
    for (const view of VIEWS) {
      await showView(el, view);
      const elements = allElements(root(el));
      expect(
        elements.filter((element) => element.matches(dangerous)).map((e) => e.localName),
        view,
      ).to.deep.equal([]);
      const handlers = elements.flatMap((element) =>
        [...element.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name),
      );
      expect(handlers, view).to.deep.equal([]);
    }
    await showView(el, 'Learners');
    const shown = column(table(el, 'Learners'), 'Learner');
    expect(shown).to.have.length(50);
    const expected = new Set(payloads.map((payload) => flat(payload)));
    expect(shown.every((name) => expected.has(name))).to.equal(true);
    expect(column(table(el, 'Learners'), 'Module')[0]).to.equal(flat(pick(0)));
    expect((window as unknown as { __xss?: boolean }).__xss).to.equal(undefined);
    await expect(el).to.be.accessible();
  });
});
