/** Lesson blocks → templates: every block type of the module format, content bound as text. */
import { html, nothing, type TemplateResult } from 'lit';
import { contentUrl, renderMarkdown } from '../../content/markdown.ts';
import type { Block } from '../../content/schema.ts';

export interface BlockOptions {
  /** The module's URL: relative media resolve against it. */
  readonly base?: string | URL | undefined;
  /** The heading level Markdown `#` maps to. */
  readonly headingLevel?: number;
}

export function renderBlock(block: Block, options: BlockOptions = {}): TemplateResult {
  const markdown = (text: string) =>
    renderMarkdown(text, { base: options.base, headingLevel: options.headingLevel ?? 3 });
  switch (block.type) {
    case 'markdown':
      return html`<div class="block markdown">${markdown(block.text)}</div>`;
    case 'image': {
      const src = contentUrl(block.src, 'media', options.base);
      return html`<figure class="block image" part="figure">
        ${src ? html`<img src=${src} alt=${block.alt} loading="lazy" />` : html`<p>${block.alt}</p>`}
        ${block.caption ? html`<figcaption>${block.caption}</figcaption>` : nothing}
      </figure>`;
    }
    case 'callout':
      return html`<aside class="block callout ${block.variant}" part="callout">
        ${block.title ? html`<p class="callout-title"><strong>${block.title}</strong></p>` : nothing}
        ${markdown(block.text)}
      </aside>`;
    case 'indicator':
      return html`<section class="block indicator" part="indicator">
        <p class="indicator-category">${block.category}</p>
        <p class="indicator-title"><strong>${block.title}</strong></p>
        ${markdown(block.text)}
        ${
          block.lookFor
            ? html`<ul class="look-for">
                ${block.lookFor.map((cue) => html`<li>${cue}</li>`)}
              </ul>`
            : nothing
        }
        ${block.caution ? html`<p class="caution">${block.caution}</p>` : nothing}
      </section>`;
    case 'keyPoints':
      return html`<section class="block key-points" part="key-points">
        ${block.title ? html`<p><strong>${block.title}</strong></p>` : nothing}
        <ul>
          ${block.points.map((point) => html`<li>${point}</li>`)}
        </ul>
      </section>`;
  }
}
