import { localized, msg, str } from '@lit/localize';
import { html, LitElement, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import type { AnyActorRef, SnapshotFrom } from 'xstate';
import { markdownStyles } from '../../content/markdown.ts';
import type { Lesson } from '../../content/schema.ts';
import { ActorController } from '../../controllers/actor.controller.ts';
import type { createLessonMachine } from '../../engine/lesson.machine.ts';
import { renderBlock } from '../shared/blocks.ts';
import { baseStyles } from '../shared/styles.ts';
import { lessonStyles } from './cp-lesson.styles.ts';

type LessonSnapshot = SnapshotFrom<ReturnType<typeof createLessonMachine>>;

/**
 * One lesson: its pages in order, with back and next.
 *
 * @summary A lesson of a Checkpoint module, driven by its lesson machine.
 * @event cp-lesson-done - The learner chose to leave the lesson after its last page.
 * @csspart page - The page being read.
 * @csspart figure - An image block.
 * @csspart callout - A callout block.
 * @csspart indicator - An indicator card.
 * @csspart key-points - A key-points block.
 * @cssproperty --cp-color-accent - Links, buttons and block accents.
 */
@localized()
@customElement('cp-lesson')
export class CpLesson extends LitElement {
  static override styles = [baseStyles, markdownStyles, lessonStyles];

  private readonly machine = new ActorController<LessonSnapshot>(this, () => this.actor);

  @query('h2') private heading?: HTMLHeadingElement;

  /** The lesson machine (a child of the course), given by `<cp-player>`. */
  @property({ attribute: false }) actor?: AnyActorRef;
  /** The lesson's content. */
  @property({ attribute: false }) lesson?: Lesson;
  /** The module's URL: relative media resolve against it. */
  @property({ attribute: false }) base?: string;

  private lastPage = -1;

  protected override updated(changed: PropertyValues): void {
    const page = this.machine.snapshot?.context.page ?? -1;
    // A new page: move focus to its heading so reading starts there.
    if (page !== this.lastPage && this.lastPage !== -1 && !changed.has('actor'))
      this.heading?.focus();
    this.lastPage = page;
  }

  private readonly next = () => this.machine.send({ type: 'learner.next' });
  private readonly back = () => this.machine.send({ type: 'learner.back' });
  private readonly done = () =>
    this.dispatchEvent(new Event('cp-lesson-done', { bubbles: true, composed: true }));

  override render() {
    const snapshot = this.machine.snapshot;
    const lesson = this.lesson;
    if (!snapshot || !lesson) return html``;
    const index = snapshot.context.page;
    const page = lesson.pages[index];
    if (!page) return html``;
    const last = index === lesson.pages.length - 1;
    return html`<article part="page" aria-labelledby="page-title">
      <p class="page-count">${msg(str`Page ${index + 1} of ${lesson.pages.length}`)}</p>
      <h2 id="page-title" tabindex="-1">${page.title}</h2>
      ${page.blocks.map((block) => renderBlock(block, { base: this.base, headingLevel: 3 }))}
      <nav class="actions" aria-label=${msg('Lesson pages')}>
        <button ?disabled=${index === 0} @click=${this.back}>${msg('Previous page')}</button>
        ${
          last
            ? html`<button class="primary" @click=${this.done}>${msg('Finish lesson')}</button>`
            : html`<button class="primary" @click=${this.next}>${msg('Next page')}</button>`
        }
      </nav>
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cp-lesson': CpLesson;
  }
}
