/**
 * The package's launch page: the LMS opens it (in a frame or a window), it loads the engine and
 * shows one `<cp-player>` for the module beside it. No inline script or style, so the page runs
 * under a strict Content-Security-Policy.
 */
import { directionOf } from '../../locales/localization.ts';
import { xmlText } from './xml.ts';

/** How `<cp-player>` finds its LMS: the format the package was built for, or `auto` on a web host. */
export type LaunchLms = 'scorm12' | 'scorm2004' | 'cmi5' | 'auto';

export interface LaunchPage {
  readonly language: string;
  readonly title: string;
  /** The engine's entry, relative to the page. */
  readonly script: string;
  /** The module file, relative to the page. */
  readonly module: string;
  readonly lms: LaunchLms;
}

export function launchPage(page: LaunchPage): string {
  // xmlText escapes everything HTML needs escaped in text and in quoted attributes.
  const lang = xmlText(page.language);
  return [
    '<!doctype html>',
    `<html lang="${lang}" dir="${directionOf(page.language)}">`,
    '  <head>',
    '    <meta charset="utf-8" />',
    '    <meta name="viewport" content="width=device-width, initial-scale=1" />',
    `    <title>${xmlText(page.title)}</title>`,
    `    <script type="module" src="${xmlText(page.script)}"></script>`,
    '  </head>',
    '  <body>',
    `    <cp-player src="${xmlText(page.module)}" lms="${page.lms}"></cp-player>`,
    '  </body>',
    '</html>',
    '',
  ].join('\n');
}
