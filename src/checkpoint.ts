/**
 * The embeddable build (`dist/checkpoint.js`): importing it registers Checkpoint's elements, so a
 * page needs one `<script type="module">` and one `<cp-player src="…">`. The trainer's
 * `<cp-dashboard>` loads on demand, so its code stays out of a learner's download.
 */
import './elements/cp-player/cp-player.ts';

/**
 * Registers `<cp-dashboard>`, the trainer's dashboard. A page whose markup holds the tag when
 * this module runs gets it loaded at once; a page that adds the tag later calls this first.
 */
export const loadDashboard = (): Promise<unknown> =>
  import('./elements/cp-dashboard/cp-dashboard.ts');

if (typeof document !== 'undefined' && document.querySelector('cp-dashboard')) void loadDashboard();

export * from './index.ts';
export { CpPlayer } from './elements/cp-player/cp-player.ts';
export { CpAnswerEvent } from './events/cp-answer.ts';
export { CpCompleteEvent } from './events/cp-complete.ts';
export { CpErrorEvent } from './events/cp-error.ts';
export { CpProgressEvent } from './events/cp-progress.ts';
