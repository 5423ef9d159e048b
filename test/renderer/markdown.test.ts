import { describe, expect, test } from 'vitest';
import { renderMarkdown } from '../../src-renderer/composables/useMarkdown';

describe('notes are rendered through a sanitizer', () => {
  test('Markdown becomes HTML', () => {
    const html = renderMarkdown('## Crash\n\n`nt!MiSessionLookupImage` reads **Session + 0x58**\n\n1. one\n2. two');
    expect(html).toContain('<h2>Crash</h2>');
    expect(html).toContain('<code>nt!MiSessionLookupImage</code>');
    expect(html).toContain('<strong>Session + 0x58</strong>');
    expect(html).toContain('<ol>');
  });

  /** What the page would get: no script, no handler attribute, no javascript: URL, no frame, no inline style. */
  function dangerous(html: string): string[] {
    const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
    const found: string[] = [];
    for (const element of doc.body.querySelectorAll('*')) {
      if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'STYLE'].includes(element.tagName)) found.push(element.tagName);
      for (const attribute of element.attributes) {
        if (/^on/i.test(attribute.name) || attribute.name === 'style') found.push(attribute.name);
        if (/^\s*javascript:/i.test(attribute.value)) found.push(attribute.value);
      }
    }
    return found;
  }

  test.each([
    '<script>alert(1)</script>',
    '<img src=x onerror="alert(1)">',
    '[click](javascript:alert(1))',
    '<iframe src="https://example.com"></iframe>',
    '<a href="#" onclick="steal()">x</a>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<svg><script>alert(1)</script></svg>',
    '![x](javascript:alert(1))',
    'text <b onmouseover=alert(1)>bold</b> more',
  ])('nothing live survives %s', (source) => {
    const html = renderMarkdown(source);
    expect(dangerous(html)).toEqual([]);
  });

  test('raw HTML is shown as text rather than dropped', () => {
    const doc = new DOMParser().parseFromString(renderMarkdown('<img src=x onerror="alert(1)">'), 'text/html');
    expect(doc.body.textContent).toBe('<img src=x onerror="alert(1)">');
    expect(doc.querySelector('img')).toBeNull();
  });

  test('links open outside the app without an opener', () => {
    expect(renderMarkdown('[pefile](https://github.com/erocarrera/pefile)')).toBe(
      '<p><a href="https://github.com/erocarrera/pefile" target="_blank" rel="noopener noreferrer">pefile</a></p>\n',
    );
  });
});
