/**
 * The embeddable build: one self-contained ES module, `dist/checkpoint.js`, with its dependencies
 * bundled (chunks that load lazily sit beside it), and `dist/embed.html`, the page an LMS
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
      // Library builds keep their code readable unless told otherwise: minify what ships.
      output: { chunkFileNames: 'embed/[name]-[hash].js', minify: true },
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
