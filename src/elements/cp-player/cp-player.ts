import { localized, msg, str } from '@lit/localize';
import { Task } from '@lit/task';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { loadModule, type LoadResult } from '../../content/loader.ts';
import { markdownStyles } from '../../content/markdown.ts';
import { describeProblem } from '../../content/problems.ts';
import type { Activity, Module } from '../../content/schema.ts';
import { LmsController } from '../../controllers/lms.controller.ts';
import { ProgressController } from '../../controllers/progress.controller.ts';
import { SessionController } from '../../controllers/session.controller.ts';
import type { CourseContext } from '../../engine/course.machine.ts';
import type { Fact } from '../../engine/events.ts';
import { resolvePolicy } from '../../engine/policy.ts';
import type { SessionOptions } from '../../engine/session.ts';
import { CpAnswerEvent } from '../../events/cp-answer.ts';
import { CpCompleteEvent } from '../../events/cp-complete.ts';
import { CpErrorEvent } from '../../events/cp-error.ts';
import { CpProgressEvent } from '../../events/cp-progress.ts';
import { safeUrl } from '../../content/url.ts';
import type { LmsChoice, LmsNotice } from '../../lms/reporter.ts';
import { directionOf, useLocale } from '../../locales/localization.ts';
import { fill } from '../shared/fill.ts';
import { baseStyles } from '../shared/styles.ts';
import { playerStyles } from './cp-player.styles.ts';
import { isReady, loadPart, type Part } from './parts.ts';

type Screen = 'intro' | 'course';

/**
 * A whole module: its introduction and content notes, the activities in order with progress,
 * each lesson, quiz and scenario, and the results with a certificate when passed.
 *
 * The UI speaks the player's `lang` when the page sets it, else the module's `language`: the
 * closest supported locale (English, French, Arabic; `fr-CA` → French, anything else → English).
 * The player sets its own `dir` to match, so Arabic lays out right to left. The UI language
 * belongs to the page, not to one player (@lit/localize keeps a single active locale): two
 * players in different languages on one page would both show the last one chosen, so keep to
 * one UI language per page. Markdown content keeps its own direction (`dir="auto"`); short
 * texts such as titles and options take the UI's, so a UI written the same way as the module
 * (the default: the module's own language) reads best.
 *
 * @summary Runs a Checkpoint module from its JSON file.
 * @event cp-progress - An activity was completed: module progress, completed and total.
 * @event cp-answer - The learner answered an item or took a scenario decision.
 * @event cp-complete - Every activity is done: passed and score.
 * @event cp-error - The module could not be loaded; the detail lists every problem.
 * @csspart header - The module title and progress.
 * @csspart progress - The progress bar.
 * @cssproperty --cp-player-max-width - The player's maximum width (48rem).
 * @cssproperty --cp-color-accent - Buttons, links and progress.
 */
@localized()
@customElement('cp-player')
export class CpPlayer extends LitElement {
  static override styles = [baseStyles, markdownStyles, playerStyles];

  // `lang` is HTMLElement's own attribute, watched so that a page can switch the UI language.
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  private readonly sessions = new SessionController(this, {
    onFact: (fact) => this.tell(fact),
    sessionOptions: () => this.sessionOptions ?? {},
    onSession: (session) => {
      this.progress.attach(session);
      this.lms.attach(session);
    },
    onHalt: () => {
      this.progress.detach();
      this.lms.detach();
    },
  });
  private readonly progress = new ProgressController(this, this.sessions, {
    learner: () => this.learnerId(),
    storageName: () => this.storageName,
  });
  private readonly lms = new LmsController(this, { choice: () => this.lmsChoice });

  private readonly loading = new Task(this, {
    task: async ([src]: readonly [string | undefined]) =>
      src ? loadModule(new URL(src, document.baseURI)) : undefined,
    args: () => [this.src] as const,
    onComplete: (result) => this.loaded(result),
  });

  @query('h1, h2') private heading?: HTMLElement;

