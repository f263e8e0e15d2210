/** The catalogue's view of one module: its outline, or its errors, located. */
import { html, nothing, type TemplateResult } from 'lit';
import type { LoadResult } from '../content/loader.ts';
import { contentUrl, renderMarkdown } from '../content/markdown.ts';
import { describeProblem } from '../content/problems.ts';
import type { Activity, Module } from '../content/schema.ts';

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function activitySummary(activity: Activity): string {
  switch (activity.type) {
    case 'lesson':
      return `Lesson · ${count(activity.pages.length, 'page', 'pages')}`;
    case 'quiz': {
      const drawn = activity.draw?.reduce((sum, draw) => sum + draw.count, 0);
      return `Quiz · ${drawn ? `${drawn} of ${activity.items.length} items drawn` : count(activity.items.length, 'item', 'items')}`;
    }
    case 'scenario':
      return `Scenario · ${count(activity.scenes.length, 'scene', 'scenes')}, ${count(activity.endings.length, 'ending', 'endings')}`;
  }
}

function lessonPages(activity: Activity, base: URL): TemplateResult | typeof nothing {
  if (activity.type !== 'lesson') return nothing;
  return html`${activity.pages.map(
    (page) =>
      html`<details>
        <summary>${page.title}</summary>
        ${page.blocks.map((block) => {
          switch (block.type) {
            case 'markdown':
              return renderMarkdown(block.text, { base, headingLevel: 4 });
            case 'image':
              return html`<figure>
                <img src=${contentUrl(block.src, 'media', base) ?? nothing} alt=${block.alt} />
                ${block.caption ? html`<figcaption>${block.caption}</figcaption>` : nothing}
              </figure>`;
            case 'callout':
              return html`<aside class="callout ${block.variant}">
                ${block.title ? html`<p><strong>${block.title}</strong></p>` : nothing}
                ${renderMarkdown(block.text, { base, headingLevel: 4 })}
              </aside>`;
            case 'indicator':
              return html`<aside class="indicator">
                <p><strong>${block.title}</strong> · ${block.category}</p>
                ${renderMarkdown(block.text, { base, headingLevel: 4 })}
                ${
                  block.lookFor
                    ? html`<ul>
                        ${block.lookFor.map((cue) => html`<li>${cue}</li>`)}
                      </ul>`
                    : nothing
                }
              </aside>`;
            case 'keyPoints':
              return html`<section class="key-points">
                ${block.title ? html`<p><strong>${block.title}</strong></p>` : nothing}
                <ul>
                  ${block.points.map((point) => html`<li>${point}</li>`)}
                </ul>
              </section>`;
          }
        })}
      </details>`,
  )}`;
}

export function moduleCard(
  path: string,
  result: LoadResult,
  baseUri = document.baseURI,
): TemplateResult {
  const base = new URL(path, baseUri);
  if (!result.ok) {
    return html`<article class="module invalid" aria-labelledby=${path}>
      <h2 id=${path}>${path}</h2>
      <p role="alert">This module has ${count(result.errorCount, 'error', 'errors')}:</p>
      <ul>
        ${result.errors.map((problem) => html`<li><code>${describeProblem(problem)}</code></li>`)}
      </ul>
    </article>`;
  }
  const module: Module = result.module;
  return html`<article class="module" aria-labelledby=${module.id}>
    <h2 id=${module.id}>${module.title}</h2>
    <p>${module.summary}</p>
    <p class="meta">
      About ${module.estimatedMinutes} minutes · version ${module.version} · pass mark
      ${module.assessment.passMark} %
    </p>
    <h3>You will be able to</h3>
    <ul>
      ${module.objectives.map((objective) => html`<li>${objective.text}</li>`)}
    </ul>
    <p>
      <a class="open" href=${`?module=${encodeURIComponent(module.id)}`}>Open “${module.title}”</a>
    </p>
    <h3>Activities</h3>
    <ol class="activities">
      ${module.activities.map(
        (activity) =>
          html`<li>
            <strong>${activity.title}</strong> — ${activitySummary(activity)}
            ${lessonPages(activity, base)}
          </li>`,
      )}
    </ol>
    ${
      result.warnings.length
        ? html`<p>Warnings:</p>
            <ul>
              ${result.warnings.map((problem) => html`<li>${describeProblem(problem)}</li>`)}
            </ul>`
        : nothing
    }
  </article>`;
}
