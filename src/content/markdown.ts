/**
 * Markdown → Lit templates. marked's lexer turns the text into tokens; each token maps to a
 * template in which every piece of content is bound as text or as an attribute Lit escapes.
 * Raw HTML in content is shown as the text it is, never interpreted; addresses pass `safeUrl`.
 * Blocks carry `dir="auto"`: content keeps its own direction when the UI around it runs the
 * other way (an English module in an Arabic UI, and back).
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { Lexer, type Token, type Tokens } from 'marked';
import { decodeEntities } from './plain-text.ts';
import { safeUrl } from './url.ts';

export interface MarkdownOptions {
  /** Relative image and link addresses resolve against this (usually the module's URL). */
  readonly base?: string | URL | undefined;
  /** The heading level that `#` maps to; deeper headings follow, never past h6. Default 3. */
  readonly headingLevel?: number;
}

type Inline = TemplateResult | string | typeof nothing;

/**
 * An address from content, checked for its use and resolved against the module's URL;
 * `undefined` when it is not allowed.
 */
export function contentUrl(
  url: string,
  use: 'link' | 'media',
  base?: string | URL | undefined,
): string | undefined {
  const safe = safeUrl(url, use);
  if (safe === undefined || base === undefined || safe.startsWith('#')) return safe;
  try {
    return safeUrl(new URL(safe, base).href, use);
  } catch {
    return undefined;
  }
}

function heading(level: number, content: Inline[]): TemplateResult {
  switch (Math.min(Math.max(level, 2), 6)) {
    case 2:
      return html`<h2 dir="auto">${content}</h2>`;
    case 3:
      return html`<h3 dir="auto">${content}</h3>`;
    case 4:
      return html`<h4 dir="auto">${content}</h4>`;
    case 5:
      return html`<h5 dir="auto">${content}</h5>`;
    default:
      return html`<h6 dir="auto">${content}</h6>`;
  }
}

class Renderer {
  constructor(private readonly options: MarkdownOptions) {}

  blocks(tokens: readonly Token[]): Inline[] {
    return tokens.map((token) => this.block(token));
  }

  inline(tokens: readonly Token[] | undefined): Inline[] {
    return (tokens ?? []).map((token) => this.span(token));
  }

  private block(token: Token): Inline {
    switch (token.type) {
      case 'paragraph':
        return html`<p dir="auto">${this.inline((token as Tokens.Paragraph).tokens)}</p>`;
      case 'heading': {
        const { depth, tokens } = token as Tokens.Heading;
        return heading((this.options.headingLevel ?? 3) + depth - 1, this.inline(tokens));
      }
      case 'list': {
        const list = token as Tokens.List;
        const items = list.items.map(
          (item) => html`<li dir="auto">${this.blocks(item.tokens)}</li>`,
        );
        return list.ordered
          ? html`<ol start=${typeof list.start === 'number' ? list.start : 1}>
              ${items}
            </ol>`
          : html`<ul>
              ${items}
            </ul>`;
      }
      case 'blockquote':
        return html`<blockquote dir="auto">
          ${this.blocks((token as Tokens.Blockquote).tokens)}
        </blockquote>`;
      case 'code':
        return html`<pre><code>${(token as Tokens.Code).text}</code></pre>`;
      case 'hr':
        return html`<hr />`;
      case 'table':
        return this.table(token as Tokens.Table);
      case 'html':
        return html`<p>${(token as Tokens.HTML).text}</p>`;
      case 'text': {
        const text = token as Tokens.Text;
        return text.tokens ? html`${this.inline(text.tokens)}` : decodeEntities(text.text);
      }
      case 'space':
      case 'def':
        return nothing;
      default:
        return this.span(token);
    }
  }

  private table(table: Tokens.Table): TemplateResult {
    // A class, not a style attribute: a strict CSP (style-src 'self') refuses inline styles.
    const align = (cell: Tokens.TableCell) => (cell.align ? `align-${cell.align}` : nothing);
    return html`<table>
      <thead>
        <tr>
          ${table.header.map(
            (cell) => html`<th scope="col" class=${align(cell)}>${this.inline(cell.tokens)}</th>`,
          )}
        </tr>
      </thead>
      <tbody>
        ${table.rows.map(
          (row) =>
            html`<tr>
              ${row.map((cell) => html`<td class=${align(cell)}>${this.inline(cell.tokens)}</td>`)}
            </tr>`,
        )}
      </tbody>
    </table>`;
  }

  private span(token: Token): Inline {
    switch (token.type) {
      case 'text': {
        const text = token as Tokens.Text;
        return text.tokens ? html`${this.inline(text.tokens)}` : decodeEntities(text.text);
      }
      case 'escape':
        return (token as Tokens.Escape).text;
      case 'strong':
        return html`<strong>${this.inline((token as Tokens.Strong).tokens)}</strong>`;
      case 'em':
        return html`<em>${this.inline((token as Tokens.Em).tokens)}</em>`;
      case 'del':
        return html`<del>${this.inline((token as Tokens.Del).tokens)}</del>`;
      case 'codespan':
        return html`<code>${(token as Tokens.Codespan).text}</code>`;
      case 'br':
        return html`<br />`;
      case 'link': {
        const link = token as Tokens.Link;
        const href = contentUrl(link.href, 'link', this.options.base);
        const content = this.inline(link.tokens);
        if (href === undefined) return html`${content}`;
        return html`<a
          href=${href}
          title=${link.title ?? nothing}
          rel="noopener noreferrer"
          target="_blank"
          >${content}</a
        >`;
      }
      case 'image': {
        const image = token as Tokens.Image;
        const src = contentUrl(image.href, 'media', this.options.base);
        if (src === undefined) return image.text;
        return html`<img
          src=${src}
          alt=${image.text}
          title=${image.title ?? nothing}
          loading="lazy"
        />`;
      }
      case 'html':
        return (token as Tokens.HTML).text;
      default:
        return 'raw' in token && typeof token.raw === 'string' ? token.raw : nothing;
    }
  }
}

/** Renders Markdown block content (paragraphs, lists, headings, tables…). */
export function renderMarkdown(text: string, options: MarkdownOptions = {}): TemplateResult {
  const tokens = new Lexer({ gfm: true }).lex(text);
  return html`${new Renderer(options).blocks(tokens)}`;
}

/** Renders one line of Markdown without a wrapping paragraph (option texts, titles). */
export function renderInlineMarkdown(text: string, options: MarkdownOptions = {}): TemplateResult {
  const tokens = Lexer.lexInline(text, { gfm: true });
  return html`${new Renderer(options).inline(tokens)}`;
}

/** Styles an element adopts where it renders Markdown. */
export const markdownStyles = css`
  .align-left {
    text-align: start;
  }
  .align-center {
    text-align: center;
  }
  .align-right {
    text-align: end;
  }
  img {
    max-inline-size: 100%;
    block-size: auto;
  }
  table {
    border-collapse: collapse;
    display: block;
    overflow-x: auto;
  }
  th,
  td {
    border: 1px solid currentColor;
    padding: 0.25em 0.5em;
  }
  pre {
    overflow-x: auto;
    white-space: pre-wrap;
  }
`;
