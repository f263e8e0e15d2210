/**
 * Connects an element's session to the LMS the page was launched from: picks the reporter
 * (`lms="…"` on the element, or auto-detection), opens the LMS session, hands every fact the
 * engine emits to the reporter, keeps the LMS's copy of the compact resume record up to date,
 * and ends the LMS session once — when the page goes away (`pagehide`, never `unload`) or the
 * element leaves it. Reporters are loaded only when used.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Module } from '../content/schema.ts';
import type { CourseContext } from '../engine/course.machine.ts';
import {
  decodeJournal,
  encodeJournal,
  encodeJournalSync,
  moduleTag,
  type Journal,
} from '../engine/journal.ts';
import type { Session } from '../engine/session.ts';
import { lmsNotice } from '../lms/messages.ts';
import {
  STANDALONE,
  type LaunchInfo,
  type LmsChoice,
  type LmsNotice,
  type Reporter,
} from '../lms/reporter.ts';

export interface LmsOptions {
  /** `lms="…"` on the element. */
  readonly choice: () => LmsChoice;
}

export class LmsController implements ReactiveController {
  /** What the LMS said when its session opened (standalone until then). */
  launch: LaunchInfo = STANDALONE;
  /** The resume record the LMS kept for this module, when it can be read. */
  journal: Journal | undefined;
  /** Notices for the learner, newest last. */
  notices: readonly LmsNotice[] = [];

