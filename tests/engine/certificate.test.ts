import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  type CertificateData,
  certificateCode,
  verifyCertificate,
} from '../../src/engine/certificate.ts';

const data: CertificateData = {
  learner: 'Ana Petrović',
  learnerId: 'learner-42',
  moduleId: 'document-checks',
  moduleTitle: 'Document checks at the first line',
  version: '1.2.0',
  issuedAt: '2025-03-14',
  score: 87,
};

const CODE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/** A different symbol of the alphabet in place of the one at `index`. */
function alter(code: string, index: number): string {
  const replacement = code[index] === 'Z' ? 'Y' : 'Z';
  return code.slice(0, index) + replacement + code.slice(index + 1);
}

const isoDate = fc
  .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

const certificateData: fc.Arbitrary<CertificateData> = fc.record({
  learner: fc.string(),
  learnerId: fc.string({ minLength: 1, maxLength: 12 }),
  moduleId: fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/),
  moduleTitle: fc.string(),
  version: fc.tuple(fc.nat(9), fc.nat(9), fc.nat(9)).map((parts) => parts.join('.')),
  issuedAt: isoDate,
  score: fc.integer({ min: 0, max: 100 }),
});

/** The fields the code attests, as one key: equal keys must give equal codes. */
const attested = (d: CertificateData) =>
  JSON.stringify([d.learnerId, d.moduleId, d.version, d.issuedAt, d.score]);

describe('certificateCode', () => {
  it('is 12 Crockford base32 symbols in groups of 4', async () => {
    expect(await certificateCode(data)).to.match(CODE);
  });

  it('is deterministic', async () => {
    const first = await certificateCode(data);
    expect(await certificateCode({ ...data })).to.equal(first);
    expect(await certificateCode(data)).to.equal(first);
  });

  it('ignores the printed name and the module title', async () => {
    const code = await certificateCode(data);
    expect(await certificateCode({ ...data, learner: 'Ana Petrovic' })).to.equal(code);
    expect(await certificateCode({ ...data, learner: '' })).to.equal(code);
    expect(await certificateCode({ ...data, moduleTitle: 'Renamed' })).to.equal(code);
  });

  it('changes with every attested field', async () => {
    const code = await certificateCode(data);
    const changes: Partial<CertificateData>[] = [
      { learnerId: 'learner-43' },
      { moduleId: 'document-check' },
      { version: '1.2.1' },
      { issuedAt: '2025-03-15' },
      { score: 86 },
    ];
    for (const change of changes) {
      expect(await certificateCode({ ...data, ...change }), JSON.stringify(change)).not.to.equal(
        code,
      );
    }
  });

  it('keeps fields apart: content cannot shift from one field into the next', async () => {
    const a = await certificateCode({ ...data, learnerId: 'ab', moduleId: 'c' });
    const b = await certificateCode({ ...data, learnerId: 'a', moduleId: 'bc' });
    expect(a).not.to.equal(b);
  });

  it('refuses a score or a date it could not print', async () => {
    for (const change of [
      { score: 87.5 },
      { score: -1 },
      { score: 101 },
      { issuedAt: '14/03/2025' },
    ]) {
      let error: unknown;
      try {
        await certificateCode({ ...data, ...change });
      } catch (caught) {
        error = caught;
      }
      expect(error, JSON.stringify(change)).to.be.instanceOf(RangeError);
    }
  });

  it('gives different data different codes (no collision over many data sets)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(certificateData, { minLength: 2, maxLength: 60, selector: attested }),
        async (sets) => {
          const codes = await Promise.all(sets.map(certificateCode));
          expect(new Set(codes).size).to.equal(sets.length);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('verifyCertificate', () => {
  it('accepts the code as issued', async () => {
    expect(await verifyCertificate(data, await certificateCode(data))).to.equal(true);
  });

  it('accepts the code in lower case, without dashes, or with spaces', async () => {
    const code = await certificateCode(data);
    expect(await verifyCertificate(data, code.toLowerCase())).to.equal(true);
    expect(await verifyCertificate(data, code.replace(/-/g, ''))).to.equal(true);
    expect(await verifyCertificate(data, code.replace(/-/g, '').toLowerCase())).to.equal(true);
    expect(await verifyCertificate(data, ` ${code.replace(/-/g, ' ')} `)).to.equal(true);
  });

  it('reads I and L as 1 and O as 0, as Crockford prescribes', async () => {
    // Find data whose code has both a 1 and a 0 by varying the learner id.
    let sample = data;
    let code = await certificateCode(sample);
    for (let n = 0; !(code.includes('1') && code.includes('0')); n++) {
      sample = { ...data, learnerId: `learner-${n}` };
      code = await certificateCode(sample);
    }
    const misread = code.replace('1', 'I').replace('0', 'o').replace(/1/g, 'l');
    expect(misread).not.to.equal(code);
    expect(await verifyCertificate(sample, misread)).to.equal(true);
  });

  it('rejects a one-character change anywhere', async () => {
    const code = await certificateCode(data);
    for (let index = 0; index < code.length; index++) {
      if (code[index] === '-') continue;
      expect(await verifyCertificate(data, alter(code, index)), `symbol ${index}`).to.equal(false);
    }
  });

  it('rejects the code of other data, a truncated code and symbols outside the alphabet', async () => {
    const code = await certificateCode(data);
    expect(await verifyCertificate({ ...data, score: 88 }, code)).to.equal(false);
    expect(await verifyCertificate(data, code.slice(0, -1))).to.equal(false);
    expect(await verifyCertificate(data, `${code}0`)).to.equal(false);
    expect(await verifyCertificate(data, code.replace(/[0-9A-Z]$/, 'U'))).to.equal(false);
    expect(await verifyCertificate(data, '')).to.equal(false);
  });

  it('accepts every issued code, in any case and grouping (property)', async () => {
    await fc.assert(
      fc.asyncProperty(certificateData, fc.boolean(), async (sample, lower) => {
        const code = (await certificateCode(sample)).replace(/-/g, '');
        expect(await verifyCertificate(sample, lower ? code.toLowerCase() : code)).to.equal(true);
      }),
      { numRuns: 100 },
    );
  });
});
