/**
 * Horizontal bar charts drawn with CSS: each bar's length is set through the CSSOM (`fill`), as
 * a strict Content-Security-Policy refuses `style` attributes. Every bar carries its label and
 * value as text, so the chart reads the same without colour or sight; a data table follows each
 * chart for those who want the numbers in rows and columns.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { fill } from '../shared/fill.ts';

export interface Bar {
  readonly label: string;
  /** Length in percent of the chart's width, 0–100. */
  readonly percent: number;
  /** The value as text, next to the bar. */
  readonly value: string;
  /** A word that marks the bar (e.g. "critical"), shown as text, not only as colour. */
  readonly mark?: string;
}

export function renderBars(caption: string, bars: readonly Bar[]): TemplateResult {
  return html`<figure class="chart" part="chart">
    <figcaption>${caption}</figcaption>
    <ul class="bars">
      ${bars.map(
        (bar) =>
          html`<li class=${bar.mark ? 'marked' : ''}>
            <span class="bar-label"
              >${bar.label}${bar.mark ? html` <strong class="mark">(${bar.mark})</strong>` : nothing}</span
            >
            <span class="bar-track" aria-hidden="true"
              ><span class="bar" ${fill(bar.percent)}></span
            ></span>
            <span class="bar-value">${bar.value}</span>
          </li>`,
      )}
    </ul>
  </figure>`;
}