  private reporter: Promise<Reporter> | undefined;
  private finished = false;
  private undo: (() => void)[] = [];
  private session: Session | undefined;
  /** Journal lengths: the last one queued for encoding, and the last one the LMS was given. */
  private queuedLength = -1;
  private savedLength = -1;
  private saving: Promise<void> = Promise.resolve();
  private lastRecord: string | undefined;
  /** This page and the same-origin pages around it that the LMS may live in. */
  private watched: Window[] = [];

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: LmsOptions,
  ) {
    host.addController(this);
  }

  get kind(): string | undefined {
    return this.ready?.kind;
  }

  private ready: Reporter | undefined;

  /** Opens the LMS session for a module (once per page); never throws. */
  async connect(module: Module): Promise<LaunchInfo> {
    if (!this.reporter) {
      this.reporter = this.open(module);
    }
    await this.reporter;
    return this.launch;
  }

  private async open(module: Module): Promise<Reporter> {
    const { createReporter } = await import('../lms/detect.ts');
    let reporter: Reporter;
    try {
      reporter = await createReporter(this.options.choice());
    } catch (error) {
      const { createNoneReporter } = await import('../lms/none.ts');
      reporter = createNoneReporter();
      this.notify(lmsNotice('refused', error instanceof Error ? error.message : String(error)));
    }
    reporter.onNotice((notice) => this.notify(notice));
    this.ready = reporter;
    try {
      this.launch = await reporter.start(module);
    } catch (error) {
      this.notify(lmsNotice('unreachable', error instanceof Error ? error.message : String(error)));
    }
    const saved = this.launch.resume ? await decodeJournal(this.launch.resume) : undefined;
    this.journal = saved?.module === moduleTag(module) ? saved : undefined;
    this.watched = pagesAround(window);
    for (const page of this.watched) page.addEventListener('pagehide', this.onPageHide);
    this.host.requestUpdate();
    return reporter;
  }

  /** Reports a session's facts and keeps its resume record in the LMS. */
  attach(session: Session): void {
    this.detachSession();
    this.session = session;
    this.queuedLength = -1;
    this.savedLength = -1;
    this.undo.push(
      session.onFact((fact) => {
        if (!this.finished) this.ready?.record(fact, session.status());
      }),
      session.onChange(() => this.scheduleSave()),
    );
    this.scheduleSave();
  }

  /** The element left the page for good: end the LMS session. */
  detach(): void {
    this.finish();
  }

  /**
   * Ends the LMS session: the latest resume record, then the reporter's finish. Once. Called when
   * this page goes away, and also when a page around it does (the LMS page navigating or its tab
   * closing hides the LMS first: finishing then still reaches an LMS API that lives there).
   */
  finish(): void {
    if (this.finished || !this.ready) return;
    const reporter = this.ready;
    this.saveNow();
    this.finished = true;
    this.detachSession();
    for (const page of this.watched) {
      try {
        page.removeEventListener('pagehide', this.onPageHide);
      } catch {
        // a page that has gone away
      }
    }
    this.watched = [];
    reporter.finish();
  }

  /** The latest resume record, now: no time to compress as a page goes, so plain if it fits. */
  private saveNow(): void {
    const reporter = this.ready;
    const session = this.session;
    if (!reporter || !session || this.launch.mode !== 'normal') return;
    const journal = session.journal();
    if (journal.entries.length === this.savedLength) return;
    const record = encodeJournalSync(journal, reporter.resumeLimit) ?? this.lastRecord;
    if (record === undefined) return;
    this.queuedLength = this.savedLength = journal.entries.length;
    reporter.save(record, this.location(session));
  }

  hostConnected(): void {
    // The LMS session opens with the first module; it ends on pagehide or when the element leaves.
  }

  hostDisconnected(): void {
    // A move in the DOM keeps the session: the element's session controller decides.
  }

  /**
   * This page going away ends the LMS session, unless the reporter can keep it open across a
   * reload (cmi5); a page around it (the LMS) going away always ends it.
   */
  private readonly onPageHide = (event: Event) => {
    const reporter = this.ready;
    if (event.currentTarget === window && reporter?.leave && !this.finished) {
      this.saveNow();
      reporter.leave();
      return;
    }
    this.finish();
  };

  private location(session: Session): string {
    return (session.actor.getSnapshot().context as CourseContext).current ?? '';
  }

  private scheduleSave(): void {
    const session = this.session;
    const reporter = this.ready;
    if (!session || !reporter || this.finished || this.launch.mode !== 'normal') return;
    const journal = session.journal();
    if (journal.entries.length === this.queuedLength) return;
    this.queuedLength = journal.entries.length;
    this.saving = this.saving.then(async () => {
      const record = await encodeJournal(journal, reporter.resumeLimit);
      if (this.finished || this.session !== session) return;
      if (journal.entries.length <= this.savedLength) return; // a later one went first
      if (record === undefined) {
        this.notify(lmsNotice('too-large', `${journal.entries.length} events`));
        return;
      }
      this.lastRecord = record;
      this.savedLength = journal.entries.length;
      reporter.save(record, this.location(session));
    });
  }

  private notify(notice: LmsNotice): void {
    const others = this.notices.filter((shown) => shown.kind !== notice.kind);
    // A recovery replaces the trouble it recovers from.
    this.notices =
      notice.kind === 'recovered'
        ? others.filter((shown) => shown.kind !== 'unreachable' && shown.kind !== 'refused')
        : [...others.slice(-3), notice];
    this.host.requestUpdate();
  }

  private detachSession(): void {
    this.undo.forEach((undo) => undo());
    this.undo = [];
    this.session = undefined;
  }
}

/**
 * This window, its same-origin parents and its same-origin opener chain: the pages whose going
 * away ends the LMS session. Cross-origin pages cannot be watched and are skipped.
 */
function pagesAround(start: Window): Window[] {
  const found: Window[] = [start];
  const sameOrigin = (page: Window) => {
    try {
      return page.location.origin === start.location.origin;
    } catch {
      return false;
    }
  };
  const climb = (from: Window) => {
    for (let page = from, depth = 0; depth < 10; depth++) {
      let parent: Window | null;
      try {
        parent = page.parent;
      } catch {
        return;
      }
      if (!parent || parent === page || !sameOrigin(parent)) return;
      if (!found.includes(parent)) found.push(parent);
      page = parent;
    }
  };
  climb(start);
  let opener: Window | null = null;
  try {
    opener = start.opener as Window | null;
  } catch {
    opener = null;
  }
  if (opener && sameOrigin(opener) && !found.includes(opener)) {
    found.push(opener);
    climb(opener);
  }
  return found;
}
