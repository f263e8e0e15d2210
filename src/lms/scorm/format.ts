/**
 * Values in the shapes the SCORM data models accept: times and durations, identifiers, scores.
 * SCORM 1.2 (RTE appendix A) and SCORM 2004 4th edition (RTE appendix C) differ in each.
 */

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** Whole centiseconds: both editions keep time to 0.01 s. */
const centiseconds = (milliseconds: number) =>
  Math.max(0, Math.round((Number.isFinite(milliseconds) ? milliseconds : 0) / 10));

/** SCORM 1.2 CMITimespan, `HHHH:MM:SS.SS` (hours 2–4 digits, at most 9999:59:59.99). */
export function timespan12(milliseconds: number): string {
  const total = Math.min(centiseconds(milliseconds), 9999 * 360_000 + 359_999);
  const hours = Math.floor(total / 360_000);
  const minutes = Math.floor((total % 360_000) / 6_000);
  const seconds = Math.floor((total % 6_000) / 100);
  return `${pad(hours)}:${pad(minutes)}:${pad(seconds)}.${pad(total % 100)}`;
}

/** SCORM 1.2 CMITime, the local time of day `HH:MM:SS`. */
export function time12(epochMilliseconds: number): string {
  const date = new Date(epochMilliseconds);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** SCORM 2004 timeinterval, an ISO 8601 duration such as `PT1H2M3.45S` (seconds to 0.01). */
export function duration2004(milliseconds: number): string {
  const total = centiseconds(milliseconds);
  const hours = Math.floor(total / 360_000);
  const minutes = Math.floor((total % 360_000) / 6_000);
  const hundredths = total % 6_000;
  // 345 → "3.45", 350 → "3.5", 300 → "3"
  const seconds = String(Number((hundredths / 100).toFixed(2)));
  const parts = `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}`;
  return `PT${parts}${hundredths || !parts ? `${seconds}S` : ''}`;
}

/** SCORM 2004 time(second,10,2): UTC with hundredths, `2026-11-22T10:11:12.34Z`. */
export function timestamp2004(epochMilliseconds: number): string {
  const iso = new Date(epochMilliseconds).toISOString(); // 2026-11-22T10:11:12.345Z
  return `${iso.slice(0, 22)}Z`;
}

/**
 * An identifier made of letters, digits, "_" and "-" only (the SCORM 1.2 CMIIdentifier, which
 * every SCORM 2004 identifier type also accepts), at most `max` characters.
 */
export function identifier(text: string, max = 255): string {
  const cleaned = text.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, max);
  return cleaned || 'id';
}

/** The interaction id of an item or a scene: its activity and its own id. */
export const interactionId = (activityId: string, localId: string): string =>
  identifier(`${activityId}_${localId}`);

/** A number for a CMIDecimal: at most `digits` decimals, no exponent, no "-0". */
export function decimal(value: number, digits: number): string {
  const factor = 10 ** digits;
  const rounded = Math.round((Number.isFinite(value) ? value : 0) * factor) / factor;
  return String(rounded === 0 ? 0 : rounded);
}

/** A scaled score (0–1) as the 0–100 raw score both editions report. */
export const percent = (scaled: number): number =>
  Math.min(100, Math.max(0, Math.round(scaled * 10_000) / 100));
