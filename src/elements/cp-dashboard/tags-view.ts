/** Mastery per tag (indicators, concepts): a chart and its table. */
import { msg, str } from '@lit/localize';
import { html, type TemplateResult } from 'lit';
import type { TagMastery } from '../../analytics/types.ts';
import { renderBars } from './bars.ts';
import type { Column } from './data-table.ts';
import './data-table.ts';
import { formatPercent, formatShare, percentOf } from './format.ts';

const percent = (
  id: string,
  label: string,
  share: (row: TagMastery) => number | null,
): Column<TagMastery> => ({
  id,
  label,
  numeric: true,
  value: (row) => percentOf(share(row)),
  format: (value) => formatPercent(value as number | null),
});

export const tagColumns = (): Column<TagMastery>[] => [
  { id: 'tag', label: msg('Tag'), value: (row) => row.tag },
  percent('mastery', msg('Mastery (%)'), (row) => row.mastery),
  { id: 'responses', label: msg('Answers'), numeric: true, value: (row) => row.itemResponses },
  percent('items', msg('Answers mastered (%)'), (row) => row.itemMastery),
  { id: 'decisions', label: msg('Decisions'), numeric: true, value: (row) => row.decisions },
  percent('decided', msg('Decisions mastered (%)'), (row) => row.decisionMastery),
  { id: 'learners', label: msg('Learners'), numeric: true, value: (row) => row.learners },
];

export function renderTags(tags: readonly TagMastery[]): TemplateResult {
  if (!tags.length) return html`<p>${msg('No tagged answers or decisions in this data.')}</p>`;
  return html`<p>
      ${msg(
        'An answer masters its tags when it earns full marks; a decision when it is not critical and does not lower the score.',
      )}
    </p>
    ${renderBars(
      msg('Mastery per tag'),
      tags.map((tag) => ({
        label: tag.tag,
        percent: (tag.mastery ?? 0) * 100,
        value:
          tag.mastery === null
            ? msg('no data')
            : msg(str`${formatShare(tag.mastery)} of ${tag.itemResponses + tag.decisions}`),
      })),
    )}
    <cp-dashboard-table
      caption=${msg('Mastery per tag')}
      filename="tags"
      .columns=${tagColumns()}
      .rows=${tags}
    ></cp-dashboard-table>`;
}
