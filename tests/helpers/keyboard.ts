/**
 * Keyboard-only driving through nested shadow roots: what has focus, Tab until a control named
 * so has it, then a key on it. Nothing here clicks or sends events to an engine.
 */
import { sendKeys } from '@web/test-runner-commands';

const words = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/** The focused element, followed down through every open shadow root. */
export function deepActive(root: DocumentOrShadowRoot = document): Element | null {
  let active = root.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/**
 * An element's accessible name, as far as these elements need it: aria-labelledby, aria-label,
 * the labels of a form control, else its text (buttons, summaries, links, headings).
 */
export function accessibleName(el: Element): string {
  const root = el.getRootNode() as Document | ShadowRoot;
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy) {
    return words(
      labelledBy
        .split(/\s+/)
        .map((id) => root.getElementById(id)?.textContent ?? '')
        .join(' '),
    );
  }
  const label = el.getAttribute('aria-label');
  if (label !== null) return words(label);
  const labels = (el as HTMLInputElement).labels;
  if (labels?.length) return words([...labels].map((l) => l.textContent).join(' '));
  if (el instanceof HTMLInputElement || el instanceof HTMLSelectElement) return '';
  return words(el.textContent);
}

/** The role a screen reader would give the focused element, for messages and predicates. */
export function roleOf(el: Element): string {
  const explicit = el.getAttribute('role');
  if (explicit) return explicit;
  if (el instanceof HTMLInputElement) {
    return { checkbox: 'checkbox', radio: 'radio' }[el.type] ?? 'textbox';
  }
  if (el instanceof HTMLSelectElement) return 'combobox';
  if (el instanceof HTMLTextAreaElement) return 'textbox';
  if (el instanceof HTMLAnchorElement) return 'link';
  if (/^H[1-6]$/.test(el.tagName)) return 'heading';
  return el.tagName.toLowerCase();
}

/** One line for a failure message: `button "Next page"`. */
export function describeElement(el: Element | null): string {
  return el ? `${roleOf(el)} "${accessibleName(el)}"` : '(nothing)';
}

/** Controls a keyboard user operates: each needs a name. */
const INTERACTIVE = new Set([
  'button',
  'checkbox',
  'radio',
  'textbox',
  'combobox',
  'link',
  'summary',
]);

export type ControlPredicate = (el: Element) => boolean;

/** A control of this role and accessible name (a string is matched exactly, after trimming). */
export const named =
  (name: string | RegExp, role = 'button'): ControlPredicate =>
  (el) => {
    if (roleOf(el) !== role) return false;
    const actual = accessibleName(el);
    return typeof name === 'string' ? actual === name : name.test(actual);
  };

export interface TabOptions {
  /** Tab presses before giving up. */
  readonly limit?: number;
  /** Shift+Tab instead of Tab. */
  readonly backward?: boolean;
}

/**
 * Fails unless keys can work here. Firefox moves focus in a background tab, but shows no focus
 * there and activates nothing from keys: with another test file's page opened in front of this
 * one, Enter and Space would be lost without a trace.
 */
function inFront(key: string): void {
  if (document.visibilityState === 'hidden' && navigator.userAgent.includes('Firefox')) {
    throw new Error(
      `"${key}" cannot be tested here: this page is a background tab, where Firefox shows no focus and activates nothing from keys. Run keyboard tests one file at a time (concurrency 1).`,
    );
  }
}

/** WebKit here is driven over WebDriver, whose key actions know no Shift held across commands. */
const overWebDriver = () => !/Chrome|Firefox/.test(navigator.userAgent);

/**
 * Shift+Tab. Puppeteer holds Shift down across commands; WebDriver presses every key of one
 * command down, then lets them all up, so Shift and Tab (U+E008, U+E004) go in one string.
 */
async function shiftTab(): Promise<void> {
  if (overWebDriver()) {
    await sendKeys({ press: '\uE008\uE004' });
    return;
  }
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ up: 'Shift' });
}

/** Whether the focused element shows it: `:focus-visible` with an outline or a shadow. */
export function focusVisible(el: Element): boolean {
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  return el.matches(':focus-visible') && (outline || style.boxShadow !== 'none');
}

/**
 * Presses Tab until the deeply focused element matches, and returns it. Fails with every element
 * it passed through, and as soon as it meets a control without an accessible name or without a
 * visible focus indicator.
 */
export async function tabToControl(
  predicate: ControlPredicate,
  { limit = 40, backward = false }: TabOptions = {},
): Promise<HTMLElement> {
  const passed: string[] = [];
  for (let i = 0; i < limit; i++) {
    inFront(backward ? 'Shift+Tab' : 'Tab');
    await (backward ? shiftTab() : sendKeys({ press: 'Tab' }));
    const active = deepActive();
    if (active && INTERACTIVE.has(roleOf(active)) && accessibleName(active) === '') {
      throw new Error(`Tab reached a ${roleOf(active)} without an accessible name`);
    }
    if (active && active !== document.body && !focusVisible(active)) {
      const style = getComputedStyle(active);
      throw new Error(
        `Tab reached ${describeElement(active)}, which shows no focus indicator (outline ${style.outlineStyle} ${style.outlineWidth}, :focus-visible ${active.matches(':focus-visible')}, box-shadow ${style.boxShadow})`,
      );
    }
    if (active && predicate(active)) return active as HTMLElement;
    passed.push(describeElement(active));
  }
  throw new Error(
    `${limit} presses of Tab did not reach the control; passed: ${passed.join(' → ')}`,
  );
}

/** The next task: a message to itself, which background tabs do not throttle as they do timers. */
const nextTask = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });

/**
 * Waits until a condition holds, or fails saying what it waited for. Like `until` in dom.ts, but
 * it polls task by task: a test page is often a background tab, whose timers run once a second.
 */
export async function waitFor(condition: () => boolean, what: string, timeout = 5_000) {
  const deadline = performance.now() + timeout;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await nextTask();
  }
}

/** A key on whatever has focus (Space as `' '`: Firefox's driver has no key named Space). */
export async function press(key: string): Promise<void> {
  inFront(key);
  await sendKeys({ press: key });
}

/**
 * Types text one key at a time: over WebDriver, `sendKeys({ type })` presses every key down and
 * then lets them all up, so a doubled letter arrives once ("referral" as "referal").
 */
export async function typeText(text: string): Promise<void> {
  for (const character of text) await sendKeys({ press: character });
}

/** Tabs to the button with this accessible name and presses a key on it (Enter by default). */
export async function pressOn(
  name: string | RegExp,
  { key = 'Enter', ...options }: TabOptions & { readonly key?: string } = {},
): Promise<HTMLElement> {
  const target = await tabToControl(named(name), options);
  await press(key);
  return target;
}
