/**
 * Finding the SCORM API in real frame hierarchies: the window, its parents, nested frames, the
 * opener of a launched window, and frames of other origins in between (every read guarded).
 */
import { expect } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import { findScormApi } from '../../src/lms/scorm/discover.ts';
import { LMS_SETTINGS, Scorm12API, Scorm2004API } from '../helpers/scorm-lms.ts';

type Holder = Record<string, unknown>;

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

/** Puts an LMS API in a window, removed after the test. */
function install<T>(frame: Window, name: 'API' | 'API_1484_11', api: T): T {
  (frame as unknown as Holder)[name] = api;
  cleanups.push(() => Reflect.deleteProperty(frame, name));
  return api;
}
const api12 = () => new Scorm12API(LMS_SETTINGS);
const api2004 = () => new Scorm2004API(LMS_SETTINGS);

/** The frame's window once its document has loaded (WebKit may not fire `load` in nested frames). */
async function loaded(frame: HTMLIFrameElement, url: string): Promise<Window> {
  for (let wait = 0; wait < 200; wait++) {
    const document = frame.contentDocument;
    if (document?.readyState === 'complete' && document.URL.endsWith(url)) {
      return frame.contentWindow!;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`frame ${url} did not load`);
}

/** The first frame of `parent` once it shows the page named `page`. */
async function frameIn(parent: Window, page: string): Promise<Window> {
  for (let wait = 0; wait < 200; wait++) {
    const frame = parent.frames[0];
    if (frame?.document.readyState === 'complete' && frame.location.pathname.endsWith(page)) {
      return frame;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${page} did not load`);
}

/** An iframe in `host`'s document, loaded. */
async function iframe(
  host: Document,
  attributes: Partial<Pick<HTMLIFrameElement, 'src' | 'srcdoc'>> & { sandbox?: string },
): Promise<Window> {
  const frame = host.createElement('iframe');
  frame.title = 'content';
  if (attributes.sandbox !== undefined) frame.setAttribute('sandbox', attributes.sandbox);
  if (attributes.srcdoc !== undefined) frame.srcdoc = attributes.srcdoc;
  if (attributes.src !== undefined) frame.src = attributes.src;
  host.body.append(frame);
  cleanups.push(() => frame.remove());
  // A frame of another origin shows no document: it is taken as it is once attached.
  if (
    attributes.sandbox !== undefined ||
    (attributes.src && !attributes.src.startsWith(location.origin))
  ) {
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    return frame.contentWindow!;
  }
  return loaded(frame, attributes.srcdoc !== undefined ? 'about:srcdoc' : attributes.src!);
}
const CONTENT = '<!doctype html><title>content</title><p>Content</p>';

describe('findScormApi', () => {
  it('finds nothing in a page without an LMS', () => {
    expect(findScormApi()).to.equal(undefined);
  });

  it('finds SCORM 1.2 or 2004 in the window itself, and prefers 2004 when both are there', () => {
    const old = install(window, 'API', api12());
    expect(findScormApi()).to.deep.equal({ version: '1.2', api: old });
    const current = install(window, 'API_1484_11', api2004());
    const found = findScormApi(window);
    expect(found?.version).to.equal('2004');
    expect(found?.api).to.equal(current);
  });

  it('finds the API in the parent of the content frame', async () => {
    const api = install(window, 'API_1484_11', api2004());
    const content = await iframe(document, { srcdoc: CONTENT });
    expect(content).to.not.equal(window);
    expect(findScormApi(content)).to.deep.equal({ version: '2004', api });
  });

  it('climbs nested frames, and takes the nearest API', async () => {
    const top = install(window, 'API_1484_11', api2004());
    // frameset.html → launch.html → blank.html, as an LMS player nests its frames.
    const outer = await iframe(document, { src: '/tests/fixtures/scorm/frameset.html' });
    const inner = await frameIn(outer, 'launch.html');
    const innermost = await frameIn(inner, 'blank.html');
    expect(findScormApi(innermost)).to.deep.equal({ version: '2004', api: top });
    // An LMS that runs its 1.2 API in a frame between: that one is nearer.
    const near = install(outer, 'API', api12());
    expect(findScormApi(innermost)).to.deep.equal({ version: '1.2', api: near });
  });

  it('ignores an object without the API methods, and a property that throws', async () => {
    const api = install(window, 'API', api12());
    const content = await iframe(document, { srcdoc: CONTENT });
    install(content, 'API', { LMSInitialize: 'not a function' });
    Object.defineProperty(content, 'API_1484_11', {
      configurable: true,
      get() {
        throw new Error('a getter that throws');
      },
    });
    expect(findScormApi(content)).to.deep.equal({ version: '1.2', api });
  });

  it('passes over a sandboxed frame of an opaque origin without a security error', async () => {
    const api = install(window, 'API', api12());
    const sandboxed = await iframe(document, { srcdoc: CONTENT, sandbox: '' });
    expect(() => (sandboxed as unknown as Holder).API).to.throw();
    expect(findScormApi(sandboxed)).to.deep.equal({ version: '1.2', api });
  });

  it('passes over a parent frame from another origin', async () => {
    const api = install(window, 'API_1484_11', api2004());
    const other = location.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
    const middle = await iframe(document, {
      src: `${location.protocol}//${other}:${location.port}/tests/fixtures/scorm/other-origin.html?back=${encodeURIComponent(location.origin)}`,
    });
    expect(() => (middle as unknown as Holder).API_1484_11).to.throw();
    // The content frame inside it comes from this page's origin.
    let content: Window | undefined;
    for (let wait = 0; wait < 100 && !content; wait++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const candidate = middle.frames[0];
      try {
        if (
          candidate?.document.readyState === 'complete' &&
          candidate.location.pathname.endsWith('blank.html')
        ) {
          content = candidate;
        }
      } catch {
        // not loaded yet: still the initial document of the other origin
      }
    }
    expect(content, 'the content frame loaded').to.not.equal(undefined);
    expect(findScormApi(content)).to.deep.equal({ version: '2004', api });
  });

  it('finds the API through the opener of a launched window, from a frame in it', async () => {
    const api = install(window, 'API', api12());
    // A learner's click opens the content, as an LMS's launch button does.
    const button = document.createElement('button');
    button.textContent = 'Launch';
    let popup: Window | null = null;
    button.addEventListener('click', () => {
      popup = window.open('/tests/fixtures/scorm/launch.html', 'content', 'popup');
    });
    document.body.append(button);
    cleanups.push(() => button.remove());
    const box = button.getBoundingClientRect();
    await sendMouse({
      type: 'click',
      position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)],
    });
    expect(popup, 'the browser opened the window').to.not.equal(null);
    const launched = popup as unknown as Window;
    cleanups.push(() => launched.close());
    let frame: Window | undefined;
    for (let wait = 0; wait < 100 && !frame; wait++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const candidate = launched.frames[0];
      if (
        candidate?.document.readyState === 'complete' &&
        candidate.location.pathname.endsWith('blank.html')
      ) {
        frame = candidate;
      }
    }
    expect(frame, 'the launched page and its frame loaded').to.not.equal(undefined);
    expect(findScormApi(launched)).to.deep.equal({ version: '1.2', api });
    expect(findScormApi(frame)).to.deep.equal({ version: '1.2', api });
  });
});
