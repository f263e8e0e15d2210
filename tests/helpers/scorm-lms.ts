/**
 * scorm-again's SCORM 1.2 and 2004 run-times, the LMS side of the reporter tests. Its ES builds
 * export the classes by name while its type declarations describe a default export: the named
 * exports are read here under the declared types.
 */
import type Scorm12ApiClass from 'scorm-again/scorm12';
import * as scorm12 from 'scorm-again/scorm12';
import type Scorm2004ApiClass from 'scorm-again/scorm2004';
import * as scorm2004 from 'scorm-again/scorm2004';

export const Scorm12API = (scorm12 as unknown as { Scorm12API: typeof Scorm12ApiClass }).Scorm12API;
export const Scorm2004API = (scorm2004 as unknown as { Scorm2004API: typeof Scorm2004ApiClass })
  .Scorm2004API;

/** Quiet, and nothing sent anywhere: the tests read the run-time's data model directly. */
export const LMS_SETTINGS = { logLevel: 5, autocommit: false, lmsCommitUrl: false } as const;

/** Every method of each edition's API, as an LMS page exposes them. */
export const API_METHODS = {
  '1.2': [
    'LMSInitialize',
    'LMSFinish',
    'LMSGetValue',
    'LMSSetValue',
    'LMSCommit',
    'LMSGetLastError',
    'LMSGetErrorString',
    'LMSGetDiagnostic',
  ],
  '2004': [
    'Initialize',
    'Terminate',
    'GetValue',
    'SetValue',
    'Commit',
    'GetLastError',
    'GetErrorString',
    'GetDiagnostic',
  ],
} as const;

/**
 * Makes each named method of `api` hold the page for at least `ms` before it answers, as an LMS
 * does whose calls wait for its server.
 */
export function slowDown(api: object, methods: readonly string[], ms: number): void {
  const target = api as Record<string, (...args: unknown[]) => unknown>;
  for (const method of methods) {
    const original = target[method]!;
    target[method] = (...args: unknown[]) => {
      const until = performance.now() + ms;
      while (performance.now() < until) {
        // the page waits, as for a synchronous request
      }
      return original.apply(api, args);
    };
  }
}

/**
 * An LMS's API adapter: a plain object whose methods pass each call on to `runtime`, as LMSs
 * put in front of their run-time. Its methods are its own properties: an LMS can delete them.
 */
export function adapter(runtime: object, version: '1.2' | '2004'): Record<string, unknown> {
  const target = runtime as Record<string, (...args: unknown[]) => unknown>;
  return Object.fromEntries(
    API_METHODS[version].map((name) => [
      name,
      (...args: unknown[]) => target[name]!.apply(runtime, args),
    ]),
  );
}

export interface LmsFrame {
  /** The iframe of the LMS page. */
  readonly frame: HTMLIFrameElement;
  /** The LMS page's window. */
  readonly lms: Window;
  /** The content's window, a frame inside the LMS page. */
  readonly content: Window;
  /** The API the LMS page put in its window. */
  readonly api: object;
}

/**
 * An LMS page in a frame of this page, with the content in a frame inside it. The LMS page's own
 * script makes its API: an object of that page whose methods pass each call on to `runtime`. When
 * the frame is removed or navigated, what is still held of the API belongs to a page that is gone.
 */
export async function lmsFrame(runtime: object, version: '1.2' | '2004'): Promise<LmsFrame> {
  const property = version === '1.2' ? 'API' : 'API_1484_11';
  const frame = document.createElement('iframe');
  frame.title = 'LMS';
  frame.srcdoc = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>LMS</title></head>
<body><script>
window.${property} = Object.fromEntries(
  ${JSON.stringify(API_METHODS[version])}.map((name) => [name, (...args) => window.runtime[name](...args)]),
);
</script><iframe title="Content" src="/tests/fixtures/scorm/blank.html"></iframe></body></html>`;
  document.body.append(frame);
  after(() => frame.remove());
  for (let wait = 0; wait < 200; wait++) {
    const lms = frame.contentWindow as (Window & Record<string, unknown>) | null;
    const content = lms?.frames[0];
    if (
      lms?.[property] &&
      content?.document.readyState === 'complete' &&
      content.location.pathname.endsWith('blank.html')
    ) {
      lms.runtime = runtime;
      return { frame, lms, content, api: lms[property] as object };
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the LMS frame did not load');
}
