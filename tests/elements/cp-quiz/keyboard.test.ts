/** `<cp-quiz>` completed with the keyboard alone. */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { everyTypeModule, EVERY_TYPE_QUIZ } from '../../helpers/quiz-fixture.ts';
import {
  context,
  control,
  currentItem,
  engineQuizModule as engineModule,
  feedbackPanel,
  feedbackText,
  focused,
  headingText,
  liveText,
  mountQuiz,
  press,
  skipTo,
  stepTexts,
  tabTo,
} from '../../helpers/quiz-harness.ts';

describe('cp-quiz', () => {
  describe('keyboard only', () => {
    it('completes a quiz with Tab, Enter, Space, arrows and the move buttons', async () => {
      // Seed 1 draws q3 (ordering, presented Second, First), then q1 (single).
      const { el } = await mountQuiz(engineModule(), 'quiz', 1);
      await tabTo(el, 'Start');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(focused(el)).to.equal(el.shadowRoot!.querySelector('h2'));
      expect(stepTexts(el)).to.deep.equal(['Second', 'First']);

      await tabTo(el, 'Move “Second” down');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(stepTexts(el)).to.deep.equal(['First', 'Second']);
      expect(liveText(el)).to.equal('“Second” is now step 2 of 2.');
      expect(focused(el)?.getAttribute('aria-label'), 'focus follows the step').to.equal(
        'Move “Second” up',
      );
      await tabTo(el, 'Submit answer');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(focused(el)).to.equal(feedbackPanel(el));
      expect(feedbackText(el)).to.match(/^✓ Correct/);
      expect(liveText(el)).to.match(/^Correct\./);

      await tabTo(el, 'Next question');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(focused(el)).to.equal(el.shadowRoot!.querySelector('h2'));
      expect(headingText(el)).to.equal('Question 2 of 2 Which?');

      await sendKeys({ press: 'Tab' });
      expect(focused(el)).to.equal(control(el, 'A'));
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      expect(control(el, 'B').checked).to.equal(true);
      await sendKeys({ press: 'ArrowUp' });
      await el.updateComplete;
      expect(control(el, 'A').checked).to.equal(true);
      await tabTo(el, 'Submit answer');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(focused(el)).to.equal(feedbackPanel(el));

      await tabTo(el, 'See results');
      // Space as ' ': puppeteer's WebDriver BiDi keyboard (Firefox) has no key named "Space".
      await sendKeys({ press: ' ' });
      await el.updateComplete;
      expect(headingText(el)).to.equal('Results: Quiz');
      expect(liveText(el)).to.equal('Your score: 100 %. Passed.');
      await tabTo(el, 'Review answers');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(headingText(el)).to.equal('Review your answers');
      await tabTo(el, 'Back to results');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(headingText(el)).to.equal('Results: Quiz');
    });

    it('answers matching with the selects, checkboxes with Space and text with Enter', async () => {
      const mounted = await mountQuiz(await everyTypeModule(), EVERY_TYPE_QUIZ);
      const { el } = mounted;
      await press(el, 'Start');
      // Items are reached through the machine; focus starts where a new item puts it.
      const heading = () => el.shadowRoot!.querySelector('h2')!;

      // Multiple response: Tab through the options in their shuffled order, Space on the right ones.
      await skipTo(mounted, 'multiple');
      const multiple = currentItem(el);
      if (multiple.type !== 'multiple') throw new Error('expected the multiple-response item');
      heading().focus();
      for (const id of context(el).order[multiple.id]!) {
        const option = multiple.options.find((candidate) => candidate.id === id)!;
        await sendKeys({ press: 'Tab' });
        expect(focused(el)).to.equal(control(el, option.text));
        if (option.correct) await sendKeys({ press: ' ' });
      }
      await el.updateComplete;
      await tabTo(el, 'Submit answer');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(feedbackText(el)).to.match(/^✓ Correct/);

      // Matching: each select, the right match reached with ArrowDown.
      await skipTo(mounted, 'matching');
      const matching = currentItem(el);
      if (matching.type !== 'matching') throw new Error('expected the matching item');
      const order = context(el).order[matching.id]!;
      heading().focus();
      for (const pair of matching.pairs) {
        await sendKeys({ press: 'Tab' });
        expect(focused(el)).to.equal(control(el, pair.prompt));
        for (let i = 0; i <= order.indexOf(pair.match); i++) await sendKeys({ press: 'ArrowDown' });
        await el.updateComplete;
        expect(control<HTMLSelectElement>(el, pair.prompt).value).to.equal(pair.match);
      }
      await tabTo(el, 'Submit answer');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(feedbackText(el)).to.match(/^✓ Correct/);

      await skipTo(mounted, 'shortText');
      heading().focus();
      await sendKeys({ press: 'Tab' });
      expect(focused(el)).to.equal(control(el, 'Your answer'));
      // Short text: type, then Enter submits.
      await sendKeys({ type: 'Debt Bondage' });
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(feedbackText(el)).to.match(/^✓ Correct/);
      expect(focused(el)).to.equal(feedbackPanel(el));
    });
  });
});
