import { localized, msg, str } from '@lit/localize';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { AnyActorRef, SnapshotFrom } from 'xstate';
import { markdownStyles } from '../../content/markdown.ts';
import type { Item, Quiz } from '../../content/schema.ts';
import { ActorController } from '../../controllers/actor.controller.ts';
import type { Policy } from '../../engine/policy.ts';
import type { QuizEvent, QuizMachine } from '../../engine/quiz.machine.ts';
import { scoreItem } from '../../engine/scoring.ts';
import type { Response } from '../../engine/types.ts';
import { baseStyles } from '../shared/styles.ts';
import { quizStyles } from './cp-quiz.styles.ts';
import { startingResponse, type ChangeNote } from './items/index.ts';
import { feedbackAnnouncement, renderItemView } from './item-view.ts';
import { renderReady } from './ready-view.ts';
import {
  renderResults,
  renderReview,
  scoreAnnouncement,
  type AttemptEntry,
} from './results-view.ts';

type QuizSnapshot = SnapshotFrom<QuizMachine>;

/** Each quiz's items by id, so that finding one does not scan a long quiz. */
const itemIndexes = new WeakMap<Quiz, ReadonlyMap<string, Item>>();

const itemOf = (quiz: Quiz | undefined, id: string | undefined): Item | undefined => {
  if (!quiz || id === undefined) return undefined;
  let index = itemIndexes.get(quiz);
  if (!index) {
    // The first item of an id wins, as a search from the start would find it.
    const byId = new Map<string, Item>();
    for (const item of quiz.items) if (!byId.has(item.id)) byId.set(item.id, item);
    itemIndexes.set(quiz, (index = byId));
  }
  return index.get(id);
};
type View = 'ready' | 'answering' | 'feedback' | 'scored' | 'reviewing';

const viewOf = (snapshot: QuizSnapshot): View => {
  if (snapshot.matches({ attempting: 'feedback' })) return 'feedback';
  if (snapshot.matches('attempting')) return 'answering';
  return snapshot.matches('ready') ? 'ready' : snapshot.matches('scored') ? 'scored' : 'reviewing';
};

/** What each view focuses when it appears. */
const FOCUS: Record<View, string | undefined> = {
  ready: undefined,
  answering: 'item-heading',
  feedback: 'feedback',
  scored: 'results-heading',
  reviewing: 'review-heading',
};

/** Minutes left at which the time is announced (the timer line itself is not live). */
const WARN_AT_MINUTES = [5, 1];

/**
 * A quiz: its introduction, one item at a time with feedback, the results and a review.
 *
 * @summary A quiz of a Checkpoint module, driven by its quiz machine.
 * @event cp-quiz-done - The learner chose to go back to the module from the results.
 * @csspart intro - The introduction shown before an attempt.
 * @csspart item - The item being answered.
 * @csspart progress - The progress bar through the attempt.
 * @csspart choices - The fieldset holding an item's controls.
 * @csspart scene - The scene of a spotting item.
 * @csspart feedback - The feedback on an answer.
 * @csspart results - The results of an attempt.
 * @csspart score - The score line of the results.
 * @csspart outcome - Passed or not passed.
 * @csspart answer - One item in the list of answers.
 * @csspart review - The review of every item.
 * @cssproperty --cp-color-accent - Buttons, progress and focus accents.
 * @cssproperty --cp-color-success - The mark of a correct answer or a pass.
 * @cssproperty --cp-color-danger - The mark of a wrong answer or a fail.
 */
@localized()
@customElement('cp-quiz')
export class CpQuiz extends LitElement {
  static override styles = [baseStyles, markdownStyles, quizStyles];

  private readonly machine = new ActorController<QuizSnapshot>(this, () => this.actor);

  /** The learner's answer to the current item until it is submitted. */
  @state() private draft: Response | undefined;
  @state() private announcement = '';

  /** The quiz machine (a child of the course), given by `<cp-player>`. */
  @property({ attribute: false }) actor?: AnyActorRef;
  /** The quiz's content. */
  @property({ attribute: false }) quiz?: Quiz;
  /** The assessment policy that applies to the quiz. */
  @property({ attribute: false }) policy?: Policy;
  /** The module's URL: relative media resolve against it. */
  @property({ attribute: false }) base?: string;
  /** The clock the remaining time is read from. */
  @property({ attribute: false }) now: () => number = Date.now;

  private viewKey: string | undefined;
  private focusTarget: string | undefined;
  private ticker: number | undefined;
  private timeLeftBefore = Infinity;

  override connectedCallback(): void {
    super.connectedCallback();
    // Back in the DOM: catch up with the actor and restart the timer line.
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopTicker();
  }

  protected override willUpdate(changed: PropertyValues): void {
    const snapshot = this.machine.snapshot;
    if (!snapshot) return;
    const { context } = snapshot;
    const view = viewOf(snapshot);
    const id = context.itemIds[context.index] ?? '';
    const key = `${view}:${context.attempt}:${context.index}:${context.tries[id] ?? 0}`;
    if (key === this.viewKey) return;
    // A resumed or newly given actor shows where it is without moving focus or speaking.
    const shown = this.viewKey === undefined || changed.has('actor');
    this.viewKey = key;
    // A new item starts empty; a retried one starts from the answer being retried.
    this.draft = view === 'answering' ? context.responses[id] : undefined;
    if (shown) return;
    this.focusTarget = FOCUS[view];
    if (view === 'answering') this.announcement = '';
    const item = itemOf(this.quiz, id);
    const response = context.responses[id];
    if (view === 'feedback' && item && response) {
      this.announce(feedbackAnnouncement(item, scoreItem(item, response), response));
    }
    const record = context.history.at(-1);
    if (view === 'scored' && record && this.policy) {
      this.announce(scoreAnnouncement(record, this.policy.passMark));
    }
  }

