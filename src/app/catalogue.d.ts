declare module 'virtual:checkpoint/catalogue' {
  /** Paths of every modules/<id>/module.json, relative to the app. */
  const catalogue: readonly string[];
  export default catalogue;
}
