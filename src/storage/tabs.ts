/**
 * One writing tab per learner × module. The first tab owns the course (a Web Lock); a second one
 * is read-only until the learner takes over there: the owner is asked over a BroadcastChannel to
 * finish its writes and let go, and if it does not answer in time the lock is stolen. Without
 * Web Locks, the tabs negotiate over the BroadcastChannel alone. Whatever happens here, the
 * progress record's revision check (see batch.ts) keeps two writers from overwriting each other.
 */
import { newId } from './ids.ts';
import { TAB_MESSAGES } from './messages.ts';

export type TabMode = 'owner' | 'read-only';
export type TabReason = 'owner' | 'open-elsewhere' | 'taken-over' | 'took-over';

export interface TabState {
  readonly mode: TabMode;
  readonly reason: TabReason;
  readonly message: string;
}

export interface TabClaim {
  readonly state: TabState;
  /** Makes this tab the owner: the other finishes its writes first. Reload progress afterwards. */
  takeOver(): Promise<void>;
  onChange(listener: (state: TabState) => void): () => void;
  /** Work to finish before this tab hands the course over, e.g. `persistence.flush()`. */
  onHandOver(task: () => unknown): () => void;
  /** Lets go (the page closes); resolves once another tab can own the course. */
  release(): Promise<void>;
}

export interface ClaimOptions {
  /** The database the course is kept in, when not the default: claims are per database. */
  readonly database?: string;
  /** Defaults to `navigator.locks`; null: negotiate over the channel only. */
  readonly locks?: LockManager | null;
  /** Defaults to `new BroadcastChannel(name)`; null: no channel. */
  readonly channel?: ((name: string) => BroadcastChannel) | null;
  /** How long an owner may take to hand over before its lock is stolen (default 3 s). */
  readonly handOverTimeoutMs?: number;
  /** Without Web Locks: how long to listen for an owner (default 250 ms). */
  readonly probeMs?: number;
}

type Message =
  | { readonly type: 'probe' | 'owned' | 'hand-over' | 'released'; readonly from: string }
  | { readonly type: string; readonly from?: unknown };

export const tabLockName = (learnerId: string, moduleId: string, database = ''): string =>
  database
    ? `checkpoint:${database}:${learnerId}:${moduleId}`
    : `checkpoint:${learnerId}:${moduleId}`;

const stateOf = (reason: TabReason): TabState => ({
  mode: reason === 'owner' || reason === 'took-over' ? 'owner' : 'read-only',
  reason,
  message: TAB_MESSAGES[reason],
});

function defaultLocks(): LockManager | null {
  return typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null;
}

function defaultChannel(name: string): BroadcastChannel | null {
  return typeof BroadcastChannel === 'function' ? new BroadcastChannel(name) : null;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function claimTab(
  learnerId: string,
  moduleId: string,
  options: ClaimOptions = {},
): Promise<TabClaim> {
  const name = tabLockName(learnerId, moduleId, options.database);
  const id = newId();
  const locks = options.locks === undefined ? defaultLocks() : options.locks;
  const channel =
    options.channel === null ? null : ((options.channel ?? defaultChannel)(name) ?? null);
  const handOverMs = options.handOverTimeoutMs ?? 3_000;
  const listeners = new Set<(state: TabState) => void>();
  const tasks = new Set<() => unknown>();
  let state = stateOf('owner');
  let unlock: (() => void) | undefined;
  /** Settles when the held lock is let go. */
  let letGo: Promise<unknown> = Promise.resolve();
  let released = false;
  const owners = new Set<string>();

  const set = (reason: TabReason) => {
    state = stateOf(reason);
    listeners.forEach((listener) => listener(state));
  };
  const post = (type: 'probe' | 'owned' | 'hand-over' | 'released') =>
    channel?.postMessage({ type, from: id } satisfies Message);

  /** Resolves whether the lock was granted; a held lock that is stolen makes this tab read-only. */
  const lock = (how: LockOptions) =>
    new Promise<boolean>((granted) => {
      let held = false;
      const request = locks!
        .request(name, how, (lock) => {
          if (!lock) return granted(false);
          held = true;
          letGo = request;
          granted(true);
          return new Promise<void>((resolve) => (unlock = resolve));
        })
        .catch(() => {
          if (!held) return granted(false);
          unlock = undefined;
          if (state.mode === 'owner') set('taken-over');
        });
    });

  const handOver = async () => {
    if (state.mode !== 'owner') return;
    set('taken-over');
    await Promise.allSettled([...tasks].map(async (task) => task()));
    unlock?.();
    unlock = undefined;
    post('released');
  };

  channel?.addEventListener('message', (event: MessageEvent<Message>) => {
    const { type, from } = event.data;
    if (typeof from !== 'string' || from === id || released) return;
    if (type === 'probe' && state.mode === 'owner') post('owned');
    else if (type === 'owned') owners.add(from);
    else if (type === 'hand-over') void handOver();
  });

  if (locks) {
    if (!(await lock({ ifAvailable: true }))) state = stateOf('open-elsewhere');
  } else if (channel) {
    post('probe');
    await delay(options.probeMs ?? 250);
    if (owners.size) state = stateOf('open-elsewhere');
  }

  /** Without Web Locks: until the owner says it let go, or it is taken as gone. */
  const waitForRelease = (channel: BroadcastChannel) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, handOverMs);
      const listener = (event: MessageEvent<Message>) => {
        if (event.data.type === 'released' && event.data.from !== id) done();
      };
      function done() {
        clearTimeout(timer);
        channel.removeEventListener('message', listener);
        resolve();
      }
      channel.addEventListener('message', listener);
    });

  return {
    get state() {
      return state;
    },
    async takeOver() {
      if (state.mode === 'owner' || released) return;
      post('hand-over');
      if (locks) {
        const timeout = new AbortController();
        const timer = setTimeout(() => timeout.abort(), handOverMs);
        const granted = await lock({ signal: timeout.signal });
        clearTimeout(timer);
        // The owner did not answer in time (a frozen or crashed tab): take the lock from it.
        if (!granted) await lock({ steal: true });
      } else if (channel) {
        await waitForRelease(channel);
        post('owned');
      }
      set('took-over');
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onHandOver(task) {
      tasks.add(task);
      return () => tasks.delete(task);
    },
    async release() {
      if (released) return;
      if (state.mode === 'owner') post('released');
      released = true;
      unlock?.();
      unlock = undefined;
      channel?.close();
      await letGo;
    },
  };
}
