/**
 * The trainer's dashboard over a device database filled with the analytics generator's records
 * (bench/dashboard.mjs drives it). Built from src/ by the benchmark until <cp-dashboard> ships
 * in the embed build.
 */
/* global performance, indexedDB, localStorage */
import { generateDataset } from '../../src/analytics/generate.ts';
import '../../src/elements/cp-dashboard/cp-dashboard.ts';
import { importResults, openStore } from '../../src/storage/index.ts';

const NAME = 'bench-dashboard';

/** Writes L learners × N items of synthetic results through the store, as an import would. */
async function fill(learners, items) {
  const dataset = generateDataset({ learners, items, seed: 1, scenes: 0 });
  const store = await openStore({ name: NAME });
  const result = await importResults(store, {
    format: 'checkpoint-results',
    version: 1,
    learners: dataset.learners,
    progress: dataset.progress,
    attempts: dataset.attempts,
    responses: dataset.responses,
  });
  localStorage.setItem('bench-dashboard-modules', JSON.stringify(dataset.modules));
  return { responses: dataset.responses.length, added: result.added ?? null };
}

/** The first element matching `selector` in the document or any open shadow root under it. */
function deep(selector, root = document) {
  const found = root.querySelector(selector);
  if (found) return found;
  for (const element of root.querySelectorAll('*')) {
    if (element.shadowRoot) {
      const inner = deep(selector, element.shadowRoot);
      if (inner) return inner;
    }
  }
  return undefined;
}

const byText = (selector, text) =>
  [...(deep('cp-dashboard')?.shadowRoot?.querySelectorAll(selector) ?? [])].find(
    (element) => element.textContent.trim() === text && !element.disabled,
  );

/** Start ("Read results on this device") → loaded → "Items" → item-analysis rows rendered. */
async function open() {
  const until = window.__bench.until;
  const element = document.createElement('cp-dashboard');
  element.storageName = NAME;
  element.modules = JSON.parse(localStorage.getItem('bench-dashboard-modules') ?? '[]');
  let loaded;
  element.addEventListener('cp-dashboard-loaded', () => (loaded = performance.now()));
  document.body.append(element);
  const read = await until(() => byText('button', 'Read results on this device'), 'Read');
  const start = performance.now();
  read.click();
  const view = await until(() => loaded && byText('nav button', 'Items'), 'Items');
  const clicked = performance.now();
  view.click();
  await until(
    () =>
      deep('table[part=table] tbody tr') && deep('#view-heading')?.textContent.trim() === 'Items',
    'the item-analysis table',
  );
  const end = performance.now();
  return { total: end - start, loaded: loaded - start, items: end - clicked };
}

/** A bare getAll of every record of the responses store, on the same database. */
async function getAll() {
  const begin = performance.now();
  const db = await new Promise((resolve, reject) => {
    const request = indexedDB.open(NAME);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const count = await new Promise((resolve, reject) => {
    const request = db.transaction('responses', 'readonly').objectStore('responses').getAll();
    request.onsuccess = () => resolve(request.result.length);
    request.onerror = () => reject(request.error);
  });
  db.close();
  return { ms: performance.now() - begin, count };
}

window.__dashboard = { fill, open, getAll };
