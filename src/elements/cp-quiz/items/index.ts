/** The item renderers by type, and what counts as an answer that may be submitted. */
import type { TemplateResult } from 'lit';
import type { Item } from '../../../content/schema.ts';
import type { Response } from '../../../engine/types.ts';
import { renderMultiple, renderSingle, renderTrueFalse } from './choice.ts';
import { renderMatching } from './matching.ts';
import { renderOrdering } from './ordering.ts';
import { renderShortText } from './short-text.ts';
import { renderSpotting } from './spotting.ts';
import type { ChangeNote, ItemView } from './types.ts';

export type { ChangeNote } from './types.ts';

export interface ItemInput {
  readonly item: Item;
  readonly idPrefix: string;
  readonly order: readonly string[] | undefined;
  readonly value: Response | undefined;
  readonly disabled: boolean;
  readonly base: string | undefined;
  readonly onChange: (response: Response, note?: ChangeNote) => void;
}

/** Narrows the shared input to one item type; a response of another type shows as none. */
function viewOf<T extends Item['type']>(input: ItemInput, type: T): ItemView<T> {
  return {
    ...input,
    item: input.item as ItemView<T>['item'],
    order: input.order ?? [],
    value: input.value?.type === type ? (input.value as ItemView<T>['value']) : undefined,
  };
}

export function renderItemInput(input: ItemInput): TemplateResult {
  switch (input.item.type) {
    case 'single':
      return renderSingle(viewOf(input, 'single'));
    case 'multiple':
      return renderMultiple(viewOf(input, 'multiple'));
    case 'trueFalse':
      return renderTrueFalse(viewOf(input, 'trueFalse'));
    case 'matching':
      return renderMatching(viewOf(input, 'matching'));
    case 'ordering':
      return renderOrdering(viewOf(input, 'ordering'));
    case 'shortText':
      return renderShortText(viewOf(input, 'shortText'));
    case 'spotting':
      return renderSpotting(viewOf(input, 'spotting'));
  }
}

/**
 * What Submit sends before the learner has changed anything: the steps as presented are an
 * order already; every other type starts with no answer.
 */
export function startingResponse(item: Item, order: readonly string[] | undefined) {
  return item.type === 'ordering'
    ? ({ type: 'ordering', order: order ?? item.steps.map((step) => step.id) } as const)
    : undefined;
}

/** Whether a draft says something: Submit stays disabled until it does. */
export function isAnswered(response: Response | undefined): response is Response {
  switch (response?.type) {
    case undefined:
      return false;
    case 'single':
    case 'trueFalse':
    case 'ordering':
      return true;
    case 'multiple':
      return response.optionIds.length > 0;
    case 'matching':
      return Object.keys(response.matches).length > 0;
    case 'shortText':
      return response.text.trim() !== '';
    case 'spotting':
      return response.cueIds.length > 0;
  }
}
