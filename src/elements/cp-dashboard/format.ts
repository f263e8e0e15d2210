/** Numbers, shares, durations and dates as the dashboard shows them. */
import { msg, str } from '@lit/localize';

/** A share in [0, 1] as a percentage with at most one decimal, or null. */
export const percentOf = (share: number | null): number | null =>
  share === null ? null : Math.round(share * 1000) / 10;

const decimals = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

export const formatNumber = (value: number | null): string =>
  value === null ? msg('—') : decimals.format(value);

/** A percentage (already × 100), such as "85.5 %". */
export const formatPercent = (percent: number | null): string =>
  percent === null ? msg('—') : msg(str`${decimals.format(percent)} %`);

export const formatShare = (share: number | null): string => formatPercent(percentOf(share));

/** Milliseconds as minutes with one decimal, the unit of every time column. */
export const minutesOf = (ms: number | null): number | null =>
  ms === null ? null : Math.round(ms / 6_000) / 10;

export const formatMinutes = (minutes: number | null): string =>
  minutes === null ? msg('—') : msg(str`${decimals.format(minutes)} min`);

/** Epoch milliseconds as an ISO date and time in UTC, as exported; null stays empty. */
export const isoTime = (ms: number | null | undefined): string | null =>
  ms === null || ms === undefined
    ? null
    : new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

export const formatTime = (iso: string | null): string => iso ?? msg('—');
