/**
 * The embeddable build (`dist/checkpoint.js`): importing it registers Checkpoint's elements, so a
 * page needs one `<script type="module">` and one `<cp-player src="…">`.
 */
import './elements/cp-player/cp-player.ts';

export * from './index.ts';
export { CpPlayer } from './elements/cp-player/cp-player.ts';
export { CpAnswerEvent } from './events/cp-answer.ts';
export { CpCompleteEvent } from './events/cp-complete.ts';
export { CpErrorEvent } from './events/cp-error.ts';
export { CpProgressEvent } from './events/cp-progress.ts';
