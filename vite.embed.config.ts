/**
 * The embeddable build: one ES module, `dist/checkpoint.js`, with its dependencies bundled (the
 * chunks it loads when a module needs them sit beside it, in `dist/embed/`), and `dist/embed.html`, the page an LMS
 * administrator pastes into an HTML block. Runs after the app's build (`npm run build`).
 */
import { defineConfig } from 'vite';

const EMBED_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Checkpoint — embedded module</title>
  </head>
  <body>
    <!-- Paste these two lines into any page; point src at the module you publish. -->
    <script type="module" src="./checkpoint.js"></script>
    <cp-player src="./modules/showcase/module.json"></cp-player>
  </body>
</html>
`;

/**
 * Everything checkpoint.js needs before its first render goes into one chunk, `core`, rather
 * than the dozen small chunks Rollup would otherwise split off for the code it shares with the
 * chunks loaded later (each activity's element, the LMS adapters, the dashboard): the page waits
 * for two files, not twenty. What only a later chunk needs stays with it.
 */
function firstRenderInOneChunk() {
  type Info = { readonly importers: readonly string[]; readonly isEntry: boolean } | null;
  const eager = new Map<string, boolean>();
  /** Whether a chain of static imports leads from the entry to the module. */
  const isEager = (id: string, info: (id: string) => Info, path = new Set<string>()): boolean => {
    const known = eager.get(id);
    if (known !== undefined) return known;
    const module = info(id);
    if (!module || path.has(id)) return false;
    path.add(id);
    const result =
      module.isEntry || module.importers.some((importer) => isEager(importer, info, path));
    path.delete(id);
    eager.set(id, result);
    return result;
  };
  return (id: string, { getModuleInfo }: { getModuleInfo: (id: string) => Info }) =>
    !getModuleInfo(id)?.isEntry && isEager(id, getModuleInfo) ? 'core' : null;
}

export default defineConfig({
  // Chunks and the dashboard's worker are addressed relative to checkpoint.js: any host, any path.
  base: './',
  publicDir: false,
  worker: {
    format: 'es',
    rollupOptions: { output: { entryFileNames: 'embed/[name]-[hash].js' } },
  },
  build: {
    target: 'es2022',
    emptyOutDir: false,
    sourcemap: true,
    lib: {
      entry: 'src/checkpoint.ts',
      formats: ['es'],
      fileName: () => 'checkpoint.js',
    },
    rollupOptions: {
      output: {
        chunkFileNames: 'embed/[name]-[hash].js',
        // Library builds keep their code readable unless told otherwise: minify what ships.
        minify: true,
        manualChunks: firstRenderInOneChunk(),
      },
    },
  },
  plugins: [
    {
      name: 'checkpoint-embed-page',
      generateBundle() {
        this.emitFile({ type: 'asset', fileName: 'embed.html', source: EMBED_HTML });
      },
    },
  ],
});
