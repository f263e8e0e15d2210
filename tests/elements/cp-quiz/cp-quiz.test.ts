/** `<cp-quiz>`: its views, feedback and focus, deferred feedback, the time limit and reflow. */
import { aTimeout, expect, oneEvent } from '@open-wc/testing';
import { keyFor } from '../../../src/engine/scoring.ts';
import { everyTypeModule, EVERY_TYPE_QUIZ } from '../../helpers/quiz-fixture.ts';
import {
  answer,
  button,
  chooseOption,
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
  submit,
  text,
  timerText,
} from '../../helpers/quiz-harness.ts';

describe('cp-quiz', () => {
  describe('ready', () => {
    it('says what to expect and starts', async () => {
      const { el } = await mountQuiz(engineModule(), 'quiz');
      expect(headingText(el)).to.equal('Quiz');
      const shown = text(el);
      expect(shown).to.include('2 questions');
      expect(shown).to.include('Pass mark: 50 %');
      expect(shown).to.include('Attempts allowed: 2');
      expect(shown).to.include('Feedback: after each answer');
      expect(shown).not.to.include('Time limit');
      await expect(el).to.be.accessible();
      await press(el, 'Start');
      expect(headingText(el)).to.match(/^Question 1 of 2/);
    });
  });

  describe('immediate feedback', () => {
    it('answers, gives feedback, retries an item, scores and reviews', async () => {
      const { el } = await mountQuiz(engineModule(), 'quiz');
      await press(el, 'Start');
      // Seed 7919 draws q2 (true/false), then q1 (single).
      expect(focused(el)).to.equal(el.shadowRoot!.querySelector('h2'));
      expect(button(el, 'Submit answer')!.disabled).to.equal(true);
      await expect(el).to.be.accessible();

      await chooseOption(el, 'True');
      expect(button(el, 'Submit answer')!.disabled).to.equal(false);
      await submit(el);
      expect(feedbackText(el)).to.match(/^✓ Correct/);
      expect(focused(el)).to.equal(feedbackPanel(el));
      expect(liveText(el)).to.match(/^Correct\./);
      expect(control(el, 'True').checked).to.equal(true);
      expect(control(el, 'True').disabled).to.equal(true);
      expect(button(el, 'Try again')).to.equal(undefined);
      await expect(el).to.be.accessible();

      await press(el, 'Next question');
      expect(headingText(el)).to.equal('Question 2 of 2 Which?');
      expect(focused(el)).to.equal(el.shadowRoot!.querySelector('h2'));
      expect(liveText(el)).to.equal('');

      await chooseOption(el, 'B');
      await submit(el);
      expect(feedbackText(el)).to.include('Not quite');
      expect(feedbackText(el)).to.include('The correct answer A');
      expect(feedbackText(el)).to.include('Because.');
      expect(liveText(el)).to.match(/^Not quite\./);
      await expect(el).to.be.accessible();

      await press(el, 'Try again');
      expect(focused(el)).to.equal(el.shadowRoot!.querySelector('h2'));
      expect(control(el, 'B').checked, 'the retried answer is kept').to.equal(true);
      await chooseOption(el, 'A');
      await submit(el);
      expect(feedbackText(el)).to.include('Correct');
      expect(button(el, 'Try again')).to.equal(undefined);

      await press(el, 'See results');
      expect(headingText(el)).to.equal('Results: Quiz');
      expect(focused(el)).to.equal(el.shadowRoot!.querySelector('h2'));
      expect(liveText(el)).to.equal('Your score: 100 %. Passed.');
      const results = text(el);
      expect(results).to.include('Your score: 100 %');
      expect(results).to.include('Passed. The pass mark is 50 %.');
      expect(results).to.include('Attempt 1 of 2. Your best attempt counts.');
      expect(results).to.include('Question 1: Correct');
      expect(results).to.include('Trying again draws a new set of questions.');
      expect(el.shadowRoot!.querySelectorAll('details')).to.have.length(2);
      await expect(el).to.be.accessible();

      await press(el, 'Review answers');
      expect(headingText(el)).to.equal('Review your answers');
      expect(control(el, 'A').checked).to.equal(true);
      await expect(el).to.be.accessible();
      await press(el, 'Back to results');
      expect(headingText(el)).to.equal('Results: Quiz');

      setTimeout(() => button(el, 'Back to the module')!.click());
      const done = await oneEvent(el, 'cp-quiz-done');
      expect(done.bubbles && done.composed).to.equal(true);

      await press(el, 'Try again');
      expect(context(el).attempt).to.equal(2);
      expect(headingText(el)).to.match(/^Question 1 of 2/);
    });

    it('shows a failed attempt in words and no retry when attempts are used up', async () => {
      const { el, session } = await mountQuiz(engineModule({ attempts: 1 }), 'quiz');
      await press(el, 'Start');
      await answer(el, false);
      await submit(el);
      await press(el, 'Next question');
      await answer(el, false);
      await submit(el);
      await press(el, 'See results');
      expect(text(el)).to.include('Your score: 0 %');
      expect(text(el)).to.include('Not passed. The pass mark is 50 %.');
      expect(liveText(el)).to.equal('Your score: 0 %. Not passed: the pass mark is 50 %.');
      expect(button(el, 'Try again')).to.equal(undefined);
      expect(session.status().passed).to.equal(false);
      await expect(el).to.be.accessible();
    });
  });

  describe('deferred feedback', () => {
    it('shows no feedback until the results', async () => {
      const { el } = await mountQuiz(engineModule({ feedback: 'deferred' }), 'quiz');
      expect(text(el)).to.include('Feedback: at the end, with your results');
      await press(el, 'Start');
      expect(button(el, 'Hand in now')).not.to.equal(undefined);
      await expect(el).to.be.accessible();
      await answer(el, false);
      await submit(el);
      expect(feedbackPanel(el)).to.equal(null);
      expect(headingText(el)).to.equal('Question 2 of 2 Which?');
      expect(focused(el)).to.equal(el.shadowRoot!.querySelector('h2'));
      expect(liveText(el)).to.equal('');
      await answer(el, true);
      await submit(el);
      expect(headingText(el)).to.equal('Results: Quiz');
      expect(liveText(el)).to.equal('Your score: 50 %. Passed.');
      expect(text(el)).to.include('Question 1: Not quite');
      expect(text(el)).to.include('Question 2: Correct');
      await expect(el).to.be.accessible();
    });

    it('hands in early: what was not answered scores zero', async () => {
      const { el } = await mountQuiz(engineModule({ feedback: 'deferred' }), 'quiz');
      await press(el, 'Start');
      await answer(el, true);
      await submit(el);
      await press(el, 'Hand in now');
      expect(headingText(el)).to.equal('Results: Quiz');
      expect(text(el)).to.include('Question 2: Not answered');
      await press(el, 'Review answers');
      expect(text(el)).to.include('Your answer Not answered');
      await expect(el).to.be.accessible();
    });
  });

  describe('time limit', () => {
    it('shows the time left, announces 5 and 1 minutes, and scores at time-out', async () => {
      const { el, clock } = await mountQuiz(engineModule({ timeLimitMinutes: 10 }), 'quiz');
      expect(text(el)).to.include('Time limit: 10 minutes');
      await press(el, 'Start');
      expect(timerText(el)).to.equal('Time left: 10 min 00 s');
      await expect(el).to.be.accessible();

      clock.increment(4 * 60_000 + 30_000);
      await aTimeout(1100);
      expect(timerText(el)).to.equal('Time left: 5 min 30 s');
      expect(liveText(el)).to.equal('');
      clock.increment(31_000);
      await aTimeout(1100);
      expect(timerText(el)).to.equal('Time left: 4 min 59 s');
      expect(liveText(el)).to.equal('5 minutes left.');
      clock.increment(4 * 60_000);
      await aTimeout(1100);
      expect(liveText(el)).to.equal('1 minute left.');

      clock.increment(60_000);
      await el.updateComplete;
      expect(headingText(el)).to.equal('Results: Quiz');
      expect(text(el)).to.include('Time ran out.');
      expect(liveText(el)).to.equal(
        'Time ran out. Your score: 0 %. Not passed: the pass mark is 50 %.',
      );
      expect(el.shadowRoot!.querySelector('[role="timer"]')).to.equal(null);
    });
  });

  describe('moved in the DOM', () => {
    it('keeps its place and its timer', async () => {
      const { el, clock } = await mountQuiz(engineModule({ timeLimitMinutes: 10 }), 'quiz');
      await press(el, 'Start');
      await chooseOption(el, 'True');
      const parent = el.parentElement!;
      el.remove();
      clock.increment(60_000);
      parent.append(el);
      await aTimeout(1100);
      expect(timerText(el)).to.equal('Time left: 9 min 00 s');
      expect(headingText(el)).to.match(/^Question 1 of 2/);
      await submit(el);
      expect(feedbackText(el)).to.match(/^✓ Correct/);
    });
  });

  describe('reflow', () => {
    // The element in a 320 px column (WebDriver cannot set the viewport, and the element has no
    // media queries on width: what matters is that nothing in it is wider than its box).
    it('fits 320 px without scrolling sideways', async () => {
      const { el, session } = await mountQuiz(await everyTypeModule(), EVERY_TYPE_QUIZ);
      el.style.inlineSize = '320px';
      await press(el, 'Start');
      const fits = () => expect(el.scrollWidth, headingText(el)).to.be.at.most(el.clientWidth);
      for (let i = 0; i < 7; i++) {
        fits();
        session.sendTo(EVERY_TYPE_QUIZ, {
          type: 'learner.submit',
          response: keyFor(currentItem(el)),
        });
        await el.updateComplete;
        fits();
        session.sendTo(EVERY_TYPE_QUIZ, { type: 'learner.next' });
        await el.updateComplete;
      }
      el.shadowRoot!.querySelectorAll('details').forEach((details) => (details.open = true));
      fits();
    });
  });
});
