/**
 * Responses put into words for feedback and results: what the learner answered, the key, the
 * verdict, and the authored feedback on what they chose.
 */
import { msg, str } from '@lit/localize';
import { html, type TemplateResult } from 'lit';
import { renderInlineMarkdown } from '../../../content/markdown.ts';
import type { Item } from '../../../content/schema.ts';
import type { ItemScore, Response } from '../../../engine/types.ts';
import { inOrder } from './types.ts';

const list = (entries: readonly (TemplateResult | string)[], empty: string) =>
  entries.length
    ? html`<ul class="answer-list">
        ${entries.map((entry) => html`<li>${entry}</li>`)}
      </ul>`
    : html`${empty}`;

/** A response as the learner would read it back; `undefined` is "Not answered". */
export function describeResponse(
  item: Item,
  response: Response | undefined,
  order: readonly string[] | undefined,
  base?: string,
): TemplateResult {
  const inline = (text: string) => renderInlineMarkdown(text, { base });
  if (response === undefined || response.type !== item.type) return html`${msg('Not answered')}`;
  switch (response.type) {
    case 'single': {
      const option = item.type === 'single' && item.options.find((o) => o.id === response.optionId);
      return option ? inline(option.text) : html`${msg('Not answered')}`;
    }
    case 'multiple': {
      if (item.type !== 'multiple') break;
      const picked = new Set(response.optionIds);
      const options = inOrder(item.options, (o) => o.id, order ?? []);
      return list(
        options.filter((o) => picked.has(o.id)).map((o) => inline(o.text)),
        msg('Nothing chosen'),
      );
    }
    case 'trueFalse':
      return html`${response.value ? msg('True') : msg('False')}`;
    case 'matching': {
      if (item.type !== 'matching') break;
      return list(
        item.pairs.map((pair) => {
          const match = Object.hasOwn(response.matches, pair.id)
            ? response.matches[pair.id]
            : undefined;
          return html`${pair.prompt}: ${match ?? msg('no match chosen')}`;
        }),
        msg('Nothing matched'),
      );
    }
    case 'ordering': {
      if (item.type !== 'ordering') break;
      const steps = new Map(item.steps.map((step) => [step.id, step.text]));
      return html`<ol class="answer-list">
        ${response.order.map((id) => html`<li>${steps.get(id) ?? id}</li>`)}
      </ol>`;
    }
    case 'shortText':
      return html`“${response.text}”`;
    case 'spotting': {
      if (item.type !== 'spotting') break;
      const marked = new Set(response.cueIds);
      const cues = inOrder(item.cues, (cue) => cue.id, order ?? []);
      return list(
        cues.filter((cue) => marked.has(cue.id)).map((cue) => inline(cue.text)),
        msg('Nothing marked'),
      );
    }
  }
  return html`${msg('Not answered')}`;
}

/**
 * How many parts were right, for items scored part by part. For options and cues every one
 * counts, chosen or not: "3 of 3" would hide a wrong pick among the right ones.
 */
function partsRight(item: Item, response: Response): readonly [number, number] | undefined {
  if (item.type === 'multiple' && response.type === 'multiple') {
    const right = item.options.filter(
      (o) => (o.correct === true) === response.optionIds.includes(o.id),
    ).length;
    return [right, item.options.length];
  }
  if (item.type === 'matching' && response.type === 'matching') {
    const right = item.pairs.filter(
      (pair) =>
        Object.hasOwn(response.matches, pair.id) && response.matches[pair.id] === pair.match,
    ).length;
    return [right, item.pairs.length];
  }
  if (item.type === 'ordering' && response.type === 'ordering') {
    const right = item.steps.filter((step, index) => response.order[index] === step.id).length;
    return [right, item.steps.length];
  }
  if (item.type === 'spotting' && response.type === 'spotting') {
    const right = item.cues.filter((cue) => cue.indicator === response.cueIds.includes(cue.id));
    return [right.length, item.cues.length];
  }
  return undefined;
}

/** "Correct", "Partly correct (x of y)", "Not quite" or "Not answered", always in words. */
export function verdict(item: Item, score: ItemScore, response: Response | undefined): string {
  if (response === undefined) return msg('Not answered');
  if (score.correct) return msg('Correct');
  if (score.scaled <= 0) return msg('Not quite');
  const parts = partsRight(item, response);
  return parts ? msg(str`Partly correct (${parts[0]} of ${parts[1]})`) : msg('Partly correct');
}

export interface OptionFeedback {
  readonly label: TemplateResult | string;
  readonly text: string;
}

/** The authored feedback on what the learner chose, in presentation order. */
export function optionFeedback(
  item: Item,
  response: Response | undefined,
  order: readonly string[] | undefined,
  base?: string,
): OptionFeedback[] {
  const inline = (text: string) => renderInlineMarkdown(text, { base });
  if (item.type === 'single' && response?.type === 'single') {
    const option = item.options.find((o) => o.id === response.optionId);
    return option?.feedback ? [{ label: inline(option.text), text: option.feedback }] : [];
  }
  if (item.type === 'multiple' && response?.type === 'multiple') {
    return inOrder(item.options, (o) => o.id, order ?? []).flatMap((o) =>
      response.optionIds.includes(o.id) && o.feedback
        ? [{ label: inline(o.text), text: o.feedback }]
        : [],
    );
  }
  if (item.type === 'trueFalse' && response?.type === 'trueFalse') {
    const text = response.value ? item.feedbackTrue : item.feedbackFalse;
    return text ? [{ label: response.value ? msg('True') : msg('False'), text }] : [];
  }
  if (item.type === 'spotting' && response?.type === 'spotting') {
    return inOrder(item.cues, (cue) => cue.id, order ?? []).flatMap((cue) =>
      response.cueIds.includes(cue.id) && cue.feedback
        ? [{ label: inline(cue.text), text: cue.feedback }]
        : [],
    );
  }
  return [];
}