  @state() private screen: Screen = 'intro';
  /** An activity whose content note the learner is reading before it opens. */
  @state() private noting: string | undefined;
  @state() private declined = false;
  /** The day the learner completed the module (for the certificate), once read. */
  @state() private completedOn: string | undefined;
  /** What the module-level live region says (completion and result). */
  @state() private announcement = '';
  /** A part of the player that could not be loaded (offline before it was cached). */
  @state() private missingPart: Part | undefined;

  /** URL of the module's JSON file, relative to the page. */
  @property() src?: string;
  /** The learner on this device: progress is kept per learner (default: one local learner). */
  @property() learner = '';
  /** The IndexedDB database that keeps progress (default "checkpoint"). */
  @property({ attribute: 'storage-name' }) storageName?: string;
  /**
   * Where progress is reported: `auto` (default) finds a cmi5 launch, a SCORM 2004 or 1.2 API
   * (this window, its parents, its opener) or xAPI launch parameters, and otherwise says that
   * progress stays on this device; `none` reports nothing and says nothing; or one of `scorm12`,
   * `scorm2004`, `cmi5`, `xapi`.
   */
  @property({ attribute: 'lms' }) lmsChoice: LmsChoice = 'auto';
  /** Extra options for the session: a test clock, a seed source. */
  @property({ attribute: false }) sessionOptions?: Omit<SessionOptions, 'snapshot'>;

