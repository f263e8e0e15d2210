import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { SimulatedClock } from 'xstate';
import type { Lesson } from '../../../src/content/schema.ts';
import '../../../src/elements/cp-lesson/cp-lesson.ts';
import type { CpLesson } from '../../../src/elements/cp-lesson/cp-lesson.ts';
import { createSession } from '../../../src/engine/session.ts';
import { fixtureModule } from '../../helpers/engine-fixture.ts';
import { button, tabTo, until } from '../../helpers/dom.ts';

async function lessonElement() {
  const module = fixtureModule({ navigation: 'free' });
  const session = createSession(module, { clock: new SimulatedClock(), newSeed: () => 7919 });
  session.open('lesson');
  const lesson = module.activities[0] as Lesson;
  const el = await fixture<CpLesson>(
    html`<cp-lesson .actor=${session.activity('lesson')} .lesson=${lesson}></cp-lesson>`,
  );
  return { el, session };
}

const heading = (el: CpLesson) => el.shadowRoot!.querySelector('h2')!;

describe('<cp-lesson>', () => {
  it('shows the first page with its position, and is accessible', async () => {
    const { el } = await lessonElement();
    expect(heading(el).textContent).to.equal('One');
    expect(el.shadowRoot!.textContent).to.contain('Page 1 of 3');
    expect(button(el, 'Previous page').disabled).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('pages forward and back, moving focus to the new page heading', async () => {
    const { el, session } = await lessonElement();
    button(el, 'Next page').click();
    await until(() => heading(el).textContent === 'Two', 'page two');
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(heading(el));
    button(el, 'Previous page').click();
    await until(() => heading(el).textContent === 'One', 'page one');
    expect(session.activity('lesson')!.getSnapshot().context.page).to.equal(0);
  });

  it('completes on the last page and offers to finish, by keyboard alone', async () => {
    const { el, session } = await lessonElement();
    await tabTo(el, 'Next page');
    await sendKeys({ press: 'Enter' });
    await until(() => heading(el).textContent === 'Two', 'page two');
    await tabTo(el, 'Next page');
    await sendKeys({ press: ' ' }); // Firefox's driver knows the space bar only as ' '
    await until(() => heading(el).textContent === 'Three', 'page three');
    expect(session.status().completed).to.equal(1);
    let done = false;
    el.addEventListener('cp-lesson-done', () => (done = true));
    await tabTo(el, 'Finish lesson');
    await sendKeys({ press: 'Enter' });
    expect(done).to.equal(true);
    await expect(el).to.be.accessible();
  });
});
