/** A module document served from a Blob URL, as a player would fetch it. */
export function moduleUrl(document: unknown): string {
  const url = URL.createObjectURL(
    new Blob([JSON.stringify(document)], { type: 'application/json' }),
  );
  after(() => URL.revokeObjectURL(url));
  return url;
}

/** Waits until a condition holds (an element re-renders asynchronously), or fails with a message. */
export async function until(
  condition: () => boolean,
  what: string,
  timeout = 5_000,
): Promise<void> {
  const deadline = performance.now() + timeout;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A button in an element's shadow root by its visible text or accessible name. */
export function button(root: Element, name: string | RegExp): HTMLButtonElement;
export function button(
  root: Element,
  name: string | RegExp,
  optional: true,
): HTMLButtonElement | undefined;
export function button(
  root: Element,
  name: string | RegExp,
  optional = false,
): HTMLButtonElement | undefined {
  const buttons = [...(root.shadowRoot ?? root).querySelectorAll('button')];
  const match = (text: string | null) =>
    text !== null && (typeof name === 'string' ? text.trim() === name : name.test(text.trim()));
  const found = buttons.find(
    (candidate) => match(candidate.getAttribute('aria-label')) || match(candidate.textContent),
  );
  if (!found) {
    if (optional) return undefined;
    throw new Error(
      `no button "${String(name)}" among: ${buttons.map((candidate) => candidate.textContent?.trim()).join(' | ')}`,
    );
  }
  return found;
}

/** The element focused inside a host's shadow root (or the host's document). */
export function focusedIn(root: Element): Element | null {
  return root.shadowRoot?.activeElement ?? null;
}

/** Presses Tab until the button with this name has focus, as a keyboard user would. */
export async function tabTo(root: Element, name: string, limit = 30): Promise<HTMLButtonElement> {
  const { sendKeys } = await import('@web/test-runner-commands');
  const target = button(root, name);
  for (let i = 0; i < limit; i++) {
    await sendKeys({ press: 'Tab' });
    if (focusedIn(root) === target) return target;
  }
  throw new Error(`Tab never reached "${name}"`);
}
