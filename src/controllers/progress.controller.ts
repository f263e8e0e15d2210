/**
 * Keeps a learner's progress on this device for an element that runs a module: opens the store
 * (or runs in memory, saying so), claims the module for this tab, offers to resume what was saved,
 * and persists the session after every change. The element renders `offer`, `save`, `tab` and
 * `notices`, and calls `begin`, `takeOver`; it never touches storage itself.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Module } from '../content/schema.ts';
import { isJournal, moduleTag, type Journal } from '../engine/journal.ts';
import { createSession, type Session } from '../engine/session.ts';
import {
  claimTab,
  loadResume,
  openStore,
  persistSession,
  progressKey,
  requestPersistence,
  startOver,
  type Persistence,
  type ProgressRecord,
  type ResumeOffer,
  type SaveStatus,
  type StorageNotice,
  type Store,
  type TabClaim,
  type TabState,
} from '../storage/index.ts';
import type { SessionController } from './session.controller.ts';

/**
 * What can be resumed: what this device saved, or the LMS's record when it is newer (or the
 * device has nothing) — then `journal` replays it and `progress` is the device's run it continues.
 */
export type Offer =
  | ResumeOffer
  | {
      readonly kind: 'resume';
      readonly progress?: ProgressRecord;
      readonly snapshot: unknown;
      readonly journal: Journal;
      readonly savedAt: number;
    };

export interface ProgressOptions {
  /** The learner on this device. */
  readonly learner: () => string;
  /** The database's name (tests give each its own). */
  readonly storageName?: () => string | undefined;
}

export class ProgressController implements ReactiveController {
  /** What was saved for this learner and module, once prepared. */
  offer: Offer | undefined;
  save: SaveStatus | undefined;
  tab: TabState | undefined;
  /** The learner's name, from the profile on this device (printed on the certificate). */
  learnerName = '';
  /** Problems and recoveries the learner should know about, newest last. */
  notices: readonly StorageNotice[] = [];

