/**
 * Parses WinDbg's "Call Site" column: `module!function+0xoff`, `module!Fn(void * P = 0x…)+0x34`,
 * `module+0x1772`, a bare `0x…` address, plus trailing `(Inline Function @ …)`, `(TrapFrame @ …)`,
 * `(FPO: …)`, `(CONV: …)` notes and a `[file @ line]` source suffix.
 */
import { normalizeHex } from './hex';

export interface CallSite {
  module: string | null;
  function: string | null;
  offset: string | null;
  address: string | null;
  params: string | null;
  sourceFile: string | null;
  sourceLine: number | null;
  trapFrame: string | null;
  notes: string[];
}

const SOURCE_SUFFIX = /\s*\[([^\]]*?) @ (\d+)\]\s*$/;
const NOTE_SUFFIX = /\s*\(((?:Inline Function|TrapFrame|FPO:|CONV:|EBP|Trap @|TaskGate)[^()]*(?:\([^()]*\)[^()]*)*)\)\s*$/;
const BARE_ADDRESS = /^(?:0x)?[0-9a-fA-F]{1,8}(?:`[0-9a-fA-F]{8})?$/;

function splitParams(rest: string): { name: string; params: string | null } {
  if (!rest.endsWith(')')) return { name: rest, params: null };
  let depth = 0;
  for (let i = rest.length - 1; i >= 0; i--) {
    const ch = rest[i];
    if (ch === ')') depth++;
    else if (ch === '(') {
      depth--;
      if (depth === 0) {
        const inner = rest.slice(i + 1, -1).trim();
        const looksTyped = inner.includes('=') || inner === 'void' || inner.startsWith('<');
        if (!looksTyped || i === 0) return { name: rest, params: null };
        return { name: rest.slice(0, i), params: inner };
      }
    }
  }
  return { name: rest, params: null };
}

/**
 * Parses one call-site string. `offsetWithoutPrefix` accepts `+1d1e` (hex without `0x`, as in
 * !analyze SYMBOL_NAME / FAULTING_IP and BlueScreenView) as well as `+0x1d1e`.
 */
export function parseCallSite(input: string): CallSite {
  let s = input.trim();
  const site: CallSite = {
    module: null,
    function: null,
    offset: null,
    address: null,
    params: null,
    sourceFile: null,
    sourceLine: null,
    trapFrame: null,
    notes: [],
  };
  const src = SOURCE_SUFFIX.exec(s);
  if (src) {
    site.sourceFile = src[1].trim();
    site.sourceLine = Number(src[2]);
    s = s.slice(0, src.index);
  }
  // Notes come last on the row, possibly several: peel them off from the right.
  for (let guard = 0; guard < 4; guard++) {
    const note = NOTE_SUFFIX.exec(s);
    if (!note) break;
    const body = note[1].trim();
    const trap = /TrapFrame @ ([0-9a-fA-F`]+)/.exec(body);
    if (trap) site.trapFrame = normalizeHex(trap[1]);
    if (!body.startsWith('Inline Function')) site.notes.unshift(body);
    s = s.slice(0, note.index);
  }
  s = s.trim();
  if (s === '') return site;
  if (BARE_ADDRESS.test(s) && (s.startsWith('0x') || s.includes('`'))) {
    site.address = normalizeHex(s);
    return site;
  }
  // Offset: the last `+hex` that is not inside a parameter list.
  const off = /\+(?:0x)?([0-9a-fA-F]+)$/.exec(s);
  if (off) {
    site.offset = normalizeHex(off[1]);
    s = s.slice(0, off.index);
  }
  const bang = s.indexOf('!');
  if (bang > 0) {
    site.module = s.slice(0, bang).trim();
    const { name, params } = splitParams(s.slice(bang + 1).trim());
    site.function = name.trim() === '' ? null : name.trim();
    site.params = params;
  } else {
    site.module = s;
  }
  return site;
}
