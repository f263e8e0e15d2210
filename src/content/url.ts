/**
 * Which addresses content may use. Anything else (javascript:, data:, vbscript:, file:, …) is
 * refused by the validator and dropped by the renderer.
 */
export type UrlUse = 'link' | 'media';

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;
const ALLOWED: Record<UrlUse, readonly string[]> = {
  link: ['http', 'https', 'mailto'],
  media: ['http', 'https'],
};

/**
 * Returns the address if it is safe for its use, otherwise `undefined`. Browsers ignore ASCII
 * whitespace and control characters inside a scheme ("java\tscript:"), so they are removed
 * before the scheme is read.
 */
export function safeUrl(raw: string, use: UrlUse): string | undefined {
  // eslint-disable-next-line no-control-regex
  const compact = raw.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  if (!compact) return undefined;
  const scheme = SCHEME.exec(compact)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    // Relative: a path, a query or a fragment. "//host" would borrow the page's scheme: allowed
    // for media, like any https address, but never a protocol-relative trick with a backslash.
    return compact.startsWith('\\') || compact.startsWith('/\\') ? undefined : raw.trim();
  }
  return ALLOWED[use].includes(scheme) ? raw.trim() : undefined;
}
