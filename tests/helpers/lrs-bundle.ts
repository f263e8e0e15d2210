/** What a browser page needs to run the xAPI reporter in end-to-end tests (bundled by esbuild). */
export { createXapiReporter } from '../../src/lms/xapi/reporter.ts';
export { Outbox } from '../../src/lms/xapi/outbox.ts';
export { LrsClient } from '../../src/lms/xapi/client.ts';
export { openStore } from '../../src/storage/store.ts';
export { validateModule } from '../../src/content/loader.ts';
export { runShowcase } from './lrs-walk.ts';
