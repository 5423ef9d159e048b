import DOMPurify from 'dompurify';
import { Marked } from 'marked';

let hooked = false;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Raw HTML in a note is shown as text: notes are Markdown, and pasted markup should never become live elements. */
const markdown = new Marked({
  gfm: true,
  breaks: false,
  renderer: {
    html: ({ text }) => escapeHtml(text),
  },
});

/**
 * Notes are user-written Markdown that may be pasted from anywhere: render them to HTML and always pass the result
 * through DOMPurify, so no script, handler or frame reaches the page. Links open outside the app.
 */
export function renderMarkdown(source: string): string {
  if (!hooked) {
    hooked = true;
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName === 'A') {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
    });
  }
  const html = markdown.parse(source, { async: false });
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'iframe', 'object', 'embed'],
    FORBID_ATTR: ['style'],
  });
}
