/** Layout checks for reflow (WCAG 1.4.10): what overflows its box, through every shadow root. */

/** Displays that make a block container: the boxes in which text must wrap. */
const BLOCK = new Set([
  'block',
  'flow-root',
  'list-item',
  'flex',
  'grid',
  'inline-block',
  'inline-flex',
  'inline-grid',
  'table-cell',
]);

/** Form controls and media size themselves; the select's own rules keep it to its box. */
const REPLACED = new Set(['INPUT', 'SELECT', 'TEXTAREA', 'PROGRESS', 'IMG', 'VIDEO', 'svg']);

/** Every element under `root`, entering the shadow root of each element that has one. */
export function* deepElements(root: Element | ShadowRoot): Generator<Element> {
  for (const element of root.querySelectorAll('*')) {
    yield element;
    if (element.shadowRoot) yield* deepElements(element.shadowRoot);
  }
}

const describe = (element: Element) =>
  `<${element.localName}${element.id ? `#${element.id}` : ''}${
    element.classList.length ? `.${[...element.classList].join('.')}` : ''
  }> (${element.scrollWidth} > ${element.clientWidth}) “${(element.textContent ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 40)}”`;

/**
 * The block containers in `host`'s shadow tree (and its children's) whose content is wider than
 * their box. Visually hidden live regions (1 px wide by design) are left out.
 */
export function overflowing(host: Element): string[] {
  if (!host.shadowRoot) return [];
  return [...deepElements(host.shadowRoot)]
    .filter((element) => !REPLACED.has(element.tagName) && element.clientWidth > 1)
    .filter((element) => BLOCK.has(getComputedStyle(element).display))
    .filter((element) => element.scrollWidth > element.clientWidth + 1)
    .map(describe);
}
