/**
 * Markdown → the plain words a reader sees: for places that show text without formatting (the
 * dashboard's tables, CSV exports, terminal reports). Emphasis, links and code lose their marks,
 * images keep their alternative text, raw HTML stays the text it is, character references become
 * the characters they name. Blocks are joined by a space: the result is one line.
 */
import { Lexer, type Token } from 'marked';

const ENTITY = /&(#\d{1,7}|#x[\da-f]{1,6}|amp|lt|gt|quot|apos|nbsp);/gi;
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

/** marked leaves character references in text; they become the characters they name. */
export function decodeEntities(text: string): string {
  return text.replace(ENTITY, (match, body: string) => {
    const lower = body.toLowerCase();
    if (!lower.startsWith('#')) return NAMED[lower] ?? match;
    const code = lower.startsWith('#x')
      ? parseInt(lower.slice(2), 16)
      : parseInt(lower.slice(1), 10);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
      ? String.fromCodePoint(code)
      : '\ufffd';
  });
}

function words(tokens: readonly Token[] | undefined, out: string[]): void {
  for (const token of tokens ?? []) {
    if ('tokens' in token && Array.isArray(token.tokens) && token.tokens.length) {
      words(token.tokens as Token[], out);
    } else if (token.type === 'list') {
      for (const item of (token as { items: { tokens: Token[] }[] }).items) {
        words(item.tokens, out);
        out.push(' ');
      }
    } else if (token.type === 'table') {
      const table = token as { header: { tokens: Token[] }[]; rows: { tokens: Token[] }[][] };
      for (const cell of [...table.header, ...table.rows.flat()]) {
        words(cell.tokens, out);
        out.push(' ');
      }
    } else if (token.type === 'space' || token.type === 'hr' || token.type === 'def') {
      out.push(' ');
    } else if (token.type === 'br') {
      out.push(' ');
    } else if (token.type === 'escape' || token.type === 'html' || token.type === 'codespan') {
      out.push((token as { text: string }).text);
    } else if ('text' in token && typeof token.text === 'string') {
      out.push(token.type === 'code' ? token.text : decodeEntities(token.text));
    }
    if (token.type === 'paragraph' || token.type === 'heading') out.push(' ');
  }
}

/** The words of a Markdown text on one line, without its formatting marks. */
export function plainText(markdown: string): string {
  const out: string[] = [];
  words(new Lexer({ gfm: true }).lex(markdown), out);
  return out.join('').replace(/\s+/g, ' ').trim();
}
