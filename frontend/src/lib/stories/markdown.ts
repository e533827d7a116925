// The composer's preview of a story's Markdown. The server makes the HTML that readers see
// (and sanitises it); this is only the author's own look at their draft, made in their browser.
// Two layers, because {@html} of anything less would let a pasted <script> or <img onerror>
// run in the author's own session: marked turns Markdown into HTML with any raw HTML escaped
// and images shown as their words (no request to another site), then DOMPurify keeps only the
// few tags and attributes a story needs. No style attributes: the CSP would refuse them.

import DOMPurify from 'dompurify';
import { Marked, type Tokens } from 'marked';

const ALLOWED_TAGS = [
  'p',
  'br',
  'strong',
  'em',
  'del',
  'ul',
  'ol',
  'li',
  'blockquote',
  'code',
  'pre',
  'hr',
  'a',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
];
const ALLOWED_ATTR = ['href', 'title', 'start'];
/** Links to web pages and email only: no javascript:, data: or other schemes, no paths of ours. */
const ALLOWED_URI_REGEXP = /^(?:https?:|mailto:)/i;

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const markdown = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    // Raw HTML in a story is shown as the text it is, never used as markup.
    html({ text }: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(text);
    },
    // An image would be a request to wherever it points: show its words instead.
    image({ text }: Tokens.Image): string {
      return escapeHtml(text);
    },
    // The page has its own h1 and h2s: a story's headings sit below them.
    heading({ tokens, depth }: Tokens.Heading): string {
      const level = Math.min(depth + 2, 6);
      return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
    },
  },
});

/** Markdown to HTML with raw HTML escaped, images as text and headings from h3. Not yet sanitised. */
export function markdownToHtml(text: string): string {
  return markdown.parse(text, { async: false });
}

let hooked = false;

/**
 * The preview's HTML, safe for {@html}. Where DOMPurify cannot run (no DOM, as in unit tests),
 * the text comes back escaped, as plain paragraphs, rather than unsanitised.
 */
export function renderPreview(text: string): string {
  if (!DOMPurify.isSupported) return plainParagraphs(text);
  if (!hooked) {
    // A link in the preview opens in a new tab, so that the draft stays open here, and tells
    // the site it points to nothing about the forum.
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName !== 'A') return;
      node.setAttribute('rel', 'nofollow noopener noreferrer');
      node.setAttribute('target', '_blank');
    });
    hooked = true;
  }
  return DOMPurify.sanitize(markdownToHtml(text), {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOWED_URI_REGEXP,
    ALLOW_DATA_ATTR: false,
  });
}

/** The text as escaped paragraphs, split at blank lines. */
export function plainParagraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '')
    .map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`)
    .join('\n');
}
