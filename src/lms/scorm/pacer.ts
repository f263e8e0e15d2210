/**
 * When a SCORM session sends what waits to the LMS. SCORM calls are synchronous: the page waits
 * for each one, and an LMS whose `SetValue` or `Commit` goes to its server can hold it for long.
 * While sending is quick, what a learner action brings is sent as soon as the action is over,
 * with one commit. Once a send has held the page for `SLOW_MS` or more, the next one waits twice
 * as long as that send took (`MAX_WAIT_MS` at most): the answers given meanwhile go to the LMS
 * together, with one commit, and the learner has the page to themselves at least two thirds of
 * the time (less only when one send takes over `MAX_WAIT_MS` / 2). What waits is never dropped:
 * the session sends it all at once as the page goes away.
 */

/** A send that holds the page this long (ms) makes the next one wait. */
export const SLOW_MS = 150;

/** The longest a send waits (ms), however slow the LMS. */
export const MAX_WAIT_MS = 10_000;

export class Pacer {
  /** Sends what waits; true when it called the LMS (a send with nothing to do says nothing). */
  private readonly send: () => boolean;
  /** How long the last send held the page (ms). */
  private cost = 0;
  private due = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(send: () => boolean) {
    this.send = send;
  }

  /** Something is waiting to be sent. */
  request(): void {
    if (this.due) return;
    this.due = true;
    if (this.cost < SLOW_MS) {
      // After the action that asked, with everything else it brings.
      queueMicrotask(this.run);
    } else {
      this.timer = setTimeout(this.run, Math.min(MAX_WAIT_MS, 2 * this.cost));
    }
  }

  /** Nothing waiting is sent by this pacer any more (the session sends it itself, or is over). */
  cancel(): void {
    this.due = false;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private readonly run = () => {
    if (!this.due) return;
    this.cancel();
    const started = performance.now();
    if (this.send()) this.cost = performance.now() - started;
  };
}
