import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import { renderInlineMarkdown, renderMarkdown } from '../../src/content/markdown.ts';

const show = (markdown: string, options = {}) =>
  fixture<HTMLDivElement>(html`<div>${renderMarkdown(markdown, options)}</div>`);

describe('renderMarkdown', () => {
  it('renders headings from the given level, lists, emphasis and code', async () => {
    const el = await show(
      '# Signs\n\n## Detail\n\n- **one**\n- *two* `code`\n\n1. first\n2. second',
      {
        headingLevel: 3,
      },
    );
    expect(el.querySelector('h3')?.textContent).to.equal('Signs');
    expect(el.querySelector('h4')?.textContent).to.equal('Detail');
    expect(el.querySelectorAll('ul > li')).to.have.length(2);
    expect(el.querySelector('strong')?.textContent).to.equal('one');
    expect(el.querySelector('em')?.textContent).to.equal('two');
    expect(el.querySelector('code')?.textContent).to.equal('code');
    expect(el.querySelectorAll('ol > li')).to.have.length(2);
  });

  it('opens safe links in a new tab without an opener or referrer', async () => {
    const el = await show('[UNODC](https://www.unodc.org/ "Source")');
    const link = el.querySelector('a')!;
    expect(link.getAttribute('href')).to.equal('https://www.unodc.org/');
    expect(link.getAttribute('rel')).to.equal('noopener noreferrer');
    expect(link.getAttribute('title')).to.equal('Source');
    expect(link.textContent).to.equal('UNODC');
  });

  it('keeps the text of a link whose address is not allowed, without the link', async () => {
    const el = await show('[click](javascript:alert(1)) and [data](data:text/html,x)');
    expect(el.querySelector('a')).to.equal(null);
    expect(el.textContent).to.contain('click');
    expect(el.textContent).to.contain('data');
  });

  it('resolves relative images against the module and keeps their alt text', async () => {
    const el = await show('![A desk](media/desk.svg)', {
      base: 'https://courses.example/modules/showcase/module.json',
    });
    const image = el.querySelector('img')!;
    expect(image.getAttribute('src')).to.equal(
      'https://courses.example/modules/showcase/media/desk.svg',
    );
    expect(image.getAttribute('alt')).to.equal('A desk');
  });

  it('shows raw HTML as text and never creates its elements', async () => {
    const el = await show('<b onclick="x()">bold?</b>\n\n<script>window.__xss = true</script>');
    expect(el.querySelector('b, script')).to.equal(null);
    expect(el.textContent).to.contain('<b onclick="x()">');
    expect(el.textContent).to.contain('<script>');
  });

  it('decodes character references in text', async () => {
    const el = await show('Salt &amp; pepper &#8212; &lt;ok&gt; &#x1F600;');
    expect(el.textContent?.trim()).to.equal('Salt & pepper — <ok> 😀');
  });

  it('renders tables with header cells and alignment classes', async () => {
    const el = await show('| Crime | Consent |\n|:--|--:|\n| Smuggling | yes |');
    expect(el.querySelectorAll('th[scope="col"]')).to.have.length(2);
    expect(el.querySelector('td.align-right')?.textContent).to.equal('yes');
    expect(el.querySelector('[style]')).to.equal(null);
  });

  it('renders inline Markdown without a paragraph', async () => {
    const el = await fixture<HTMLSpanElement>(
      html`<span>${renderInlineMarkdown('a **b**')}</span>`,
    );
    expect(el.querySelector('p')).to.equal(null);
    expect(el.querySelector('strong')?.textContent).to.equal('b');
  });
});

describe('renderMarkdown in a right-to-left page', () => {
  it('lets each block take the direction of its own text', async () => {
    const el = await fixture<HTMLDivElement>(
      html`<div dir="rtl">${renderMarkdown('Nobody was told.\n\n- one\n\n## Title')}</div>`,
    );
    const paragraph = el.querySelector('p')!;
    expect(paragraph.getAttribute('dir')).to.equal('auto');
    expect(getComputedStyle(paragraph).direction).to.equal('ltr');
    expect(getComputedStyle(el.querySelector('li')!).direction).to.equal('ltr');
    expect(getComputedStyle(el.querySelector('h4')!).direction).to.equal('ltr');
  });
});
