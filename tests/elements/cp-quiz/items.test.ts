/** `<cp-quiz>` with one item of every type: each answered wrong, retried, then right. */
import { expect } from '@open-wc/testing';
import { everyTypeModule, EVERY_TYPE_QUIZ } from '../../helpers/quiz-fixture.ts';
import {
  answer,
  button,
  chooseOption,
  feedbackPanel,
  feedbackText,
  focused,
  liveText,
  mountQuiz,
  press,
  skipTo,
  submit,
} from '../../helpers/quiz-harness.ts';

describe('cp-quiz items', () => {
  describe('every item type', () => {
    const types = [
      'single',
      'multiple',
      'trueFalse',
      'matching',
      'spotting',
      'ordering',
      'shortText',
    ] as const;
    for (const type of types) {
      it(`${type}: answering, wrong feedback, a second try, right feedback`, async () => {
        const mounted = await mountQuiz(await everyTypeModule(), EVERY_TYPE_QUIZ);
        const { el } = mounted;
        await press(el, 'Start');
        // Earlier items are answered through the machine: this test is about one type.
        await skipTo(mounted, type);
        expect(button(el, 'Submit answer')!.disabled, 'nothing answered yet').to.equal(
          type !== 'ordering',
        );
        await expect(el).to.be.accessible();

        await answer(el, false);
        await submit(el);
        expect(feedbackText(el)).to.match(/Not quite|Partly correct \(\d+ of \d+\)/);
        expect(feedbackText(el)).to.include('The correct answer');
        expect(focused(el)).to.equal(feedbackPanel(el));
        await expect(el).to.be.accessible();

        await press(el, 'Try again');
        await answer(el, true);
        await submit(el);
        expect(feedbackText(el)).to.match(/^✓ Correct/);
        expect(feedbackText(el)).not.to.include('The correct answer');
        await expect(el).to.be.accessible();
      });
    }

    it('gives partial credit in words', async () => {
      const mounted = await mountQuiz(await everyTypeModule(), EVERY_TYPE_QUIZ);
      const { el } = mounted;
      await press(el, 'Start');
      await skipTo(mounted, 'multiple');
      // Scored in part: one right option of three chosen, so 3 of the 5 options judged right.
      await chooseOption(
        el,
        'After arriving, the person is still controlled and made to earn money for others.',
      );
      await submit(el);
      expect(feedbackText(el)).to.match(/^◐ Partly correct \(3 of 5\)/);
      expect(liveText(el)).to.match(/^Partly correct \(3 of 5\)\. Yes\./);
    });
  });
});
