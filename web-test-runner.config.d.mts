/** Types for what TypeScript files import from the test runner's configuration. */
export declare const CHROMIUM_ARGS: string[];
declare const config: unknown;
export default config;
