/**
 * The standalone app: the catalogue of every module shipped in `modules/` (found at build time),
 * each checked by the loader, the player for the one the learner opens (`?module=<id>`), and the
 * trainer's dashboard (`?view=dashboard`, loaded only when opened).
 * Modules with errors show them, located, so authors can fix them while `npm start` runs.
 */
import { html, nothing, render } from 'lit';
import catalogue from 'virtual:checkpoint/catalogue';
import { loadModule } from '../content/loader.ts';
import '../elements/cp-player/cp-player.ts';
import { moduleCard } from './catalogue-view.ts';
import { currentLearner, showDevice } from './device-view.ts';

const moduleIdOf = (path: string) => path.split('/').at(-2) ?? path;

async function showCatalogue(root: HTMLElement): Promise<void> {
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

/**
 * The app keeps progress on the device and reports nowhere, unless its address says otherwise
 * (`?lms=auto`, or `xapi` with xAPI launch parameters).
 */
function showPlayer(root: HTMLElement, path: string): void {
  document.querySelector('h1')?.remove();
  document.querySelector('#device')?.remove(); // learners and transfers live on the catalogue
  document.querySelector('body > footer')?.remove();
  root.replaceChildren();
  render(
    html`<p><a href="./">← All courses</a></p>
      <cp-player
        src=${path}
        learner=${currentLearner()}
        lang=${new URLSearchParams(location.search).get('lang') ?? nothing}
        lms=${new URLSearchParams(location.search).get('lms') ?? 'none'}
      ></cp-player>`,
    root,
  );
  root.setAttribute('aria-busy', 'false');
}

/** The trainer's dashboard over this device's results, with the catalogue's modules for texts. */
async function showDashboard(root: HTMLElement): Promise<void> {
  document.querySelector('h1')?.remove(); // the dashboard has its own
  document.title = 'Checkpoint — trainer dashboard';
  document.querySelector('#device')?.remove();
  document.querySelector('body > footer')?.remove();
  const [, results] = await Promise.all([
    import('../elements/cp-dashboard/cp-dashboard.ts'),
    Promise.all(catalogue.map((path) => loadModule(new URL(path, document.baseURI)))),
  ]);
  const modules = results.flatMap((result) => (result.ok ? [result.module] : []));
  root.replaceChildren();
  render(
    html`<p><a href="./">← All courses</a></p>
      <cp-dashboard .modules=${modules}></cp-dashboard>`,
    root,
  );
  root.setAttribute('aria-busy', 'false');
}

// Offline after the first visit (production builds only: the dev server serves fresh files).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  void navigator.serviceWorker.register('./sw.js').catch(() => undefined);
}

const root = document.querySelector<HTMLElement>('#catalogue');
if (root) {
  const params = new URLSearchParams(location.search);
  const wanted = params.get('module');
  const path = catalogue.find((candidate) => moduleIdOf(candidate) === wanted);
  if (path) showPlayer(root, path);
  else if (params.get('view') === 'dashboard') void showDashboard(root);
  else {
    void showCatalogue(root);
    const device = document.querySelector<HTMLElement>('#device');
    if (device) void showDevice(device);
  }
}
