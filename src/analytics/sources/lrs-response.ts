/**
 * A learner's answer as an `answered` statement writes it (`result.response`, xAPI 1.0.3 Data
 * 2.4.4.1.1: `[,]` between list members, `[.]` inside a matching pair) back into the engine's
 * `Response`, with the item from the module when known, else by the interaction type.
 */
import type { Item } from '../../content/schema.ts';
import type { Response } from '../../engine/types.ts';
import type { Statement } from '../../lms/xapi/vocabulary.ts';

const LIST = '[,]';
const PAIR = '[.]';

const firstText = (map: Readonly<Record<string, string>> | undefined): string | undefined =>
  map ? Object.values(map)[0] : undefined;

/** `result.response` back into the engine's `Response` (see interactions.ts). */
export function parseResponse(statement: Statement, item: Item | undefined): Response {
  const text = statement.result?.response ?? '';
  const list = () => (text === '' ? [] : text.split(LIST));
  const definition = statement.object.definition;
  const type =
    item?.type ??
    (() => {
      switch (definition?.interactionType) {
        case 'true-false':
          return 'trueFalse';
        case 'matching':
          return 'matching';
        case 'sequencing':
          return 'ordering';
        case 'choice':
          return text.includes(LIST) ||
            definition.correctResponsesPattern?.some((p) => p.includes(LIST))
            ? 'multiple'
            : 'single';
        default:
          return 'shortText';
      }
    })();
  switch (type) {
    case 'single':
      return { type, optionId: text };
    case 'multiple':
      return { type, optionIds: list() };
    case 'spotting':
      return { type, cueIds: list() };
    case 'trueFalse':
      return { type, value: text === 'true' };
    case 'ordering':
      return { type, order: list() };
    case 'shortText':
      return { type, text };
    case 'matching': {
      const targetText = (id: string): string => {
        if (item?.type === 'matching') {
          const pair = item.pairs.find((candidate) => `match-${candidate.id}` === id);
          if (pair) return pair.match;
          const distractor = /^distractor-(\d+)$/.exec(id);
          const found = distractor ? item.distractors?.[Number(distractor[1]) - 1] : undefined;
          if (found !== undefined) return found;
        }
        return firstText(definition?.target?.find((target) => target.id === id)?.description) ?? id;
      };
      const matches: Record<string, string> = {};
      for (const pair of list()) {
        const [source, target] = pair.split(PAIR);
        if (source !== undefined && target !== undefined) matches[source] = targetText(target);
      }
      return { type, matches };
    }
  }
}
