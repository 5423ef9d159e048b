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

  test.each([
    ['<script>alert(1)</script>', /<script/i],
    ['<img src=x onerror="alert(1)">', /onerror/i],
    ['[click](javascript:alert(1))', /javascript:/i],
    ['<iframe src="https://example.com"></iframe>', /<iframe/i],
    ['<a href="#" onclick="steal()">x</a>', /onclick/i],
    ['<div style="background:url(javascript:alert(1))">x</div>', /style=/i],
    ['<svg><script>alert(1)</script></svg>', /<script/i],
  ])('strips %s', (source, forbidden) => {
    expect(renderMarkdown(source)).not.toMatch(forbidden);
  });

  test('links open outside the app without an opener', () => {
    expect(renderMarkdown('[pefile](https://github.com/erocarrera/pefile)')).toBe(
      '<p><a href="https://github.com/erocarrera/pefile" target="_blank" rel="noopener noreferrer">pefile</a></p>\n',
    );
  });
});
