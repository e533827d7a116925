import { expect, test } from 'vitest';
import { markdownToHtml, plainParagraphs, renderPreview } from './markdown';

test('Markdown a story uses', () => {
  expect(markdownToHtml('They said *no*.\n\n- one\n- two')).toBe(
    '<p>They said <em>no</em>.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n',
  );
});

test('raw HTML is shown as text, never used as markup', () => {
  const html = markdownToHtml('Hello <img src=x onerror="alert(1)"> there\n\n<script>alert(1)</script>');
  expect(html).not.toContain('<img');
  expect(html).not.toContain('<script');
  expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
  expect(html).toContain('&lt;script&gt;');
});

test('an image is its words: nothing is fetched from another site', () => {
  expect(markdownToHtml('![our letter](https://tracker.example/pixel.png)')).toBe('<p>our letter</p>\n');
});

test('headings sit below the page’s own', () => {
  expect(markdownToHtml('# What happened')).toBe('<h3>What happened</h3>\n');
  expect(markdownToHtml('#### Then')).toBe('<h6>Then</h6>\n');
});

test('without a DOM to sanitise in, the preview is escaped plain paragraphs', () => {
  expect(renderPreview('One <b>two</b>\n\n\nThree')).toBe('<p>One &lt;b&gt;two&lt;/b&gt;</p>\n<p>Three</p>');
  expect(plainParagraphs('  \n\n  ')).toBe('');
});
