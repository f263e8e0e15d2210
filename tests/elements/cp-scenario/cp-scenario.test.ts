import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  activate,
  button,
  choiceLabels,
  decide,
  focused,
  focusedText,
  heading,
  liveRegion,
  liveText,
  mountScenario,
  mountShowcase,
  press,
  SHOWCASE_SCENARIO,
  SHOWCASE_URL,
  tabTo,
} from '../../helpers/scenario-harness.ts';

const $ = (el: HTMLElement, selector: string) => el.shadowRoot!.querySelector(selector);
const $$ = (el: HTMLElement, selector: string) => [...el.shadowRoot!.querySelectorAll(selector)];

describe('cp-scenario: a scene', () => {
  it('shows the scene, its choices in a labelled group and the mode', async () => {
    const { el } = await mountScenario('practice');
    expect(heading(el)).to.equal('Scene 1');
    expect($(el, '.scene-text')!.textContent).to.contain('Start.');
    const group = $(el, '[role="group"]')!;
    const label = el.shadowRoot!.getElementById(group.getAttribute('aria-labelledby')!);
    expect(label!.textContent).to.equal('What do you do?');
    expect(choiceLabels(el)).to.deep.equal(['Good', 'Poor']);
    expect($(el, '.mode')!.textContent).to.contain('Practice — you can step back');
    expect(button(el, 'Step back'), 'nothing to step back to yet').to.equal(undefined);
    expect(liveRegion(el).textContent!.trim()).to.equal('');
    await expect(el).to.be.accessible();
  });

  it('says that an assessment counts, and offers no step back', async () => {
    const { el } = await mountScenario('assessed');
    expect($(el, '.mode')!.textContent).to.contain('Assessment — your choices count');
    await press(el, 'Right');
    expect(button(el, 'Step back')).to.equal(undefined);
    await press(el, 'Continue');
    expect(button(el, 'Step back')).to.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('shows the title and image of a showcase scene', async () => {
    const { el } = await mountShowcase();
    const base = new URL(SHOWCASE_URL, location.href).href;
    expect(heading(el)).to.equal('First line, 02:10');
    const img = $(el, 'figure img') as HTMLImageElement;
    expect(img.alt).to.contain('border control booth');
    expect(img.src).to.equal(new URL('media/checkpoint-desk.svg', base).href);
    expect($(el, '.mode')!.textContent).to.contain('Assessment');
    await expect(el).to.be.accessible();
  });
});

describe('cp-scenario: a consequence', () => {
  it('shows the choice, then the consequence, announced, with focus on its heading', async () => {
    const { el } = await mountScenario('practice');
    await press(el, 'Good');
    expect($(el, '.chosen')!.textContent!.replace(/\s+/g, ' ')).to.contain('You chose: Good');
    expect($(el, '.consequence')!.textContent).to.contain('Fine.');
    expect(choiceLabels(el)).to.deep.equal([]);
    expect(focused(el)?.id).to.equal('consequence-title');
    expect(focusedText(el)).to.equal('What happens');
    expect(liveText(el)).to.contain('You chose: Good').and.to.contain('Fine.');
    expect(button(el, 'Continue')).to.not.equal(undefined);
    expect(button(el, 'Step back')).to.not.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('puts the consequence before the coaching', async () => {
    const { el } = await mountShowcase();
    await press(
      el,
      'Tell the driver calmly that a routine further check is needed, direct the minibus to second line, and note what you have seen.',
    );
    const titles = $$(el, 'h3').map((h) => h.textContent);
    expect(titles).to.deep.equal(['What happens', 'Good practice']);
    const consequence = $(el, '.consequence')!;
    const coaching = $(el, '.coaching')!;
    expect(consequence.textContent).to.contain('The driver shrugs');
    expect(coaching.textContent).to.contain('A neutral explanation');
    expect(consequence.compareDocumentPosition(coaching)).to.equal(
      Node.DOCUMENT_POSITION_FOLLOWING,
    );
    expect(liveText(el)).to.contain('The driver shrugs');
    await expect(el).to.be.accessible();
  });

  it('moves focus to the next scene heading on Continue, and empties the live region', async () => {
    const { el } = await mountScenario('assessed');
    await press(el, 'Right');
    await press(el, 'Continue');
    expect(heading(el)).to.equal('Scene 2');
    expect(focused(el)?.tagName).to.equal('H2');
    expect(focusedText(el)).to.equal('Scene 2');
    expect(liveText(el)).to.equal('');
  });
});

describe('cp-scenario: conditions', () => {
  it('does not offer a choice whose condition is not met', async () => {
    const { el } = await mountScenario('practice');
    await decide(el, 'Poor');
    expect(choiceLabels(el)).to.deep.equal(['Wait', 'Harm']);
    await press(el, 'Step back');
    await decide(el, 'Good');
    expect(choiceLabels(el)).to.deep.equal(['Refer', 'Wait', 'Harm']);
  });

  it('offers the showcase referral that matches the notes taken', async () => {
    const { el, session } = await mountShowcase();
    const send = (choiceId: string) => {
      session.sendTo(SHOWCASE_SCENARIO, { type: 'learner.choose', choiceId });
      session.sendTo(SHOWCASE_SCENARIO, { type: 'learner.next' });
    };
    ['c1-accuse', 'c2-separate', 'c3-open'].forEach(send);
    await el.updateComplete;
    expect(heading(el)).to.equal('What he tells you');
    const labels = choiceLabels(el);
    expect(labels).to.have.length(2);
    expect(labels.some((label) => label.includes('notes'))).to.equal(false);
    await expect(el).to.be.accessible();
  });
});

describe('cp-scenario: endings', () => {
  it('ends a critical run in the critical ending, with the error listed', async () => {
    const { el } = await mountScenario('assessed');
    await decide(el, 'Wrong', 'Close');
    expect(heading(el)).to.equal('Bad');
    expect(focusedText(el)).to.equal('Bad');
    expect($(el, '.outcome')!.textContent).to.contain('Harmful outcome');
    const critical = $(el, '.critical')!;
    expect(critical.textContent!.replace(/\s+/g, ' ')).to.contain('Scene 1: Wrong');
    const steps = $$(el, '.recap ol > li').map((li) => li.textContent!.replace(/\s+/g, ' '));
    expect(steps).to.have.length(2);
    expect(steps[0]).to.contain('Scene 1').and.contain('You chose: Wrong').and.contain('Harm.');
    expect(steps[0]).to.contain('(critical error)');
    expect(steps[1]).to.contain('Scene 2').and.contain('You chose: Close').and.contain('Closed.');
    expect(liveText(el)).to.contain('Bad').and.contain('Harmful outcome');
    await expect(el).to.be.accessible();
  });

  it('shows a good ending with its score, and allows retries while attempts remain', async () => {
    const { el } = await mountScenario('assessed');
    await decide(el, 'Right', 'Close');
    expect(heading(el)).to.equal('Good');
    expect($(el, '.outcome')!.textContent).to.contain('Good outcome');
    const result = $(el, '.result')!.textContent!.replace(/\s+/g, ' ');
    expect(result).to.contain('3 of 3 points (100 %)').and.contain('Critical error None');
    expect(result).to.contain('Attempt 1 of 2');
    expect($(el, '.critical')).to.equal(null);
    expect(liveText(el)).to.contain('Good outcome').and.contain('3 of 3 points');
    await expect(el).to.be.accessible();

    await press(el, 'Try the scenario again');
    expect(heading(el)).to.equal('Scene 1');
    expect(focusedText(el)).to.equal('Scene 1');
    await decide(el, 'Right', 'Leave');
    expect(button(el, 'Try the scenario again'), 'two attempts used').to.equal(undefined);
    expect(button(el, 'Back to the module')).to.not.equal(undefined);
  });

  it('shows band and best practice at a showcase ending', async () => {
    const { el } = await mountShowcase();
    const first = choiceLabels(el).find((label) => label.startsWith('The documents are valid'))!;
    await decide(el, first);
    expect($(el, '.outcome')!.textContent).to.contain('Harmful outcome');
    expect($(el, '.result')!.textContent).to.contain('Harmful');
    expect($(el, '.best-practice h3')!.textContent).to.equal('What best practice looks like');
    expect($(el, '.recap')!.textContent).to.contain('First line, 02:10');
    await expect(el).to.be.accessible();
  });

  it('tells the player when the learner goes back to the module', async () => {
    const { el } = await mountScenario('practice');
    await decide(el, 'Good', 'Refer');
    expect(heading(el)).to.equal('Best');
    const done = oneEvent(document, 'cp-scenario-done');
    await press(el, 'Back to the module');
    const event = await done;
    expect(event.bubbles && event.composed).to.equal(true);
  });
});

describe('cp-scenario: practice step back', () => {
  it('restores the previous scene, with focus on its heading', async () => {
    const { el, session } = await mountScenario('practice');
    await decide(el, 'Good');
    expect(heading(el)).to.equal('Scene 2');
    await press(el, 'Step back');
    expect(heading(el)).to.equal('Scene 1');
    expect(focusedText(el)).to.equal('Scene 1');
    expect(choiceLabels(el)).to.deep.equal(['Good', 'Poor']);
    expect(session.activity('practice')!.getSnapshot().context.score).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('undoes a choice from its consequence', async () => {
    const { el } = await mountScenario('practice');
    await press(el, 'Poor');
    await press(el, 'Step back');
    expect(choiceLabels(el)).to.deep.equal(['Good', 'Poor']);
    expect(focusedText(el)).to.equal('Scene 1');
  });
});

describe('cp-scenario: keyboard only', () => {
  it('completes a scenario with Tab, Enter and Space', async () => {
    const { el } = await mountScenario('assessed');
    await activate(el, 'Right', 'Enter');
    expect(focusedText(el)).to.equal('What happens');
    await activate(el, 'Continue', 'Space');
    expect(focusedText(el)).to.equal('Scene 2');
    await activate(el, 'Close', 'Space');
    await activate(el, 'Continue', 'Enter');
    expect(heading(el)).to.equal('Good');
    expect(focusedText(el)).to.equal('Good');
    await activate(el, 'Try the scenario again', 'Enter');
    expect(focusedText(el)).to.equal('Scene 1');
  });

  it('steps back in practice with the keyboard', async () => {
    const { el } = await mountScenario('practice');
    await activate(el, 'Good', 'Space');
    await activate(el, 'Step back', 'Enter');
    expect(focusedText(el)).to.equal('Scene 1');
    await tabTo(el, 'Good');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(focusedText(el)).to.equal('What happens');
  });
});