  private store: Store | undefined;
  private claim: TabClaim | undefined;
  private persistence: Persistence | undefined;
  private module: Module | undefined;
  private resumed: ProgressRecord | undefined;
  private undo: (() => void)[] = [];

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly sessions: SessionController,
    private readonly options: ProgressOptions,
  ) {
    host.addController(this);
  }

  get durable(): boolean {
    return this.store?.durable ?? false;
  }

  /**
   * Opens the store and the tab claim, and reads what can be resumed: from this device, or from
   * `lms` (the LMS's record) when that is newer.
   */
  async prepare(module: Module, lms?: Journal): Promise<Offer> {
    this.release();
    this.offer = undefined;
    this.module = module;
    const store = (this.store ??= await this.openStore());
    void requestPersistence();
    const claim = await this.claimTab(module);
    if (this.module !== module) return { kind: 'none' }; // another module was loaded meanwhile
    this.claim = claim;
    this.tab = claim.state;
    this.undo.push(
      claim.onChange((state) => {
        this.tab = state;
        if (state.mode === 'read-only') void this.persistence?.stop();
        this.host.requestUpdate();
      }),
      claim.onHandOver(() => this.persistence?.flush()),
    );
    this.offer = preferNewer(await loadResume(store, this.options.learner(), module), module, lms);
    const profile = await store.get('learners', this.options.learner());
    this.learnerName = profile?.name ?? '';
    // Written back, with the session's records, should the database be deleted under the page.
    if (profile) this.undo.push(store.hold(() => ({ add: { learners: [profile] } })));
    this.host.requestUpdate();
    return this.offer;
  }

  /**
   * When the learner completed the module on this device: the latest of each scored activity's
   * first ended attempt (what a trainer's dashboard reads from the same records), or undefined.
   */
  async completedAt(module: Module): Promise<number | undefined> {
    if (!this.store) return undefined;
    const attempts = await this.store.list('attempts', {
      learnerId: this.options.learner(),
      moduleId: module.id,
    });
    const firstEnds = new Map<string, number>();
    for (const attempt of attempts) {
      if (attempt.version !== module.version || attempt.endedAt === undefined) continue;
      const known = firstEnds.get(attempt.activityId);
      if (known === undefined || attempt.endedAt < known) {
        firstEnds.set(attempt.activityId, attempt.endedAt);
      }
    }
    const scored = module.activities.filter((activity) => activity.type !== 'lesson');
    const ends = scored.map((activity) => firstEnds.get(activity.id));
    return ends.length && ends.every((end) => end !== undefined)
      ? Math.max(...(ends as number[]))
      : undefined;
  }

  /** Starts the session: from the saved place, or afresh (the old run stays in history). */
  async begin(choice: 'continue' | 'fresh'): Promise<void> {
    const module = this.module;
    const offer = this.offer;
    if (!module || !offer || !this.store) return;
    let snapshot: unknown;
    let journal: Journal | undefined;
    this.resumed = undefined;
    if (offer.kind !== 'none') {
      if (choice === 'continue' && 'snapshot' in offer && offer.snapshot !== undefined) {
        snapshot = offer.snapshot;
        this.resumed = offer.progress;
        journal = 'journal' in offer ? offer.journal : undefined;
        const saved = offer.progress?.journal;
        journal ??= isJournal(saved) ? saved : undefined;
      } else if (offer.progress) {
        const because =
          offer.kind === 'resume'
            ? 'start-over'
            : offer.kind === 'changed'
              ? 'content-changed'
              : 'unreadable';
        await startOver(this.store, offer.progress, because);
      }
    }
    this.offer = { kind: 'none' };
    // The session this one replaces (a take-over) writes what is left; the tab keeps its claim.
    const previous = this.persistence;
    this.persistence = undefined;
    await previous?.stop();
    this.sessions.start(module, snapshot, journal);
  }

  /** Makes this tab the one that saves, then resumes from what the other tab saved. */
  async takeOver(): Promise<void> {
    const module = this.module;
    if (!module || !this.claim || !this.store) return;
    await this.claim.takeOver();
    this.offer = await loadResume(this.store, this.options.learner(), module);
    await this.begin('continue');
  }

  /** Called by the session controller for every session it starts. */
  attach(session: Session): void {
    if (this.store && this.module && !this.claim) {
      void this.reclaim(session, this.store, this.module);
      return;
    }
    this.persist(session);
  }

  /** The element came back after it had left: claim the course again and go on saving. */
  private async reclaim(session: Session, store: Store, module: Module): Promise<void> {
    const claim = await this.claimTab(module);
    this.claim = claim;
    this.tab = claim.state;
    this.resumed = await store.get(
      'progress',
      progressKey(this.options.learner(), module.id, module.version),
    );
    this.persist(session);
    this.host.requestUpdate();
  }

  private persist(session: Session): void {
    if (!this.store || this.tab?.mode !== 'owner') return;
    const persistence = persistSession(session, this.store, {
      learnerId: this.options.learner(),
      ...(this.resumed ? { resumed: this.resumed } : {}),
    });
    this.persistence = persistence;
    this.save = persistence.status;
    this.undo.push(
      persistence.onStatus((status) => {
        this.save = status;
        this.host.requestUpdate();
      }),
    );
  }

  /**
   * Called when the session stops for good (the element left the page): write what is left and
   * let another tab own the course.
   */
  detach(): void {
    this.release();
  }

  hostConnected(): void {
    // nothing to do: the store opens when a module is prepared
  }

  hostDisconnected(): void {
    // The session controller decides whether the session stops (a move keeps it running).
  }

  private claimTab(module: Module): Promise<TabClaim> {
    const database = this.options.storageName?.();
    return claimTab(this.options.learner(), module.id, database ? { database } : {});
  }

  private async openStore(): Promise<Store> {
    const name = this.options.storageName?.();
    const store = await openStore(name ? { name } : {});
    this.notices = [...store.problems];
    store.onNotice((notice) => {
      this.notices = [...this.notices.slice(-4), notice];
      this.host.requestUpdate();
    });
    return store;
  }

  private release(): void {
    this.undo.forEach((undo) => undo());
    this.undo = [];
    const persistence = this.persistence;
    const claim = this.claim;
    this.persistence = undefined;
    this.claim = undefined;
    this.tab = undefined;
    // Hand the course over only once everything is written.
    void (async () => {
      await persistence?.stop();
      await claim?.release();
    })();
  }
}

/** The LMS's record wins over this device's when it is newer, or when the device has none. */
export function preferNewer(offer: ResumeOffer, module: Module, lms: Journal | undefined): Offer {
  if (!lms || !lms.entries.length || lms.module !== moduleTag(module)) return offer;
  const device = offer.kind === 'resume' ? offer : undefined;
  if (offer.kind !== 'none' && !(device && lms.savedAt > device.savedAt)) return offer;
  const replayed = createSession(module, { journal: lms });
  const snapshot = replayed.persist();
  replayed.stop();
  return {
    kind: 'resume',
    ...(device ? { progress: device.progress } : {}),
    snapshot,
    journal: lms,
    savedAt: lms.savedAt,
  };
}
