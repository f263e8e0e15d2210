/**
 * Results files from learners' devices (picked or dropped, merged without duplicates, bad files
 * named), an LRS that cannot be reached, CSV export of the tables, and certificates.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/cp-dashboard/cp-dashboard.ts';
import type { CpDashboard } from '../../../src/elements/cp-dashboard/cp-dashboard.ts';
import { certificateCode } from '../../../src/engine/certificate.ts';
import type { ResultsFile } from '../../../src/storage/transfer.ts';
import { typeText } from '../../helpers/keyboard.ts';
import { button, until } from '../../helpers/dom.ts';
import {
  FAILS,
  PASSES,
  STARTS,
  exportedFile,
  recordRuns,
  resultsFile,
} from '../../helpers/dashboard-fixture.ts';
import {
  chooseFiles,
  column,
  downloadCsv,
  field,
  flat,
  headers,
  loaded,
  radio,
  root,
  rows,
  showView,
  table,
  tables,
} from '../../helpers/dashboard-harness.ts';
import { Databases, freeModule } from '../../helpers/storage-fixture.ts';

const module = freeModule();

async function dashboard(): Promise<CpDashboard> {
  const el = await fixture<CpDashboard>(html`<cp-dashboard .modules=${[module]}></cp-dashboard>`);
  await el.updateComplete;
  return el;
}

const total = (file: ResultsFile) =>
  file.learners.length + file.progress.length + file.attempts.length + file.responses.length;

describe('cp-dashboard: results files', () => {
  const dbs = new Databases();
  let first: ResultsFile;
  let later: ResultsFile;
  let other: ResultsFile;

  before(async () => {
    // One device exports twice (the second export holds the first), another device once.
    const device = dbs.name('device-a');
    await recordRuns(device, [{ learnerId: 'ana', name: 'Ana Petrović', ...PASSES }]);
    first = await exportedFile(device);
    await recordRuns(device, [{ learnerId: 'bo', name: 'Bo Lindqvist', ...FAILS }]);
    later = await exportedFile(device);
    const second = dbs.name('device-b');
    await recordRuns(second, [{ learnerId: 'chidi', name: 'Chidi Okafor', ...STARTS }]);
    other = await exportedFile(second);
  });
  after(() => dbs.cleanup());

  it('merges files without counting a record twice', async () => {
    const el = await dashboard();
    await chooseFiles(el, [
      resultsFile(first, 'a-monday.json'),
      resultsFile(later, 'a-friday.json'),
      resultsFile(other, 'b.json'),
    ]);
    const notes = [...root(el).querySelectorAll('.notice p')].map((p) => flat(p.textContent));
    expect(notes).to.deep.equal([
      `a-monday.json: ${total(first)} new records, 0 already read from another file.`,
      `a-friday.json: ${total(later) - total(first)} new records, ${total(first)} already read from another file.`,
      `b.json: ${total(other)} new records, 0 already read from another file.`,
    ]);
    const attempts = later.attempts.length + other.attempts.length;
    const responses = later.responses.length + other.responses.length;
    expect(flat(root(el).textContent)).to.contain(
      `3 learners, ${attempts} attempts, ${responses} answers and decisions.`,
    );
    await showView(el, 'Learners');
    expect(column(table(el, 'Learners'), 'Learner')).to.deep.equal([
      'Ana Petrović',
      'Bo Lindqvist',
      'Chidi Okafor',
    ]);
    expect(column(table(el, 'Learners'), 'Status')).to.deep.equal([
      'Passed',
      'Failed',
      'In progress',
    ]);
    await expect(el).to.be.accessible();
  });

  it('counts one of a kind in the singular', async () => {
    const attempt = first.attempts[0]!;
    const response = first.responses.find((r) => 'attemptId' in r && r.attemptId === attempt.id);
    const single: ResultsFile = {
      ...first,
      learners: first.learners.filter((learner) => learner.id === attempt.learnerId),
      progress: [],
      attempts: [attempt],
      responses: [response!, { id: 'damaged' } as unknown as ResultsFile['responses'][number]],
    };
    const el = await dashboard();
    await chooseFiles(el, [resultsFile(single, 'one.json')]);
    const notes = [...root(el).querySelectorAll('.notice p')].map((p) => flat(p.textContent));
    expect(notes).to.include('one.json: 1 damaged record was skipped.');
    expect(flat(root(el).textContent)).to.contain('1 learner, 1 attempt, 1 answer or decision.');
  });

  it('takes files dropped on it', async () => {
    const el = await dashboard();
    radio(el, 'Results files').click();
    await el.updateComplete;
    const zone = root(el).querySelector('.drop')!;
    const transfer = new DataTransfer();
    transfer.items.add(resultsFile(later, 'dropped.json'));
    zone.dispatchEvent(
      new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }),
    );
    await el.updateComplete;
    expect(zone.classList.contains('over')).to.equal(true);
    zone.dispatchEvent(
      new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }),
    );
    await loaded(el);
    expect(flat(root(el).textContent)).to.contain('2 learners');
  });

  it('reads and analyses in the page where no worker can start', async () => {
    const page = window as unknown as { Worker?: typeof Worker };
    const saved = page.Worker;
    delete page.Worker;
    try {
      const el = await dashboard();
      await chooseFiles(el, [resultsFile(later, 'a.json')]);
      await showView(el, 'Learners');
      expect(column(table(el, 'Learners'), 'Status')).to.deep.equal(['Passed', 'Failed']);
      button(table(el, 'Learners'), 'Ana Petrović').click();
      await until(
        () =>
          tables(el).some((t) => t.caption === 'Attempts of Ana Petrović' && rows(t).length > 0),
        'the attempts of Ana Petrović',
      );
    } finally {
      page.Worker = saved!;
    }
  });

  it('names the files it could not use, and reads the others', async () => {
    const el = await dashboard();
    await chooseFiles(el, [
      new File(['not json'], 'notes.txt'),
      new File([JSON.stringify({ format: 'something-else' })], 'other.json'),
      resultsFile(other, 'b.json'),
    ]);
    const text = flat(root(el).textContent);
    expect(text).to.contain(
      'notes.txt was not used: it is not a Checkpoint results file (not JSON).',
    );
    expect(text).to.contain('other.json was not used: it is not a Checkpoint results file.');
    expect(text).to.contain('1 learner, 1 attempt');
    await expect(el).to.be.accessible();
  });

  it('shows an error, accessibly, when no file is a results file', async () => {
    const el = await dashboard();
    await chooseFiles(el, [new File(['{}'], 'empty.json')]);
    const alert = root(el).querySelector('[role="alert"]');
    expect(flat(alert?.textContent)).to.contain(
      'None of these files is a Checkpoint results file.',
    );
    expect(root(el).querySelector('cp-dashboard-table')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('exports a table as CSV that reproduces it, UTF-8 with a byte order mark', async () => {
    const el = await dashboard();
    await chooseFiles(el, [resultsFile(later, 'a.json'), resultsFile(other, 'b.json')]);
    await showView(el, 'Learners');
    const learners = table(el, 'Learners');
    const csv = await downloadCsv(learners);
    expect(csv.filename).to.equal('learners.csv');
    expect([...csv.bytes.slice(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    expect(csv.text.endsWith('\r\n')).to.equal(true);
    const [header, ...body] = csv.records;
    expect(header).to.deep.equal(headers(learners));
    expect(body.map((row) => row[0])).to.deep.equal(column(learners, 'Learner'));
    expect(body.map((row) => row[2])).to.deep.equal(column(learners, 'Status'));
    // Numbers stay numbers: the shown "100 %" is 100 in the file.
    const score = headers(learners).indexOf('Score (%)');
    expect(body.map((row) => (row[score] ? `${row[score]} %` : '—'))).to.deep.equal(
      column(learners, 'Score (%)'),
    );
  });

  it('neutralises formulas in exported cells', async () => {
    const hostile = {
      ...later,
      learners: later.learners.map((learner) =>
        learner.id === 'ana'
          ? { ...learner, name: '=HYPERLINK("https://evil.invalid","x")' }
          : learner,
      ),
    };
    const el = await dashboard();
    await chooseFiles(el, [resultsFile(hostile, 'a.json')]);
    await showView(el, 'Learners');
    const learners = table(el, 'Learners');
    expect(column(learners, 'Learner')).to.include('=HYPERLINK("https://evil.invalid","x")');
    const csv = await downloadCsv(learners);
    expect(csv.records.map((row) => row[0])).to.include('\'=HYPERLINK("https://evil.invalid","x")');
    expect(csv.records.flat().some((cell) => /^[=+@]/.test(cell))).to.equal(false);
  });

  it('lists certificates issued and verifies a code, valid or not', async () => {
    const el = await dashboard();
    await chooseFiles(el, [resultsFile(later, 'a.json')]);
    await showView(el, 'Certificates');
    const passedAt = Math.max(
      ...later.attempts.filter((a) => a.learnerId === 'ana').map((a) => a.endedAt ?? 0),
    );
    const expected = await certificateCode({
      learner: 'Ana Petrović',
      learnerId: 'ana',
      moduleId: module.id,
      moduleTitle: module.title,
      version: module.version,
      issuedAt: new Date(passedAt).toISOString().slice(0, 10),
      score: 100,
    });
    await until(() => !!root(el).querySelector('cp-dashboard-table'), 'the certificates');
    const certificates = table(el, 'Certificates issued');
    await certificates.updateComplete;
    expect(column(certificates, 'Learner')).to.deep.equal(['Ana Petrović']);
    expect(column(certificates, 'Verification code')).to.deep.equal([expected]);
    await expect(el).to.be.accessible();

    const code = field(el, 'Verification code');
    code.focus();
    // As typed from paper: lower case, dashes left out.
    await typeText(expected.replaceAll('-', '').toLowerCase());
    await sendKeys({ press: 'Enter' });
    const verdict = () => flat(root(el).querySelector('form + [role="status"]')?.textContent);
    await until(() => verdict().startsWith('Valid.'), 'a verdict');
    expect(verdict()).to.contain('certificate of Ana Petrović for “Engine fixture”');
    await expect(el).to.be.accessible();

    code.value = '';
    await typeText('AAAA-BBBB-CCCC');
    button(el, 'Verify').click();
    await until(() => verdict().startsWith('Not valid.'), 'a verdict');
    expect(verdict()).to.contain('No certificate in these results has the code AAAA-BBBB-CCCC.');
    await expect(el).to.be.accessible();
  });
});

describe('cp-dashboard: an LRS', () => {
  it('keeps the secret out of storage and says when the LRS cannot be reached', async () => {
    const el = await dashboard();
    radio(el, 'Learning record store (LRS)').click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
    field(el, 'LRS endpoint').value = 'http://127.0.0.1:9/xapi/';
    field(el, 'Key').value = 'trainer';
    field(el, 'Secret').value = 'hunter2-secret';
    expect(field(el, 'Secret').type).to.equal('password');
    button(el, 'Query the LRS').click();
    await loaded(el, 15_000);
    const alert = root(el).querySelector('[role="alert"]');
    expect(flat(alert?.textContent)).to.contain('The LRS could not be reached.');
    const stored = JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage });
    expect(stored).to.not.contain('hunter2-secret');
    await expect(el).to.be.accessible();
  });

  it('refuses an address that is not http(s)', async () => {
    const el = await dashboard();
    radio(el, 'Learning record store (LRS)').click();
    await el.updateComplete;
    field(el, 'LRS endpoint').value = 'ftp://lrs.invalid/xapi/';
    field(el, 'Key').value = 'k';
    field(el, 'Secret').value = 's';
    button(el, 'Query the LRS').click();
    await loaded(el);
    expect(flat(root(el).querySelector('[role="alert"]')?.textContent)).to.contain(
      'The LRS endpoint must be an address starting with https://',
    );
  });
});
