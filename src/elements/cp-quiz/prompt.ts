/** An item's prompt: a one-line prompt reads as the heading itself, a longer one follows it. */
import { html, nothing, type TemplateResult } from 'lit';
import { renderInlineMarkdown, renderMarkdown } from '../../content/markdown.ts';

/** Markdown on one line has no blocks (paragraphs, lists), so it fits inside a heading. */
export const isOneLine = (text: string): boolean => !text.trim().includes('\n');

/** The part of a prompt that goes inside its heading. */
export const promptInHeading = (prompt: string, base?: string): TemplateResult | typeof nothing =>
  isOneLine(prompt)
    ? html`<span class="prompt">${renderInlineMarkdown(prompt.trim(), { base })}</span>`
    : nothing;

/** The part of a prompt that follows its heading. */
export const promptBelowHeading = (
  prompt: string,
  base: string | undefined,
  headingLevel: number,
): TemplateResult | typeof nothing =>
  isOneLine(prompt)
    ? nothing
    : html`<div class="prompt-blocks">${renderMarkdown(prompt, { base, headingLevel })}</div>`;
