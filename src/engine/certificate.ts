/**
 * Certificates of completion and their verification codes.
 *
 * The code is the first 60 bits of SHA-256 over what the certificate attests (who, which module
 * and version, when, which score), written as 12 Crockford base32 symbols: no I, L, O or U, so a
 * code read aloud or copied from paper survives, and the reader's slips (I or L for 1, O for 0,
 * lower case, dashes left out) are forgiven as Crockford prescribes. The printed name is left out
 * of the hash: correcting a typo in it must not invalidate certificates already handed out.
 * 60 bits make an accidental collision negligible for any realistic number of certificates; the
 * code guards against a mistyped or altered certificate, not against a forger who can hash too.
 */

export interface CertificateData {
  /** The name printed; empty prints a generic "Learner". */
  readonly learner: string;
  readonly learnerId: string;
  readonly moduleId: string;
  readonly moduleTitle: string;
  /** Content version, such as "1.0.0". */
  readonly version: string;
  /** ISO calendar date, YYYY-MM-DD. */
  readonly issuedAt: string;
  /** Percent, an integer from 0 to 100. */
  readonly score: number;
}

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SYMBOLS = 12;
const GROUP = 4;
/** Names the canonical form, so that a future change of it cannot match old codes by accident. */
const CANONICAL_TAG = 'checkpoint-certificate/1';
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * What the code attests, as one unambiguous string: JSON of an array, so no field's content can
 * shift into its neighbour (a separator could appear inside an id).
 */
function canonical(data: CertificateData): string {
  if (!Number.isInteger(data.score) || data.score < 0 || data.score > 100)
    throw new RangeError(`certificate score must be an integer from 0 to 100, not ${data.score}`);
  if (!ISO_DATE.test(data.issuedAt))
    throw new RangeError(`certificate date must be YYYY-MM-DD, not "${data.issuedAt}"`);
  return JSON.stringify([
    CANONICAL_TAG,
    data.learnerId,
    data.moduleId,
    data.version,
    data.issuedAt,
    data.score,
  ]);
}

/** The first `SYMBOLS` × 5 bits of `bytes`, most significant first, as Crockford symbols. */
function base32(bytes: Uint8Array): string {
  let symbols = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5 && symbols.length < SYMBOLS) {
      bits -= 5;
      symbols += ALPHABET[(buffer >>> bits) & 31];
    }
    if (symbols.length === SYMBOLS) break;
  }
  return symbols;
}

function grouped(symbols: string): string {
  return symbols.match(new RegExp(`.{1,${GROUP}}`, 'g'))!.join('-');
}

/**
 * A code as typed by a person, in canonical symbols without dashes, or undefined when it cannot
 * be one (wrong length, or a symbol outside the alphabet such as U).
 */
function normalizeCode(code: string): string | undefined {
  const symbols = code.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (symbols.length !== SYMBOLS) return undefined;
  return [...symbols].every((symbol) => ALPHABET.includes(symbol)) ? symbols : undefined;
}

/** The verification code of a certificate, such as `"7K3M-0QXA-D2F9"`. */
export async function certificateCode(data: CertificateData): Promise<string> {
  const bytes = new TextEncoder().encode(canonical(data));
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes);
  return grouped(base32(new Uint8Array(digest)));
}

/** Whether `code`, as a person typed it, is the verification code of `data`. */
export async function verifyCertificate(data: CertificateData, code: string): Promise<boolean> {
  const typed = normalizeCode(code);
  if (typed === undefined) return false;
  const expected = (await certificateCode(data)).replace(/-/g, '');
  return typed === expected;
}
