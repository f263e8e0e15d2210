/**
 * Tables, CSV files and terminal reports show a module's Markdown as the words a learner read,
 * not as its source: no asterisks, brackets or character references in a trainer's spreadsheet.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyseItems, analyseScenarios, parseResults } from '../../src/analytics/index.ts';
import { plainText } from '../../src/content/plain-text.ts';
import type { Module } from '../../src/content/schema.ts';
import { classResults, MODULE } from '../fixtures/analytics/class-of-ten.ts';

describe('plain text of Markdown', () => {
  test('drops emphasis, link and code marks and keeps the words', () => {
    assert.equal(
      plainText('**Which** _sign_ of [control](https://example.org) is in `the file`?'),
      'Which sign of control is in the file?',
    );
  });

  test('keeps raw HTML as the text it is and decodes character references', () => {
    assert.equal(plainText('<img src=x onerror=alert(1)>'), '<img src=x onerror=alert(1)>');
    assert.equal(plainText('Tom &amp; Jerry &lt;b&gt; &#x41;'), 'Tom & Jerry <b> A');
  });

  test('puts lists, tables, headings and line breaks on one line with spaces', () => {
    assert.equal(
      plainText('# Case\nRead it.\n\n- one\n- two\n\nEnd  \nnow'),
      'Case Read it. one two End now',
    );
    assert.equal(plainText('| a | b |\n|---|---|\n| 1 | 2 |'), 'a b 1 2');
    assert.equal(plainText('![a passport on a desk](p.png)'), 'a passport on a desk');
  });
});

describe('the analysis shows Markdown as plain text', () => {
  interface Editable {
    activities: {
      type: string;
      items?: { id: string; prompt: string; options?: { text: string }[] }[];
      scenes?: { choices: { text: string }[] }[];
    }[];
  }
  const document = structuredClone(MODULE) as unknown as Editable;
  const first = document.activities.find((activity) => activity.type === 'quiz')!.items![0]!;
  first.prompt = '**Which** document is _forged_?';
  first.options![0]!.text = 'The `visa` &amp; stamp';
  const scenario = document.activities.find((activity) => activity.type === 'scenario')!;
  scenario.scenes![0]!.choices[0]!.text = '*Listen* first';
  const module = document as unknown as Module;
  const parsed = parseResults(JSON.stringify(classResults()));
  assert.ok(parsed.ok);
  const dataset = { ...parsed.dataset, modules: [module] };

  test('item prompts and option texts', () => {
    const row = analyseItems(dataset).find((item) => item.itemId === first.id)!;
    assert.equal(row.prompt, 'Which document is forged?');
    assert.ok(row.options.some((option) => option.text === 'The visa & stamp'));
  });

  test('scenario choices', () => {
    const [analysis] = analyseScenarios(dataset);
    const texts = analysis!.scenes.flatMap((scene) => scene.choices.map((choice) => choice.text));
    assert.ok(texts.includes('Listen first'), texts.join(' | '));
  });
});