  private module: Module | undefined;
  private focusPending = false;
  /** The language taken from the module while the page sets none: a new module replaces it. */
  private moduleLanguage: string | undefined;

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.applyLanguage();
  }

  private readingCompletion = false;

  protected override updated(changed: PropertyValues): void {
    const module = this.module;
    const status = this.sessions.session?.status();
    if (module && status?.passed && !this.completedOn && !this.readingCompletion) {
      // Once the last attempt is written; an update follows every save.
      this.readingCompletion = true;
      void this.readCompletion(module).finally(() => (this.readingCompletion = false));
    }
    // The certificate's code loads while the learner works, once something counts towards it.
    const results = this.course()?.results ?? {};
    if (Object.values(results).some((result) => result?.completed)) this.need('certificate', false);
    const moved =
      this.focusPending ||
      changed.has('noting') ||
      (changed.has('screen') && changed.get('screen') !== undefined);
    if (!moved) return;
    this.focusPending = false;
    const activity = this.shadowRoot?.querySelector<LitElement>('cp-lesson, cp-quiz, cp-scenario');
    if (activity) {
      // Into the activity just opened: its heading, once it has rendered.
      void activity.updateComplete.then(() =>
        activity.shadowRoot?.querySelector<HTMLElement>('h2[tabindex], h1[tabindex]')?.focus(),
      );
    } else {
      this.heading?.focus();
    }
  }

  private loaded(result: LoadResult | undefined): void {
    this.sessions.stop();
    this.completedOn = undefined;
    this.module = undefined;
    this.screen = 'intro';
    if (!result) return;
    if (!result.ok) {
      this.dispatchEvent(
        new CpErrorEvent({
          message: msg('The module could not be loaded.'),
          problems: result.errors,
        }),
      );
      return;
    }
    this.module = result.module;
    for (const type of new Set(result.module.activities.map((activity) => activity.type))) {
      this.need(type, false);
    }
    const own = this.getAttribute('lang');
    if (own === null || own === this.moduleLanguage) {
      this.moduleLanguage = result.module.language;
      this.lang = result.module.language; // → attributeChangedCallback
    }
    void this.prepare(result.module);
  }

  /** Opens the LMS session, applies its pass mark, then looks for progress to resume. */
  private async prepare(module: Module): Promise<void> {
    const launch = await this.lms.connect(module);
    if (this.module !== module) return; // another module was loaded meanwhile
    const passMark = launch.passMark;
    const effective =
      passMark === undefined || passMark === module.assessment.passMark
        ? module
        : { ...module, assessment: { ...module.assessment, passMark } };
    this.module = effective;
    await this.progress.prepare(effective, this.lms.journal);
  }

  private applyLanguage(): void {
    const lang = this.lang || this.module?.language;
    if (!lang) return;
    this.dir = directionOf(lang);
    // If a translation fails to load, the UI stays in the language it had.
    useLocale(lang).catch(() => undefined);
  }

  private tell(fact: Fact): void {
    const module = this.module;
    const session = this.sessions.session;
    if (!module || !session) return;
    switch (fact.type) {
      case 'item.answered':
      case 'scenario.chose':
        this.dispatchEvent(new CpAnswerEvent({ ...fact, moduleId: module.id }));
        break;
      case 'activity.completed': {
        const status = session.status();
        const title = module.activities.find((activity) => activity.id === fact.activityId)?.title;
        this.announcement = msg(
          str`“${title ?? fact.activityId}” done: ${status.completed} of ${status.total} activities.`,
        );
        this.dispatchEvent(
          new CpProgressEvent({
            moduleId: module.id,
            progress: status.progress,
            completed: status.completed,
            total: status.total,
            ...(status.score ? { score: status.score } : {}),
          }),
        );
        break;
      }
      case 'module.completed': {
        const percent = fact.score ? Math.round(fact.score.scaled * 100) : undefined;
        this.announcement = fact.passed
          ? percent === undefined
            ? msg('Passed: every activity is done.')
            : msg(str`Passed: every activity is done, with a score of ${percent} %.`)
          : percent === undefined
            ? msg('Not passed yet: every activity is done.')
            : msg(str`Not passed yet: every activity is done, with a score of ${percent} %.`);
        this.dispatchEvent(
          new CpCompleteEvent({
            moduleId: module.id,
            version: module.version,
            passed: fact.passed,
            ...(fact.score ? { score: fact.score } : {}),
          }),
        );
        break;
      }
      default:
        break;
    }
  }

  /** The learner as progress is kept: the page's, the LMS's, or this device's one learner. */
  private learnerId(): string {
    return this.learner || this.lms.launch.learner?.id || 'local';
  }

  /** Reads the completion day from what is saved, so the certificate's code can be checked. */
  private async readCompletion(module: Module): Promise<void> {
    const at = await this.progress.completedAt(module);
    if (at !== undefined && this.module === module)
      this.completedOn = new Date(at).toISOString().slice(0, 10);
  }

  private course(): CourseContext | undefined {
    return this.sessions.session?.actor.getSnapshot().context as CourseContext | undefined;
  }

  private async begin(choice: 'continue' | 'fresh'): Promise<void> {
    this.declined = false;
    await this.progress.begin(choice);
    this.screen = 'course';
  }
  private readonly takeOver = () => void this.progress.takeOver();
  private readonly decline = () => {
    this.declined = true;
  };
  private readonly backToOverview = () => {
    this.sessions.session?.send({ type: 'learner.close' });
    this.focusPending = true;
  };

  /**
   * Starts loading a part if it is not there yet; once loaded the player renders again (and,
   * when `focus` is set, moves focus into what appeared). True when the part is ready now.
   */
  private need(part: Part, focus = true): boolean {
    if (isReady(part)) return true;
    loadPart(part).then(
      () => {
        if (this.missingPart === part) this.missingPart = undefined;
        if (focus) this.focusPending = true;
        this.requestUpdate();
      },
      () => {
        if (focus) this.missingPart = part;
      },
    );
    return false;
  }

  private renderMissingPart(part: Part): TemplateResult {
    return html`<div role="alert">
      <p>
        ${msg(
          'This part of the module could not be loaded. Your progress is kept; check the connection and try again.',
        )}
      </p>
      <button class="primary" @click=${() => this.need(part)}>${msg('Try again')}</button>
    </div>`;
  }

  private open(activity: Activity): void {
    if (activity.contentNote && this.noting !== activity.id) {
      this.noting = activity.id;
      return;
    }
    this.noting = undefined;
    this.sessions.session?.open(activity.id);
    this.focusPending = true;
  }

  private canOpen(activity: Activity, index: number): boolean {
    const results = this.course()?.results ?? {};
    if (this.module?.navigation === 'free' || index === 0 || activity.id in results) return true;
    const previous = this.module?.activities[index - 1];
    return previous !== undefined && results[previous.id]?.completed === true;
  }

  private renderProblems(result: LoadResult): TemplateResult {
    if (result.ok) return html``;
    return html`<section class="problems" role="alert">
      <h1 tabindex="-1">${msg('This module could not be loaded')}</h1>
      <p>
        ${
          result.errorCount === 1
            ? msg('1 problem was found:')
            : msg(str`${result.errorCount} problems were found:`)
        }
      </p>
      <ul>
        ${result.errors.map((problem) => html`<li><code>${describeProblem(problem)}</code></li>`)}
      </ul>
    </section>`;
  }

  private renderIntro(module: Module): TemplateResult {
    const notes = module.contentNotes ?? [];
    return html`<section aria-labelledby="intro-title">
      <h1 id="intro-title" class="module-title" tabindex="-1">${module.title}</h1>
      <p>${module.summary}</p>
      <p class="muted">${msg(str`About ${module.estimatedMinutes} minutes`)}</p>
      <h2>${msg('You will be able to')}</h2>
      <ul>
        ${module.objectives.map((objective) => html`<li>${objective.text}</li>`)}
      </ul>
      ${
        notes.length
          ? html`<div class="note" role="note" aria-labelledby="note-title">
              <h2 id="note-title">${msg('Before you start')}</h2>
              ${notes.map((note) => html`<p>${note}</p>`)}
            </div>`
          : nothing
      }
      ${this.renderResumeChoice(notes.length > 0)}
      <p role="status">
        ${this.declined ? msg('That is fine. You can come back to this module whenever you are ready.') : ''}
      </p>
      <div role="status" class="lms-messages">
        ${this.lms.notices.map((notice) => html`<p class="note muted">${lmsMessage(notice)}</p>`)}
      </div>
    </section>`;
  }

  private renderResumeChoice(notes: boolean): TemplateResult {
    const offer = this.progress.offer;
    if (!offer) return html`<p role="status">${msg('Looking for saved progress…')}</p>`;
    const decline = notes
      ? html`<button @click=${this.decline}>${msg('Not now')}</button>`
      : nothing;
    switch (offer.kind) {
      case 'none':
        return html`<div class="actions">
          <button class="primary" @click=${() => this.begin('fresh')}>
            ${notes ? msg('Continue') : msg('Start')}
          </button>
          ${decline}
        </div>`;
      case 'resume': {
        const when = new Intl.DateTimeFormat(this.lang || undefined, {
          dateStyle: 'long',
          timeStyle: 'short',
        }).format(offer.savedAt);
        return html`<p>${msg(str`Welcome back. Your progress was saved on ${when}.`)}</p>
          <div class="actions">
            <button class="primary" @click=${() => this.begin('continue')}>
              ${msg('Continue where you left off')}
            </button>
            <button @click=${() => this.begin('fresh')}>${msg('Start over')}</button>
            ${decline}
          </div>
          <p class="muted">${msg('Starting over keeps your earlier results in your history.')}</p>`;
      }
      case 'changed':
      case 'unreadable':
        return html`<p class="note" role="status">${offer.message}</p>
          <div class="actions">
            ${
              offer.kind === 'changed' && offer.snapshot !== undefined
                ? html`<button class="primary" @click=${() => this.begin('continue')}>
                      ${msg('Continue')}
                    </button>
                    <button @click=${() => this.begin('fresh')}>${msg('Start over')}</button>`
                : html`<button class="primary" @click=${() => this.begin('fresh')}>
                    ${msg('Start')}
                  </button>`
            }
            ${decline}
          </div>`;
    }
  }

  /** Whether progress is kept, and anything about this device's storage worth saying. */
  private renderStorage(): TemplateResult {
    const { save, tab, notices } = this.progress;
    const messages = [
      tab?.mode === 'read-only' ? tab.message : '',
      save?.message ?? '',
      ...notices.map(storageMessage),
      ...this.lms.notices.map(lmsMessage),
    ].filter((message, index, all) => message && all.indexOf(message) === index);
    const saved =
      save?.state === 'saved'
        ? msg('All progress saved')
        : save?.state === 'saving'
          ? msg('Saving…')
          : '';
    return html`<p class="save-state muted" part="save-state">${saved}</p>
      <div role="status" class="storage-messages">
        ${messages.map((message) => html`<p class="note">${message}</p>`)}
        ${
          tab?.mode === 'read-only'
            ? html`<button @click=${this.takeOver}>${msg('Continue here')}</button>`
            : nothing
        }
      </div>`;
  }

  private renderProgress(): TemplateResult {
    const status = this.sessions.session!.status();
    const percent = Math.round(status.progress * 100);
    return html`<div class="header" part="header">
      <div class="progress" part="progress">
        <span id="progress-label"
          >${msg(str`${status.completed} of ${status.total} activities done (${percent} %)`)}</span
        >
        <div
          class="progress-bar"
          role="progressbar"
          aria-labelledby="progress-label"
          aria-valuemin="0"
          aria-valuemax="100"
          aria-valuenow=${percent}
        >
          <span ${fill(percent)}></span>
        </div>
      </div>
      ${this.renderStorage()}
      <p role="status" class="visually-hidden">${this.announcement}</p>
    </div>`;
  }

  private renderOverview(module: Module): TemplateResult {
    const session = this.sessions.session!;
    const status = session.status();
    const results = this.course()?.results ?? {};
    const finished = status.completed === status.total;
    return html`<section aria-labelledby="overview-title">
      <h1 id="overview-title" tabindex="-1">${finished ? msg('Your results') : module.title}</h1>
      ${finished ? this.renderResults(module) : nothing}
      <ol class="activities">
        ${module.activities.map((activity, index) => {
          const result = results[activity.id];
          const open = this.canOpen(activity, index);
          const state = result?.completed
            ? result.score
              ? msg(str`Done · ${Math.round(result.score.scaled * 100)} %`)
              : msg('Done')
            : result
              ? msg('Started')
              : open
                ? msg('Not started')
                : msg('Locked until the previous activity is done');
          return html`<li class="activity">
            <div>
              <h2>${activity.title}</h2>
              <p class="muted">${kindOf(activity)} · ${state}</p>
            </div>
            <button
              class=${result?.completed ? '' : 'primary'}
              ?disabled=${!open}
              aria-label=${
                result?.completed
                  ? msg(str`Review: ${activity.title}`)
                  : result
                    ? msg(str`Continue: ${activity.title}`)
                    : msg(str`Open: ${activity.title}`)
              }
              @click=${() => this.open(activity)}
            >
              ${result?.completed ? msg('Review') : result ? msg('Continue') : msg('Open')}
            </button>
          </li>`;
        })}
      </ol>
      ${finished ? nothing : this.renderReturn()}
    </section>`;
  }

  private renderResults(module: Module): TemplateResult {
    const status = this.sessions.session!.status();
    const percent = status.score ? Math.round(status.score.scaled * 100) : undefined;
    return html`<div>
        <p class="result ${status.passed ? 'passed' : 'failed'}">
          ${status.passed ? msg('Passed') : msg('Not passed yet')}
          ${percent === undefined ? '' : msg(str`— score ${percent} % (pass mark ${module.assessment.passMark} %)`)}
        </p>
      </div>
      ${
        status.passed && this.need('certificate', false)
          ? html`<cp-certificate
              lang=${this.lang}
              .data=${{
                learner: this.progress.learnerName,
                learnerId: this.learnerId(),
                moduleId: module.id,
                moduleTitle: module.title,
                version: module.version,
                issuedAt: this.completedOn ?? new Date().toISOString().slice(0, 10),
                score: percent ?? 100,
              }}
            ></cp-certificate>`
          : status.passed
            ? nothing
            : html`<p>${msg('Retake the quizzes or scenarios below to raise your score.')}</p>`
      }
      ${this.renderReturn()}`;
  }

  /** Back to the LMS (cmi5 `returnURL`): the LMS session ends first. */
  private renderReturn(): TemplateResult | typeof nothing {
    const returnUrl = this.lms.launch.returnUrl;
    const target = returnUrl ? safeUrl(returnUrl, 'media') : undefined;
    if (!target) return nothing;
    return html`<p>
      <button
        class="primary"
        @click=${() => {
          this.lms.finish();
          window.location.assign(target);
        }}
      >
        ${msg('Return to your course list')}
      </button>
    </p>`;
  }

  private renderNote(activity: Activity): TemplateResult {
    return html`<section class="note" aria-labelledby="activity-note-title">
      <h1 id="activity-note-title" tabindex="-1">
        ${msg(str`Before you open “${activity.title}”`)}
      </h1>
      <p>${activity.contentNote}</p>
      <div class="actions">
        <button class="primary" @click=${() => this.open(activity)}>${msg('Continue')}</button>
        <button @click=${() => (this.noting = undefined)}>${msg('Not now')}</button>
      </div>
    </section>`;
  }

  private renderActivity(module: Module, activity: Activity): TemplateResult {
    const actor = this.sessions.session!.activity(activity.id);
    const base = new URL(this.src ?? '', document.baseURI).href;
    const policy = resolvePolicy(module, activity.type === 'quiz' ? activity : undefined);
    const view = (() => {
      if (this.missingPart === activity.type) return this.renderMissingPart(activity.type);
      if (!this.need(activity.type)) return html`<p role="status">${msg('Loading…')}</p>`;
      switch (activity.type) {
        case 'lesson':
          return html`<cp-lesson .actor=${actor} .lesson=${activity} .base=${base}></cp-lesson>`;
        case 'quiz':
          return html`<cp-quiz
            .actor=${actor}
            .quiz=${activity}
            .policy=${policy}
            .base=${base}
          ></cp-quiz>`;
        case 'scenario':
          return html`<cp-scenario
            .actor=${actor}
            .scenario=${activity}
            .policy=${policy}
            .base=${base}
          ></cp-scenario>`;
      }
    })();
    return html`<div
      @cp-lesson-done=${this.backToOverview}
      @cp-quiz-done=${this.backToOverview}
      @cp-scenario-done=${this.backToOverview}
    >
      <nav class="actions" aria-label=${msg('Module')}>
        <button @click=${this.backToOverview}>${msg('Back to all activities')}</button>
      </nav>
      ${view}
    </div>`;
  }

  override render() {
    const result = this.loading.value;
    if (result && !result.ok) return this.renderProblems(result);
    const module = this.module;
    if (!module) {
      return html`<p role="status">${this.src ? msg('Loading the module…') : ''}</p>`;
    }
    if (this.screen === 'intro' || !this.sessions.session) return this.renderIntro(module);
    const noting = module.activities.find((activity) => activity.id === this.noting);
    const current = module.activities.find((activity) => activity.id === this.course()?.current);
    return html`${this.renderProgress()}
    ${
      noting
        ? this.renderNote(noting)
        : current
          ? this.renderActivity(module, current)
          : this.renderOverview(module)
    }`;
  }
}

