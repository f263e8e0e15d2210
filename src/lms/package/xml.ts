/**
 * Writing XML from content: every text a module holds may be hostile (an author's title with
 * "&", "<", quotes or stray control characters), and the manifest must stay well formed and
 * valid against the standards' schemas whatever it is.
 */

/** Characters XML 1.0 cannot hold at all, not even as a character reference; also lone surrogates. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // Kept as references: a parser would fold a literal tab or line break in an attribute to a
  // space, and a literal carriage return anywhere to a line feed.
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/**
 * Text cut to at most `max` characters (code points, as XML Schema counts them), ending in "…"
 * when it was cut. For fields a schema limits, such as SCORM 1.2 titles (200).
 */
export function clipText(text: string, max: number): string {
  const chars = [...text.replace(NOT_XML, '')];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/** Text for an element's content or an attribute's value, escaped and cleaned of what XML forbids. */
export function xmlText(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"'\t\n\r]/g, (char) => ENTITIES[char] ?? char);
}

/**
 * An XML identifier (xs:ID, an NCName) built from content: characters outside ASCII letters,
 * digits, "-", "_" and "." become "_", and a prefix makes it start with a letter.
 */
export function xmlId(prefix: string, raw: string): string {
  const clean = raw.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 128);
  return `${prefix}-${clean || '_'}`;
}

/** A number as an xs:decimal: never in exponent form, at most `places` decimals, no trailing zeros. */
export function xmlDecimal(value: number, places: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a number: ${value}`);
  const fixed = value.toFixed(places);
  const trimmed = fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
  return trimmed === '-0' ? '0' : trimmed;
}

/**
 * A package path as a URI reference for `href`/`<url>`: each segment percent-encoded, so that
 * spaces, "#", "?" and non-ASCII names still point at the file.
 */
export function hrefOf(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}
