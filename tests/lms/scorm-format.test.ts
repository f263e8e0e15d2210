/** The value formats of the two SCORM data models, at their edges. */
import { expect } from '@open-wc/testing';
import {
  decimal,
  duration2004,
  identifier,
  interactionId,
  percent,
  time12,
  timespan12,
  timestamp2004,
} from '../../src/lms/scorm/format.ts';
import { fillIn2004 } from '../../src/lms/scorm/responses.ts';

describe('SCORM value formats', () => {
  it('writes SCORM 1.2 timespans as HHHH:MM:SS.SS, capped at 9999 hours', () => {
    expect(timespan12(0)).to.equal('00:00:00.00');
    expect(timespan12(3_723_450)).to.equal('01:02:03.45');
    expect(timespan12(59_999)).to.equal('00:01:00.00');
    expect(timespan12(-5)).to.equal('00:00:00.00');
    expect(timespan12(10_000 * 3_600_000)).to.equal('9999:59:59.99');
  });

  it('writes SCORM 1.2 times of day as HH:MM:SS', () => {
    const at = new Date(2026, 10, 22, 9, 5, 7, 890).getTime();
    expect(time12(at)).to.equal('09:05:07');
  });

  it('writes SCORM 2004 durations as ISO 8601 with hundredths of a second', () => {
    expect(duration2004(0)).to.equal('PT0S');
    expect(duration2004(3_723_450)).to.equal('PT1H2M3.45S');
    expect(duration2004(3_600_000)).to.equal('PT1H');
    expect(duration2004(90_500)).to.equal('PT1M30.5S');
    expect(duration2004(4)).to.equal('PT0S');
    expect(duration2004(26 * 3_600_000)).to.equal('PT26H');
  });

  it('writes SCORM 2004 timestamps in UTC with hundredths', () => {
    expect(timestamp2004(Date.UTC(2026, 10, 22, 10, 11, 12, 345))).to.equal(
      '2026-11-22T10:11:12.34Z',
    );
  });

  it('makes identifiers of letters, digits, "_" and "-" only, at most 255 long', () => {
    expect(interactionId('quiz.one', 'q 1')).to.equal('quiz-one_q-1');
    expect(identifier('a'.repeat(300))).to.have.length(255);
    expect(identifier('')).to.equal('id');
  });

  it('reports scores on 0–100 with two decimals at most', () => {
    expect(percent(2 / 3)).to.equal(66.67);
    expect(percent(1.2)).to.equal(100);
    expect(decimal(percent(0.5), 2)).to.equal('50');
    expect(decimal(-0, 2)).to.equal('0');
    expect(decimal(2 / 3, 4)).to.equal('0.6667');
  });

  it('keeps a SCORM 2004 fill-in answer on one line, without delimiters or a leading "{"', () => {
    expect(fillIn2004('{lang=en}debt[,]bondage\nnow')).to.equal('(lang=en}debt bondage now');
    expect(fillIn2004('x'.repeat(300))).to.have.length(250);
  });
});