/** A storage notice in the UI's language where the player words it, else as storage does. */
function storageMessage(notice: { readonly kind: string; readonly message: string }): string {
  return notice.kind === 'deleted'
    ? msg(
        'Saved progress on this device was deleted by the browser or another page. Your place and answers in this course have been saved again; anything else that was saved on this device is gone.',
      )
    : notice.message;
}

function lmsMessage(notice: LmsNotice): string {
  switch (notice.kind) {
    case 'standalone':
      return msg(
        'No LMS was found: your progress is kept on this device and is not reported to your LMS.',
      );
    case 'unreachable':
      return msg(
        'Your LMS is not answering. Your progress is kept on this device and will be sent when the connection is back.',
      );
    case 'refused':
      return msg(
        'Your LMS refused to record part of your progress. It is kept on this device; tell your trainer if this stays.',
      );
    case 'recovered':
      return msg('Your LMS answers again: everything kept on this device has been sent.');
    case 'too-large':
      return msg(
        'Your LMS cannot keep all of your progress. This device keeps it; on another device you may start from an earlier point.',
      );
  }
}

function kindOf(activity: Activity): string {
  switch (activity.type) {
    case 'lesson':
      return msg('Lesson');
    case 'quiz':
      return msg('Quiz');
    case 'scenario':
      return activity.mode === 'practice' ? msg('Practice scenario') : msg('Scenario');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cp-player': CpPlayer;
  }
}
