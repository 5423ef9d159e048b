/**
 * Turns raw pasted text into clean lines: control characters removed, Markdown wrapping undone
 * (``` fences, ``inline code`` with doubled backticks, `\`` escapes, `> ` quotes, `<details>` tags),
 * leading `# source:` metadata split off. Linear in the input size.
 */

export interface CleanLine {
  /** 1-based line number in the original paste. */
  line: number;
  /** Cleaned text (right-trimmed). Empty for blank or pure-markup lines. */
  text: string;
  /** True when the line was pure Markdown/HTML markup (a fence, `<details>`), understood and dropped. */
  markup: boolean;
}

export interface Preprocessed {
  lines: CleanLine[];
  sources: string[];
  limits: string[];
}

/** Most characters read from one paste; the rest is cut with a note in `limits`. */
export const MAX_INPUT_CHARS = 16 * 1024 * 1024;
/** Longest line looked at; longer lines are cut (WinDbg never prints lines this long). */
export const MAX_LINE_CHARS = 4096;

const FENCE = /^\s*(?:```|~~~)[\w+-]*\s*$/;
const HTML_MARKUP = /^\s*<\/?(?:details|summary|p|br|pre|code)\b[^>]*>(?:.*<\/(?:summary|p|code)>)?\s*$/i;

function isHexish(ch: string | undefined): boolean {
  return ch !== undefined && /[0-9a-fA-F-]/.test(ch);
}

/** Drops backticks that are Markdown code delimiters: those not sitting between two hex digits. */
function stripCodeBackticks(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch !== '`') {
      out += ch;
      continue;
    }
    if (isHexish(text[i - 1]) && isHexish(text[i + 1])) out += ch;
  }
  return out;
}

export function preprocess(input: string): Preprocessed {
  const limits: string[] = [];
  let text = input;
  if (text.length > MAX_INPUT_CHARS) {
    limits.push(`input cut to the first ${MAX_INPUT_CHARS} characters (of ${text.length})`);
    text = text.slice(0, MAX_INPUT_CHARS);
  }
  // Binary garbage: keep tabs and newlines, drop other control characters and U+FFFD.
  // eslint-disable-next-line no-control-regex
  text = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/g, '');
  const rawLines = text.split(/\r\n|\r|\n/);

  // Markdown mode: a fence, doubled backticks or mostly `>`-quoted lines mean the paste came out of Markdown.
  let fences = 0;
  let quoted = 0;
  let nonBlank = 0;
  let doubled = false;
  for (const l of rawLines) {
    if (l.trim() === '') continue;
    nonBlank++;
    if (FENCE.test(l)) fences++;
    if (/^\s*>/.test(l)) quoted++;
    if (!doubled && l.includes('``')) doubled = true;
  }
  const markdown = fences > 0 || doubled || (nonBlank > 0 && quoted * 2 > nonBlank);
  const stripQuotes = nonBlank > 0 && quoted * 2 > nonBlank;

  const lines: CleanLine[] = [];
  const sources: string[] = [];
  let headerZone = true;
  for (let i = 0; i < rawLines.length; i++) {
    let t = rawLines[i];
    if (t.length > MAX_LINE_CHARS) {
      t = t.slice(0, MAX_LINE_CHARS);
      if (limits.length < 20) limits.push(`line ${i + 1} cut to ${MAX_LINE_CHARS} characters`);
    }
    t = t.replace(/\s+$/, '');
    if (headerZone) {
      const m = /^#\s*source:\s*(.*)$/i.exec(t);
      if (m) {
        sources.push(m[1]);
        lines.push({ line: i + 1, text: '', markup: true });
        continue;
      }
      if (t.trim() !== '') headerZone = false;
    }
    if (markdown) {
      if (FENCE.test(t) || HTML_MARKUP.test(t)) {
        lines.push({ line: i + 1, text: '', markup: true });
        continue;
      }
      if (stripQuotes) t = t.replace(/^\s*> ?/, '');
      t = t.replace(/\\`/g, '`');
      if (t.includes('`') && (t.includes('``') || /^\s*`/.test(t) || /`\s*$/.test(t))) t = stripCodeBackticks(t);
    }
    // A stray Markdown backtick glued to the start of a line (`` `****** ``) is never WinDbg output.
    if (t.startsWith('`') && !isHexish(t[1])) t = t.slice(1);
    lines.push({ line: i + 1, text: t, markup: false });
  }
  return { lines, sources, limits };
}
