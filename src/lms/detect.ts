/**
 * Picks the reporter for the page the player runs in. `auto` looks, in order, for a cmi5 launch
 * (its launch parameters in the page's address), a SCORM 2004 or 1.2 API in this window, its
 * parents or its opener, and classic xAPI launch parameters; with none of them, progress stays on
 * the device and the learner is told so. Each reporter is loaded only when it is used.
 */
import { createNoneReporter } from './none.ts';
import type { LmsChoice, Reporter } from './reporter.ts';
import { findScormApi } from './scorm/discover.ts';

/** cmi5 launch parameters, as an LMS appends them to the launch URL. */
const CMI5_PARAMETERS = ['endpoint', 'fetch', 'actor', 'registration', 'activityId'] as const;
/** Classic xAPI ("Tin Can") launch parameters. */
const XAPI_PARAMETERS = ['endpoint', 'auth', 'actor'] as const;

const has = (url: URL, names: readonly string[]) =>
  names.every((name) => url.searchParams.has(name));

export async function createReporter(choice: LmsChoice, page: Window = window): Promise<Reporter> {
  const url = new URL(page.location.href);
  const kind =
    choice !== 'auto'
      ? choice
      : has(url, CMI5_PARAMETERS)
        ? 'cmi5'
        : ((findScormApi(page)?.version === '2004' ? 'scorm2004' : undefined) ??
          (findScormApi(page) ? 'scorm12' : undefined) ??
          (has(url, XAPI_PARAMETERS) ? 'xapi' : 'none'));
  switch (kind) {
    case 'none':
      return createNoneReporter({ standalone: choice === 'auto' });
    case 'cmi5': {
      const { createCmi5Reporter } = await import('./cmi5/reporter.ts');
      return createCmi5Reporter(url);
    }
    case 'xapi': {
      const { createXapiReporter, fromLaunchUrl } = await import('./xapi/reporter.ts');
      const config = fromLaunchUrl(url);
      return config ? createXapiReporter(config) : createNoneReporter({ standalone: true });
    }
    case 'scorm12':
    case 'scorm2004': {
      const found = findScormApi(page);
      if (!found) return createNoneReporter({ standalone: true });
      if (found.version === '2004') {
        const { createScorm2004Reporter } = await import('./scorm/scorm2004.ts');
        return createScorm2004Reporter(found.api);
      }
      const { createScorm12Reporter } = await import('./scorm/scorm12.ts');
      return createScorm12Reporter(found.api);
    }
  }
}
