/**
 * The dashboard over this device's database, filled by real engine sessions saved the way the
 * player saves them: the numbers in each view, sorting, filtering and search by keyboard, the
 * learner's history, and accessibility in every state.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/cp-dashboard/cp-dashboard.ts';
import type { CpDashboard } from '../../../src/elements/cp-dashboard/cp-dashboard.ts';
import { typeText } from '../../helpers/keyboard.ts';
import { button, focusedIn, until } from '../../helpers/dom.ts';
import { FAILS, PASSES, STARTS, recordRuns } from '../../helpers/dashboard-fixture.ts';
import {
  column,
  field,
  flat,
  headers,
  readDevice,
  root,
  rows,
  showView,
  spoken,
  table,
  tables,
} from '../../helpers/dashboard-harness.ts';
import { Databases, freeModule } from '../../helpers/storage-fixture.ts';

const module = freeModule();

async function dashboard(storageName: string, modules = [module]): Promise<CpDashboard> {
  const el = await fixture<CpDashboard>(
    html`<cp-dashboard storage-name=${storageName} .modules=${modules}></cp-dashboard>`,
  );
  await el.updateComplete;
  return el;
}

/** Focuses a control in a table's shadow root and presses a key, as a keyboard user would. */
async function press(control: HTMLElement, key: string): Promise<void> {
  control.focus();
  await sendKeys({ press: key });
}

