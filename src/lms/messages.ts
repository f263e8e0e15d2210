/**
 * What the LMS layer tells a learner, in English; the player shows its own translation of each
 * kind and keeps the detail for administrators.
 */
import type { LmsNotice } from './reporter.ts';

export const LMS_MESSAGES: Readonly<Record<LmsNotice['kind'], string>> = {
  standalone:
    'No learning management system was found: your progress is kept on this device and is not reported to your LMS.',
  unreachable:
    'Your LMS is not answering. Your progress is kept on this device and will be sent when the connection is back.',
  refused:
    'Your LMS refused to record part of your progress. It is kept on this device; tell your trainer if this stays.',
  recovered: 'Your LMS answers again: everything kept on this device has been sent.',
  'too-large':
    'Your LMS cannot keep all of your progress. This device keeps it; on another device you may start from an earlier point.',
};

export const lmsNotice = (kind: LmsNotice['kind'], detail?: string): LmsNotice => ({
  kind,
  message: LMS_MESSAGES[kind],
  ...(detail === undefined ? {} : { detail }),
});
