/**
 * Counts in words, one for 1 and one for any other number, as the rest of the UI words them
 * ("1 question", "3 questions"): a trainer never reads "1 learners".
 */
import { msg, str } from '@lit/localize';

export const learnerCount = (n: number): string =>
  n === 1 ? msg('1 learner') : msg(str`${n} learners`);

export const attemptCount = (n: number): string =>
  n === 1 ? msg('1 attempt') : msg(str`${n} attempts`);

export const answerCount = (n: number): string =>
  n === 1 ? msg('1 answer or decision') : msg(str`${n} answers and decisions`);

export const runCount = (n: number): string => (n === 1 ? msg('1 run') : msg(str`${n} runs`));

export const criticalRuns = (n: number): string =>
  n === 1
    ? msg('1 ended run includes a critical decision.')
    : msg(str`${n} ended runs include a critical decision.`);

export const damagedRecords = (n: number): string =>
  n === 1 ? msg('1 damaged record was skipped.') : msg(str`${n} damaged records were skipped.`);

export const newRecords = (n: number): string =>
  n === 1 ? msg('1 new record') : msg(str`${n} new records`);

export const statementsRead = (n: number): string =>
  n === 1 ? msg('1 statement read') : msg(str`${n} statements read`);

export const notCheckpoint = (n: number): string =>
  n === 1
    ? msg('1 of them is not a Checkpoint answer, decision or result.')
    : msg(str`${n} of them are not Checkpoint answers, decisions or results.`);