describe('cp-dashboard: this device', () => {
  const dbs = new Databases();
  let name: string;

  before(async () => {
    name = dbs.name('dashboard');
    await recordRuns(name, [
      { learnerId: 'ana', name: 'Ana Petrović', ...PASSES },
      { learnerId: 'bo', name: 'Bo Lindqvist', ...FAILS },
      { learnerId: 'chidi', name: 'Chidi Okafor', ...STARTS },
    ]);
  });
  after(() => dbs.cleanup());

  it('offers the sources, and is accessible before anything is read', async () => {
    const el = await dashboard(name);
    expect(flat(root(el).querySelector('legend')?.textContent)).to.equal('Where are the results?');
    expect(button(el, 'Read results on this device').disabled).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('shows each module with its learners, completion and pass rates', async () => {
    const el = await dashboard(name);
    await readDevice(el);
    const text = flat(root(el).textContent);
    expect(text).to.contain('3 learners');
    const overview = table(el, 'Modules');
    const cells = Object.fromEntries(headers(overview).map((h, i) => [h, rows(overview)[0]![i]]));
    expect(cells).to.include({
      Module: 'Engine fixture',
      Learners: '3',
      Passed: '1',
      Failed: '1',
      'In progress': '1',
      'Completion (%)': '66.7 %',
      'Pass rate (%)': '50 %',
    });
    const card = root(el).querySelector('.card')!;
    expect(flat(card.textContent)).to.contain('Pass rate 50 %');
    expect(flat(card.querySelector('figcaption')?.textContent)).to.contain('Score distribution');
    await expect(el).to.be.accessible();
  });

  it('lists every learner with status and score', async () => {
    const el = await dashboard(name);
    await readDevice(el);
    await showView(el, 'Learners');
    const learners = table(el, 'Learners');
    expect(column(learners, 'Learner')).to.deep.equal([
      'Ana Petrović',
      'Bo Lindqvist',
      'Chidi Okafor',
    ]);
    expect(column(learners, 'Status')).to.deep.equal(['Passed', 'Failed', 'In progress']);
    expect(column(learners, 'Score (%)').slice(0, 2)).to.deep.equal(['100 %', '0 %']);
    await expect(el).to.be.accessible();
  });

  it('sorts by any column from the keyboard and says so with aria-sort', async () => {
    const el = await dashboard(name);
    await readDevice(el);
    await showView(el, 'Learners');
    const learners = table(el, 'Learners');
    const header = (label: string) =>
      [...root(learners).querySelectorAll('thead th')].find((th) => flat(spoken(th)) === label)!;
    const sortButton = (label: string) => header(label).querySelector('button')!;

    await press(sortButton('Score (%)'), 'Enter');
    await learners.updateComplete;
    expect(header('Score (%)').getAttribute('aria-sort')).to.equal('ascending');
    expect(column(learners, 'Learner')).to.deep.equal([
      'Bo Lindqvist',
      'Ana Petrović',
      'Chidi Okafor',
    ]);

    await press(sortButton('Score (%)'), ' ');
    await learners.updateComplete;
    expect(header('Score (%)').getAttribute('aria-sort')).to.equal('descending');
    // Empty scores stay last in both directions.
    expect(column(learners, 'Learner')).to.deep.equal([
      'Ana Petrović',
      'Bo Lindqvist',
      'Chidi Okafor',
    ]);

    await press(sortButton('Learner'), 'Enter');
    await learners.updateComplete;
    expect(header('Learner').getAttribute('aria-sort')).to.equal('ascending');
    expect(header('Score (%)').hasAttribute('aria-sort')).to.equal(false);
    await press(sortButton('Learner'), 'Enter');
    await learners.updateComplete;
    expect(column(learners, 'Learner')).to.deep.equal([
      'Chidi Okafor',
      'Bo Lindqvist',
      'Ana Petrović',
    ]);
    expect(focusedIn(learners)).to.equal(sortButton('Learner'));
    await expect(el).to.be.accessible();
  });

  it('filters by status and searches by name, typing as a user does', async () => {
    const el = await dashboard(name);
    await readDevice(el);
    await showView(el, 'Learners');
    const status = field<HTMLSelectElement>(el, 'Status');
    status.focus();
    // Any status → Not started → In progress → Passed → Failed: arrow keys on the closed list.
    for (let i = 0; i < 4; i++) await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    await table(el, 'Learners').updateComplete;
    expect(status.value).to.equal('failed');
    expect(column(table(el, 'Learners'), 'Learner')).to.deep.equal(['Bo Lindqvist']);

    for (let i = 0; i < 4; i++) await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    expect(status.value).to.equal('');
    const search = field(el, 'Search learners');
    search.focus();
    await typeText('petro');
    await el.updateComplete;
    await table(el, 'Learners').updateComplete;
    expect(column(table(el, 'Learners'), 'Learner')).to.deep.equal(['Ana Petrović']);
    expect(flat(root(el).querySelector('.filters + p[role="status"]')?.textContent)).to.equal(
      '1 of 3 rows shown.',
    );
    await expect(el).to.be.accessible();
  });

  it("opens one learner's full history: attempts, answers and decisions", async () => {
    const el = await dashboard(name);
    await readDevice(el);
    await showView(el, 'Learners');
    const learners = table(el, 'Learners');
    button(learners, 'Bo Lindqvist').click();
    await el.updateComplete;
    expect(flat(root(el).querySelector('#view-heading')?.textContent)).to.equal('One learner');
    expect(focusedIn(el)).to.equal(root(el).querySelector('#view-heading'));
    // The history comes from where the records were read (a worker): wait for it.
    await until(
      () => tables(el).some((t) => t.caption === 'Attempts of Bo Lindqvist' && rows(t).length > 0),
      'the attempts of Bo Lindqvist',
    );
    const attempts = table(el, 'Attempts of Bo Lindqvist');
    expect(column(attempts, 'Activity')).to.have.members(['Quiz', 'Practice', 'Assessed']);
    const answers = table(el, 'Answers of Bo Lindqvist');
    // Two items drawn, each tried twice (two tries per item), every answer wrong.
    expect(column(answers, 'Correct').every((cell) => cell === 'No')).to.equal(true);
    expect(column(answers, 'Correct').length).to.be.greaterThan(1);
    const decisions = table(el, 'Scenario decisions of Bo Lindqvist');
    expect(column(decisions, 'Choice')).to.have.members(['Poor', 'Harm', 'Wrong', 'Leave']);
    expect(column(decisions, 'Critical').filter((cell) => cell === 'Yes')).to.have.length(2);
    await expect(el).to.be.accessible();
  });

  it('shows item analysis with flags in words, decisions per scene and mastery by tag', async () => {
    const el = await dashboard(name);
    await readDevice(el);
    await showView(el, 'Items');
    const items = table(el, 'Item analysis');
    expect(headers(items)).to.include.members(['Facility (%)', 'Discrimination index', 'Flags']);
    expect(rows(items).length).to.be.greaterThan(0);
    await expect(el).to.be.accessible();

    await showView(el, 'Scenario decisions');
    const captions = [...root(el).querySelectorAll('figcaption')].map((c) => flat(c.textContent));
    expect(captions).to.deep.equal([
      'Scene “a”: 2 decisions',
      'Scene “b”: 2 decisions',
      'Endings reached in “Practice”',
      'Scene “a”: 2 decisions',
      'Scene “b”: 2 decisions',
      'Endings reached in “Assessed”',
    ]);
    const harm = [...root(el).querySelectorAll('.bars li')].find((li) =>
      flat(li.textContent).startsWith('Harm'),
    )!;
    expect(flat(harm.textContent)).to.contain('(critical)');
    expect(flat(harm.textContent)).to.contain('1 (50 %)');
    await expect(el).to.be.accessible();

    await showView(el, 'Mastery by tag');
    expect(column(table(el, 'Mastery per tag'), 'Tag')).to.include('concept:consent');
    await expect(el).to.be.accessible();
  });
});

describe('cp-dashboard: empty and broken sources', () => {
  const dbs = new Databases();
  after(() => dbs.cleanup());

  it('says so when the device has no results, and stays accessible', async () => {
    const el = await dashboard(dbs.name('empty'));
    await readDevice(el);
    expect(flat(root(el).textContent)).to.contain('0 learners');
    expect(flat(root(el).textContent)).to.contain('No module has results in this data yet.');
    for (const view of [
      'Learners',
      'Items',
      'Scenario decisions',
      'Mastery by tag',
      'One learner',
      'Certificates',
    ]) {
      await showView(el, view);
      await expect(el).to.be.accessible();
    }
  });
});
