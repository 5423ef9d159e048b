/**
 * Parses one row of a stack listing. Columns are recognised by the shape of their tokens, not by
 * fixed positions, so one function serves k/kn/kb/kv/kp/kc/kf on x86 and x64 and !analyze STACK_TEXT.
 */
import { ADDRESS_TOKEN, PLACEHOLDER_TOKEN, normalizeHex } from './hex';
import { parseCallSite } from './callsite';
import type { ParsedFrame } from './types';

/** What the header line (or the command) told us about the columns. */
export interface StackLayout {
  /** Rows start with a frame number (`# ` in the header, `n` in the command). */
  numbered: boolean;
  /** kf: a Memory column follows the frame number. */
  memory: boolean;
  /** kc: rows are `module!function` only. */
  clean: boolean;
  /** The layout has no Child-SP column (`# RetAddr : Args to Child : Call Site`). */
  noChildSp: boolean;
}

export const DEFAULT_LAYOUT: StackLayout = { numbered: false, memory: false, clean: false, noChildSp: false };

/** Recognises a stack header line and returns its layout, else null. */
export function parseStackHeader(text: string): StackLayout | null {
  const t = text.trim();
  if (!/Call Site|ChildEBP|Child-SP|RetAddr/.test(t)) return null;
  if (!/^(?:#\s+)?(?:Memory\s+)?(?:Child-SP|ChildEBP|RetAddr|Call Site)\b/.test(t)) return null;
  return {
    numbered: t.startsWith('#'),
    memory: /\bMemory\b/.test(t),
    clean: /^#?\s*Call Site$/.test(t),
    noChildSp: !/Child-SP|ChildEBP/.test(t) && /RetAddr/.test(t),
  };
}

const FRAME_NO = /^[0-9a-fA-F]{1,4}$/;
const MEMORY = /^[0-9a-fA-F]{1,7}$/;

/**
 * Parses a frame row. Returns null when the row does not look like a frame for this layout.
 * `strict` (used outside any stack context) demands two address columns and a call site.
 */
export function parseStackRow(raw: string, layout: StackLayout, position: number, strict: boolean): ParsedFrame | null {
  const text = raw.trim();
  if (text === '') return null;
  let rest = text;
  let index: number | null = null;
  let frameDistance: string | null = null;
  let inline = false;

  const takeToken = (): string => {
    const m = /^(\S+)\s*/.exec(rest);
    if (!m) return '';
    rest = rest.slice(m[0].length);
    return m[1];
  };
  const peek = (): string => {
    const m = /^(\S+)/.exec(rest);
    return m ? m[1] : '';
  };

  // Frame number: when the layout says so, or when a short hex token precedes an address column.
  const first = peek();
  if (FRAME_NO.test(first)) {
    const after = rest.slice(first.length).trimStart();
    const next = /^(\S+)/.exec(after)?.[1] ?? '';
    const nextIsColumn = ADDRESS_TOKEN.test(next) || next === '(Inline' || MEMORY.test(next);
    if (layout.numbered || layout.clean || (first.length === 2 && nextIsColumn)) {
      index = parseInt(first, 16);
      takeToken();
    }
  }
  if (layout.memory) {
    const tok = peek();
    const after = rest.slice(tok.length).trimStart();
    const next = /^(\S+)/.exec(after)?.[1] ?? '';
    if (MEMORY.test(tok) && !ADDRESS_TOKEN.test(tok) && ADDRESS_TOKEN.test(next)) {
      frameDistance = normalizeHex(tok);
      takeToken();
    }
  }

  const addresses: (string | null)[] = [];
  if (rest.startsWith('(Inline Function)')) {
    inline = true;
    rest = rest.slice('(Inline Function)'.length).trimStart();
    addresses.push(null);
  }
  while (addresses.length < 2) {
    const tok = peek();
    if (ADDRESS_TOKEN.test(tok)) addresses.push(normalizeHex(tok));
    else if (PLACEHOLDER_TOKEN.test(tok)) addresses.push(null);
    else break;
    takeToken();
  }

  const args: string[] = [];
  if (rest.startsWith(':')) {
    rest = rest.slice(1).trimStart();
    const colon = rest.indexOf(' : ');
    const argText = colon >= 0 ? rest.slice(0, colon) : '';
    for (const tok of argText.split(/\s+/)) {
      if (tok === '') continue;
      const v = normalizeHex(tok);
      if (v !== null) args.push(v);
    }
    rest = colon >= 0 ? rest.slice(colon + 3) : rest;
  } else if (addresses.length === 2 && !inline) {
    // x86 kb/kv: up to three 8-digit arguments follow without separators.
    while (args.length < 4 && ADDRESS_TOKEN.test(peek()) && rest.slice(peek().length).trim() !== '') {
      const v = normalizeHex(takeToken());
      if (v !== null) args.push(v);
    }
  }

  const callText = rest.trim();
  if (callText === '') return null;
  if (strict && addresses.length < 2) return null;
  if (!layout.clean && addresses.length === 0 && index === null) return null;
  if (layout.clean && addresses.length === 0 && !/^[^\s!]+!\S|^[^\s!+]+\+0x[0-9a-f]+$|^0x[0-9a-f]/i.test(callText)) return null;

  const site = parseCallSite(callText);
  if (site.module === null && site.address === null) return null;
  if (site.module !== null && /\s/.test(site.module)) return null;
  // `dd`/`dps` memory rows look like frames; a "module" that is a bare hex word is data, not a symbol.
  if (site.module !== null && site.function === null && /^[0-9a-fA-F`]+$/.test(site.module)) return null;

  let childSp: string | null = null;
  let retAddr: string | null = null;
  if (addresses.length === 1 && !inline) {
    if (layout.noChildSp) retAddr = addresses[0];
    else childSp = addresses[0];
  } else if (addresses.length >= 2) {
    childSp = addresses[0];
    retAddr = addresses[1];
  }
  return {
    index: index ?? position,
    childSp,
    retAddr,
    args,
    module: site.module,
    function: site.function,
    offset: site.offset,
    inline,
    sourceFile: site.sourceFile,
    sourceLine: site.sourceLine,
    raw,
    address: site.address,
    params: site.params,
    frameDistance,
    trapFrame: site.trapFrame,
    notes: site.notes,
  };
}
