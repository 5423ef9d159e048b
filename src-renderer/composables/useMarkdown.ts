import DOMPurify from 'dompurify';
import { marked } from 'marked';

let hooked = false;

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
  const html = marked.parse(source, { async: false, gfm: true, breaks: false });
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'iframe', 'object', 'embed'],
    FORBID_ATTR: ['style'],
  });
}
