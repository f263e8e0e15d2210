/**
 * Owns a learner's session for an element: creates it when the element connects (resuming from a
 * snapshot when one is given or was parked), re-renders the host on every change, and on
 * disconnect parks `persist()` before stopping — moving the element in the DOM keeps the
 * learner's place. A move (disconnect and connect in the same task) keeps the running session:
 * the stop waits for the next task and is cancelled by the reconnection, so whatever listens to
 * the session (persistence) carries on without a gap.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Module } from '../content/schema.ts';
import type { Fact } from '../engine/events.ts';
import type { Journal } from '../engine/journal.ts';
import { createSession, type Session, type SessionOptions } from '../engine/session.ts';

export interface SessionControllerOptions {
  /** Every fact the session emits, in order. */
  readonly onFact?: (fact: Fact) => void;
  /** Extra options for each session (a test clock, a seed source). */
  readonly sessionOptions?: () => Omit<SessionOptions, 'snapshot'>;
  /** A session started (fresh, resumed or restored after the element came back). */
  readonly onSession?: (session: Session) => void;
  /** The element left the page and its session stopped (its last snapshot is parked). */
  readonly onHalt?: (session: Session) => void;
}

export class SessionController implements ReactiveController {
  private current: Session | undefined;
  private module: Module | undefined;
  private parked: unknown;
  private parkedJournal: Journal | undefined;
  private detach: (() => void)[] = [];
  private connected = false;
  private pendingHalt: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: SessionControllerOptions = {},
  ) {
    host.addController(this);
  }

  get session(): Session | undefined {
    return this.current;
  }

  /**
   * Starts a session on a module: from a snapshot (and the journal saved with it), from a journal
   * alone (replayed), or from the beginning.
   */
  start(module: Module, snapshot?: unknown, journal?: Journal): Session | undefined {
    this.stop();
    this.module = module;
    this.parked = snapshot;
    this.parkedJournal = journal;
    return this.resume();
  }

  /** Stops the session and forgets it (and anything parked). */
  stop(): void {
    clearTimeout(this.pendingHalt);
    this.pendingHalt = undefined;
    this.halt();
    this.module = undefined;
    this.parked = undefined;
    this.parkedJournal = undefined;
  }

  hostConnected(): void {
    this.connected = true;
    if (this.pendingHalt !== undefined) {
      clearTimeout(this.pendingHalt);
      this.pendingHalt = undefined;
    }
    if (this.module && !this.current) this.resume();
  }

  hostDisconnected(): void {
    this.connected = false;
    if (this.current) {
      this.parked = this.current.persist();
      this.parkedJournal = this.current.journal();
    }
    this.pendingHalt = setTimeout(() => {
      this.pendingHalt = undefined;
      const session = this.current;
      this.halt();
      if (session) this.options.onHalt?.(session);
    });
  }

  private resume(): Session | undefined {
    if (!this.module || !this.connected) return undefined;
    const session = createSession(this.module, {
      ...this.options.sessionOptions?.(),
      ...(this.parked === undefined ? {} : { snapshot: this.parked }),
      ...(this.parkedJournal === undefined ? {} : { journal: this.parkedJournal }),
    });
    this.current = session;
    this.detach = [
      session.onChange(() => this.host.requestUpdate()),
      ...(this.options.onFact ? [session.onFact(this.options.onFact)] : []),
    ];
    this.options.onSession?.(session);
    this.host.requestUpdate();
    return session;
  }

  private halt(): void {
    this.detach.forEach((undo) => undo());
    this.detach = [];
    this.current?.stop();
    this.current = undefined;
  }
}
