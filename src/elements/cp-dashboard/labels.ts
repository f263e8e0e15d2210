/** Words for the analytics' codes: statuses, item flags, outcomes. */
import { msg } from '@lit/localize';
import type { ItemFlag, LearnerStatus } from '../../analytics/types.ts';

export const statusLabel = (status: LearnerStatus): string => {
  switch (status) {
    case 'not-started':
      return msg('Not started');
    case 'in-progress':
      return msg('In progress');
    case 'passed':
      return msg('Passed');
    case 'failed':
      return msg('Failed');
    case 'completed':
      return msg('Completed');
  }
};

export const STATUSES: readonly LearnerStatus[] = [
  'not-started',
  'in-progress',
  'passed',
  'failed',
  'completed',
];

export const flagLabel = (flag: ItemFlag): string => {
  switch (flag) {
    case 'too-easy':
      return msg('Too easy');
    case 'too-hard':
      return msg('Too hard');
    case 'negative-discrimination':
      return msg('Negative discrimination');
  }
};

export const outcomeLabel = (outcome: 'good' | 'mixed' | 'harmful' | null): string => {
  switch (outcome) {
    case 'good':
      return msg('Good');
    case 'mixed':
      return msg('Mixed');
    case 'harmful':
      return msg('Harmful');
    case null:
      return msg('Unknown');
  }
};

export const yesNo = (value: boolean | null): string =>
  value === null ? msg('—') : value ? msg('Yes') : msg('No');
