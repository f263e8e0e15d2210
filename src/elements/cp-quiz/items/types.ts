/** What an item renderer is given: the item, how to show it, and where a change goes. */
import type { Item } from '../../../content/schema.ts';
import type { Response } from '../../../engine/types.ts';

export type ItemOf<T extends Item['type']> = Extract<Item, { type: T }>;
export type ResponseOf<T extends Response['type']> = Extract<Response, { type: T }>;

/** After a change: an element to focus once it has rendered, and a sentence to announce. */
export interface ChangeNote {
  readonly focus?: string;
  readonly announce?: string;
}

export interface ItemView<T extends Item['type'] = Item['type']> {
  readonly item: ItemOf<T>;
  /** Makes ids and radio names unique when several items share one shadow root. */
  readonly idPrefix: string;
  /** Presentation order of the item's parts (option, cue or step ids; match texts). */
  readonly order: readonly string[];
  /** The draft or recorded response. */
  readonly value: ResponseOf<T> | undefined;
  /** Shows a recorded response: the controls keep it and cannot change. */
  readonly disabled: boolean;
  readonly base: string | undefined;
  readonly onChange: (response: ResponseOf<T>, note?: ChangeNote) => void;
}

/** The parts in presentation order, falling back to authored order for a stale `order`. */
export function inOrder<T>(
  parts: readonly T[],
  idOf: (part: T) => string,
  order: readonly string[],
): T[] {
  const byId = new Map(parts.map((part) => [idOf(part), part]));
  const ordered = order.flatMap((id) => byId.get(id) ?? []);
  return ordered.length === parts.length ? ordered : [...parts];
}