  protected override updated(): void {
    if (this.focusTarget) {
      this.shadowRoot?.getElementById(this.focusTarget)?.focus();
      this.focusTarget = undefined;
    }
    if (this.deadline() === null) this.stopTicker();
    else if (this.ticker === undefined) this.startTicker();
  }

  private deadline(): number | null {
    const snapshot = this.machine.snapshot;
    return snapshot?.matches('attempting') ? snapshot.context.deadline : null;
  }

  private startTicker(): void {
    this.timeLeftBefore = (this.deadline() ?? 0) - this.now();
    this.ticker = window.setInterval(this.tick, 1000);
  }

  private stopTicker(): void {
    window.clearInterval(this.ticker);
    this.ticker = undefined;
  }

  private readonly tick = () => {
    const now = this.now();
    const left = (this.deadline() ?? now) - now;
    const crossed = WARN_AT_MINUTES.find(
      (minutes) => this.timeLeftBefore > minutes * 60_000 && left <= minutes * 60_000,
    );
    if (crossed === 1) this.announce(msg('1 minute left.'));
    else if (crossed !== undefined) this.announce(msg(str`${crossed} minutes left.`));
    this.timeLeftBefore = left;
    // The timer line reads the clock as it renders.
    this.requestUpdate();
  };

  private announce(text: string): void {
    // The same words again would not change the region, and would not be spoken.
    this.announcement = text === this.announcement ? `${text}\u00a0` : text;
  }

  private readonly start = () => this.machine.send({ type: 'learner.start' });
  private readonly change = (response: Response, note?: ChangeNote) => {
    this.draft = response;
    if (note?.focus) this.focusTarget = note.focus;
    if (note?.announce) this.announce(note.announce);
  };
  private readonly submit = (event: Event) => {
    event.preventDefault();
    const response = this.currentDraft();
    if (!response) return;
    const submitted: QuizEvent = { type: 'learner.submit', response };
    this.machine.send(submitted);
  };
  private readonly finish = () => this.machine.send({ type: 'learner.finish' });
  private readonly next = () => this.machine.send({ type: 'learner.next' });
  private readonly retryItem = () => this.machine.send({ type: 'learner.retryItem' });
  private readonly retry = () => this.machine.send({ type: 'learner.retry' });
  private readonly review = () => this.machine.send({ type: 'learner.review' });
  private readonly back = () => this.machine.send({ type: 'learner.back' });
  private readonly done = () =>
    this.dispatchEvent(new Event('cp-quiz-done', { bubbles: true, composed: true }));

  /** The draft, or what the item offers as an answer before any change. */
  private currentDraft(): Response | undefined {
    const context = this.machine.snapshot?.context;
    const id = context?.itemIds[context.index];
    const item = itemOf(this.quiz, id);
    return this.draft ?? (item && id ? startingResponse(item, context?.order[id]) : undefined);
  }

  private entries(snapshot: QuizSnapshot): AttemptEntry[] {
    const { context } = snapshot;
    return context.itemIds.flatMap((id) => {
      const item = itemOf(this.quiz, id);
      if (!item) return [];
      const response = context.responses[id];
      const score = context.scores[id] ?? scoreItem(item, undefined);
      return [{ item, response, score, order: context.order[id] }];
    });
  }

  private timeLeft(): string | undefined {
    const deadline = this.deadline();
    if (deadline === null) return undefined;
    const seconds = Math.max(0, Math.ceil((deadline - this.now()) / 1000));
    const minutes = Math.floor(seconds / 60);
    const rest = String(seconds % 60).padStart(2, '0');
    return msg(str`Time left: ${minutes} min ${rest} s`);
  }

  private renderView(snapshot: QuizSnapshot, quiz: Quiz, policy: Policy) {
    const { context } = snapshot;
    const base = this.base;
    switch (viewOf(snapshot)) {
      case 'ready':
        return renderReady({ quiz, policy, base, onStart: this.start });
      case 'answering':
      case 'feedback': {
        const id = context.itemIds[context.index] ?? '';
        const item = itemOf(quiz, id);
        if (!item) return nothing;
        const feedback = snapshot.matches({ attempting: 'feedback' });
        return renderItemView({
          item,
          index: context.index,
          total: context.itemIds.length,
          order: context.order[id],
          response: feedback ? context.responses[id] : this.currentDraft(),
          score: feedback ? context.scores[id] : undefined,
          base,
          timeLeft: this.timeLeft(),
          deferred: policy.feedback === 'deferred',
          canRetryItem: snapshot.can({ type: 'learner.retryItem' }),
          onChange: this.change,
          onSubmit: this.submit,
          onFinish: this.finish,
          onNext: this.next,
          onRetryItem: this.retryItem,
        });
      }
      case 'scored':
        return renderResults({
          quiz,
          policy,
          base,
          entries: this.entries(snapshot),
          history: context.history,
          canRetry: snapshot.can({ type: 'learner.retry' }),
          onReview: this.review,
          onRetry: this.retry,
          onDone: this.done,
        });
      case 'reviewing':
        return renderReview({ base, entries: this.entries(snapshot), onBack: this.back });
    }
  }

  override render() {
    const snapshot = this.machine.snapshot;
    const { quiz, policy } = this;
    // The live region exists before anything is said into it.
    return html`<div class="visually-hidden" role="status" aria-live="polite">
        ${this.announcement}
      </div>
      ${snapshot && quiz && policy ? this.renderView(snapshot, quiz, policy) : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cp-quiz': CpQuiz;
  }
  interface GlobalEventHandlersEventMap {
    'cp-quiz-done': Event;
  }
}
