import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

const MODULES_DIR = 'modules';
const CATALOGUE = 'virtual:checkpoint/catalogue';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map((entry) => join(dir, String(entry)))
    .filter((path) => statSync(path).isFile());
}

/**
 * Course content is data, served as it is: `modules/` is copied into the build next to the app,
 * and the catalogue (every modules/<id>/module.json, found at build time) is a virtual module.
 * While `npm start` runs, editing a module reloads the page so authors see their change.
 */
function checkpointModules(): Plugin {
  const catalogue = () =>
    readdirSync(MODULES_DIR, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `${MODULES_DIR}/${entry.name}/module.json`)
      .filter((path) => {
        try {
          return statSync(path).isFile();
        } catch {
          return false;
        }
      })
      .sort();
  return {
    name: 'checkpoint-modules',
    resolveId: (id) => (id === CATALOGUE ? `\0${CATALOGUE}` : undefined),
    load: (id) =>
      id === `\0${CATALOGUE}` ? `export default ${JSON.stringify(catalogue())};` : undefined,
    configureServer(server) {
      server.watcher.add(MODULES_DIR);
      const reload = (file: string) => {
        if (!relative(MODULES_DIR, file).startsWith('..')) {
          const virtual = server.moduleGraph.getModuleById(`\0${CATALOGUE}`);
          if (virtual) server.moduleGraph.invalidateModule(virtual);
          server.ws.send({ type: 'full-reload' });
        }
      };
      server.watcher.on('change', reload);
      server.watcher.on('add', reload);
      server.watcher.on('unlink', reload);
    },
    generateBundle() {
      for (const file of filesUnder(MODULES_DIR)) {
        this.emitFile({ type: 'asset', fileName: file, source: readFileSync(file) });
      }
    },
  };
}

/**
 * The service worker (src/app/sw.js) with the list of every file of the build to cache on
 * install, and a version that changes with the files so that an update replaces the old cache.
 */
function serviceWorker(): Plugin {
  return {
    name: 'checkpoint-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = ['./', ...Object.keys(bundle).filter((file) => !file.endsWith('.map'))].map(
        (file) => (file === './' ? file : `./${file}`),
      );
      const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12);
      const source = readFileSync('src/app/sw.js', 'utf8')
        .replace("'__VERSION__'", JSON.stringify(version))
        .replace('__PRECACHE__', JSON.stringify(files));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

export default defineConfig({
  // Relative asset URLs: the build runs from any static host, including a sub-path.
  base: './',
  publicDir: false,
  plugins: [checkpointModules(), serviceWorker()],
  build: {
    target: 'es2022',
    sourcemap: true,
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
