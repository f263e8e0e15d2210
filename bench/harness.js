/**
 * Runs inside every benchmark page before its own scripts (playwright's addInitScript).
 *
 * - Records every read-write IndexedDB transaction of the page (start, complete) and the last
 *   record put into a `responses` store, so that "saved" means a completed transaction.
 * - Polls (about once a millisecond) for the first question and clicks through whatever stands
 *   before it, as a learner who clicks the instant a button appears would.
 * - Answers questions on demand and times each step.
 *
 * Time is `performance.now()`: milliseconds since navigation start. The time spent in the
 * harness's own checks is counted (`self`, `ticks`) so that it can be taken out of script time.
 */
/* global performance, IDBDatabase, IDBObjectStore, indexedDB, MessageChannel, PerformanceObserver, localStorage */
(() => {
  const BARE = '__bench_bare';
  const bench = {
    transactions: [],
    lastResponse: undefined,
    playerOptions: undefined,
    self: 0,
    ticks: 0,
    paints: {},
  };
  window.__bench = bench;

  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (stores, mode, options) {
    const tx = transaction.call(this, stores, mode, options);
    if (mode === 'readwrite' && this.name !== BARE) {
      const record = { start: performance.now(), end: undefined, options };
      bench.playerOptions = options;
      bench.transactions.push(record);
      const done = () => (record.end = performance.now());
      tx.addEventListener('complete', done);
      tx.addEventListener('abort', done);
    }
    return tx;
  };
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (value, key) {
    if (this.name === 'responses' && this.transaction.db.name !== BARE) bench.lastResponse = value;
    return key === undefined ? put.call(this, value) : put.call(this, value, key);
  };

  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) bench.paints[entry.name] = entry.startTime;
  }).observe({ type: 'paint', buffered: true });

  // ── polling ─────────────────────────────────────────────────────────────────────────────
  // A timer hop then a message hop: the message resets the timer nesting level, so the 1 ms
  // delay is never clamped to 4 ms.
  const channel = new MessageChannel();
  const waiting = new Set();
  channel.port1.onmessage = () => {
    for (const wait of [...waiting]) wait();
    if (waiting.size) setTimeout(() => channel.port2.postMessage(0), 1);
  };
  const until = (check, label, timeout = 60_000) =>
    new Promise((resolve, reject) => {
      const begin = performance.now();
      const wait = () => {
        const at = performance.now();
        bench.ticks++;
        let value;
        try {
          value = check();
        } catch {
          value = undefined;
        } finally {
          bench.self += performance.now() - at;
        }
        if (value) {
          waiting.delete(wait);
          resolve(value);
        } else if (at - begin > timeout) {
          waiting.delete(wait);
          reject(new Error(`timed out waiting for ${label}`));
        }
      };
      waiting.add(wait);
      if (waiting.size === 1) channel.port2.postMessage(0);
    });
  bench.until = until;

  const usable = (element) =>
    element && element.isConnected && !element.disabled && element.checkVisibility() && element;
  const pending = () => bench.transactions.some((record) => record.end === undefined);
  const writtenSince = (at) =>
    bench.transactions.some((record) => record.start >= at) && !pending();
  const lastWrite = () => Math.max(...bench.transactions.map((record) => record.end ?? 0));
  const firstStart = (at) =>
    Math.min(...bench.transactions.filter((r) => r.start >= at).map((r) => r.start));

  // ── the three pages ─────────────────────────────────────────────────────────────────────
  const checkpoint = {
    root: () => document.querySelector('cp-player')?.shadowRoot,
    quiz: () => checkpoint.root()?.querySelector('cp-quiz')?.shadowRoot,
    radio: () => usable(checkpoint.quiz()?.querySelector('article.item input[type=radio]')),
    index: () =>
      Number(/\d+/.exec(checkpoint.quiz()?.querySelector('#item-heading .count')?.textContent)),
    /** The buttons a learner clicks before the first question, in the order they appear. */
    gates: [
      ['intro', () => usable(checkpoint.root()?.querySelector('#intro-title ~ .actions .primary'))],
      ['overview', () => usable(checkpoint.root()?.querySelector('button[aria-label^="Open:"]'))],
      ['quizIntro', () => usable(checkpoint.quiz()?.querySelector('section.ready .primary'))],
    ],
    saved: () =>
      checkpoint.root()?.querySelector('.save-state')?.textContent.trim() === 'All progress saved',
    async answer() {
      const index = checkpoint.index();
      checkpoint.radio().click();
      const submit = await until(
        () => usable(checkpoint.quiz()?.querySelector('form.answer button[type=submit]')),
        'Submit enabled',
      );
      const submitted = performance.now();
      submit.click();
      const next = await until(
        () =>
          writtenSince(submitted) &&
          checkpoint.saved() &&
          usable(checkpoint.quiz()?.querySelector('#feedback .actions .primary')),
        'feedback and "All progress saved"',
      );
      const saved = lastWrite();
      const started = firstStart(submitted);
      next.click();
      await until(
        () => checkpoint.index() === index + 1 && checkpoint.radio() && !pending(),
        'the next question',
      );
      return { submitted, started, saved };
    },
  };

  const floor = {
    root: () => document.querySelector('floor-question')?.shadowRoot,
    radio: () => usable(floor.root()?.querySelector('input[type=radio]')),
    index: () => Number(/\d+/.exec(floor.root()?.querySelector('legend')?.textContent)),
    gates: [],
    async answer() {
      const index = floor.index();
      floor.radio().click();
      const submit = await until(
        () => usable(floor.root()?.querySelector('button[type=submit]')),
        'Submit enabled',
      );
      const submitted = performance.now();
      submit.click();
      const next = await until(
        () =>
          writtenSince(submitted) &&
          floor.root()?.querySelector('.save-state')?.textContent === 'Saved' &&
          usable(floor.root()?.querySelector('button[type=button]')),
        'Saved',
      );
      const saved = lastWrite();
      const started = firstStart(submitted);
      next.click();
      await until(() => floor.index() === index + 1 && floor.radio(), 'the next question');
      return { submitted, started, saved };
    },
  };

  const surveyjs = {
    name: () => document.querySelector('#survey .sd-question[data-name]')?.dataset.name,
    radio: () => usable(document.querySelector('#survey .sd-question input[type=radio]')),
    gates: [],
    async answer() {
      const name = surveyjs.name();
      const radio = surveyjs.radio();
      radio.click();
      await until(() => radio.checked && localStorage.getItem('bench-survey-progress'), 'value');
      const submitted = performance.now();
      const next = await until(
        () =>
          usable(
            document.querySelector(
              '#survey .sd-navigation__next-btn, #survey input[value="Next"], #survey button[title="Next"]',
            ),
          ),
        'Next',
      );
      next.click();
      await until(() => surveyjs.name() !== name && surveyjs.radio(), 'the next question');
      // localStorage.setItem is synchronous: saved when the change handler returned.
      return { submitted, started: submitted, saved: submitted };
    },
  };

  const pages = { checkpoint, floor, surveyjs };
  const kind = /\/(checkpoint|floor|surveyjs)\.html$/.exec(location.pathname)?.[1];
  const page = pages[kind];
  if (!page) return;

  /** From navigation start: each gate seen and clicked, then the first question usable. */
  bench.first = (async () => {
    const marks = {};
    const clicked = new Set();
    await until(() => {
      for (const [name, find] of page.gates) {
        if (clicked.has(name)) continue;
        const button = find();
        if (button) {
          marks[name] = performance.now();
          clicked.add(name);
          button.click();
        }
      }
      return page.radio();
    }, 'the first question');
    marks.question = performance.now();
    return marks;
  })();

  /** Answers `count` questions; per answer: the whole cycle, and click-to-saved. */
  bench.answers = async (count) => {
    await bench.first;
    const cycles = [];
    for (let i = 0; i < count; i++) {
      const begin = performance.now();
      const { submitted, started, saved } = await page.answer();
      cycles.push({
        cycle: performance.now() - begin,
        saved: saved - submitted,
        toTransaction: started - submitted,
      });
    }
    return cycles;
  };

  /** A bare IndexedDB put of the same record, with the player's transaction options. */
  let bare;
  bench.barePut = async () => {
    bare ??= await new Promise((resolve, reject) => {
      const request = indexedDB.open(BARE, 1);
      request.onupgradeneeded = () => request.result.createObjectStore('responses');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const record = bench.lastResponse ?? { id: 'r', optionId: 'a', at: Date.now() };
    const begin = performance.now();
    const tx = bare.transaction('responses', 'readwrite', bench.playerOptions);
    tx.objectStore('responses').put(record, `r${begin}`);
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onabort = () => reject(tx.error);
    });
    return performance.now() - begin;
  };

  /** Polls for `ms` with a check that is never true: the script cost of one idle tick. */
  bench.calibrate = async (ms) => {
    const ticks = bench.ticks;
    const end = performance.now() + ms;
    await until(() => performance.now() >= end, 'calibration');
    return bench.ticks - ticks;
  };
})();
