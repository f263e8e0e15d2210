/**
 * The standalone app's entry: the catalogue of every module shipped in `modules/`, each checked
 * by the loader, with its outline and lesson pages rendered as a learner will read them. Modules
 * with errors show the errors, located, so authors can fix them while `npm start` runs.
 */
import { html, render } from 'lit';
import catalogue from 'virtual:checkpoint/catalogue';
import { loadModule } from '../content/loader.ts';
import { moduleCard } from './catalogue-view.ts';

async function main(root: HTMLElement): Promise<void> {
  const results = await Promise.all(
    catalogue.map(
      async (path) => [path, await loadModule(new URL(path, document.baseURI))] as const,
    ),
  );
  root.replaceChildren(); // the static "Loading…" text
  render(
    html`${
      results.length
        ? results.map(([path, result]) => moduleCard(path, result))
        : html`<p>No modules found in <code>modules/</code>.</p>`
    }`,
    root,
  );
  root.setAttribute('aria-busy', 'false');
}

const root = document.querySelector<HTMLElement>('#catalogue');
if (root) void main(root);
