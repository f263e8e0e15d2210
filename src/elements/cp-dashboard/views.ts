/** The dashboard's views, by name, and the words for them. */
import { msg } from '@lit/localize';

export type View =
  'overview' | 'learners' | 'items' | 'scenarios' | 'tags' | 'learner' | 'certificates';

export const VIEWS: readonly View[] = [
  'overview',
  'learners',
  'items',
  'scenarios',
  'tags',
  'learner',
  'certificates',
];

export function viewLabel(view: View): string {
  switch (view) {
    case 'overview':
      return msg('Overview');
    case 'learners':
      return msg('Learners');
    case 'items':
      return msg('Items');
    case 'scenarios':
      return msg('Scenario decisions');
    case 'tags':
      return msg('Mastery by tag');
    case 'learner':
      return msg('One learner');
    case 'certificates':
      return msg('Certificates');
  }
}
