import { expect } from '@open-wc/testing';
import { safeUrl } from '../../src/content/url.ts';

describe('safeUrl', () => {
  it('keeps http(s), mailto and relative addresses for links', () => {
    for (const url of [
      'https://www.unodc.org/',
      'http://example.org/a?b#c',
      'mailto:trainer@example.org',
      'media/desk.svg',
      '../other/module.json',
      '#top',
      '?page=2',
    ]) {
      expect(safeUrl(url, 'link'), url).to.equal(url);
    }
  });

  it('refuses scripting and local schemes however they are spelt', () => {
    for (const url of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      '  javascript:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      '\u0000javascript:alert(1)',
      'vbscript:msgbox(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      '\\\\evil.example/x',
      '',
      '   ',
    ]) {
      expect(safeUrl(url, 'link'), JSON.stringify(url)).to.equal(undefined);
    }
  });

  it('allows mailto for links only', () => {
    expect(safeUrl('mailto:a@b.c', 'media')).to.equal(undefined);
    expect(safeUrl('data:image/png;base64,AAAA', 'media')).to.equal(undefined);
  });
});
