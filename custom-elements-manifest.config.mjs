// The Custom Elements Manifest (dist/custom-elements.json) is built from each element's JSDoc.
export default {
  globs: ['src/elements/**/*.ts'],
  exclude: ['src/elements/**/*.styles.ts', 'src/elements/shared/**'],
  outdir: 'dist',
  litelement: true,
};
