/**
 * Parses `lm` output rows in their variants: `lm` (symbol status + symbol file), `lm n` (image name),
 * `lm t` (timestamp, or the reproducible-build hash note), `lmv` detail lines, `Unloaded modules:`.
 */
import { ADDRESS_TOKEN, normalizeHex } from './hex';
import type { ParsedModule } from './types';

const HEADER = /^\s*start\s+end\s+module name\b/i;
const STATUS = /^\((deferred|pdb symbols|private pdb symbols|public pdb symbols|export symbols|no symbols|codeview symbols|coff symbols|sym symbols)\)\s*(.*)$/i;
const INVALID = /^\*{3,}\s*Invalid\s*(?:\*{3,})?\s*(.*)$/i;
const REPRO = /This is a reproducible build file hash, not a timestamp/i;
const STAMP_PAREN = /\(([0-9A-Fa-f]{8})\)/;

export function isModuleHeader(text: string): boolean {
  return HEADER.test(text);
}

/** Parses `start end name …`; returns null if the row is not a module row. */
export function parseModuleRow(text: string): ParsedModule | null {
  const m = /^\s*(\S+)\s+(\S+)\s+(\S+)(?:\s+(.*))?$/.exec(text);
  if (!m) return null;
  if (!ADDRESS_TOKEN.test(m[1]) || !ADDRESS_TOKEN.test(m[2])) return null;
  const start = normalizeHex(m[1]);
  const end = normalizeHex(m[2]);
  if (start === null || end === null) return null;
  const name = m[3];
  if (!/^[\w.$~-]+$/.test(name)) return null;
  const mod: ParsedModule = { name, start, end, sessionSpace: false };
  const rest = (m[4] ?? '').trim();
  if (rest === '') return mod;
  const status = STATUS.exec(rest);
  const invalid = INVALID.exec(rest);
  if (status) {
    mod.symbolStatus = status[1].toLowerCase();
    if (status[2].trim() !== '') mod.symbolFile = status[2].trim();
  } else if (invalid) {
    mod.symbolStatus = 'invalid';
    if (invalid[1].trim() !== '') mod.symbolFile = invalid[1].trim();
  } else {
    // lm n / lm t / lm t n: optional image name, then a date with (TIMESTAMP) or the hash note.
    const image = /^(\S+\.(?:sys|exe|dll|drv|efi|mui|ocx|cpl))\b\s*(.*)$/i.exec(rest);
    let tail = rest;
    if (image) {
      mod.imageName = image[1];
      tail = image[2];
    }
    const stamp = STAMP_PAREN.exec(tail);
    if (stamp) mod.timestamp = normalizeHex(stamp[1]) ?? undefined;
    if (REPRO.test(tail)) mod.timestampIsHash = true;
    if (!image && !stamp && !REPRO.test(tail)) mod.symbolFile = tail;
  }
  return mod;
}

/** Applies one `lmv` detail line to the module it follows. Returns false if the line is not one. */
export function applyModuleDetail(text: string, mod: ParsedModule): boolean {
  const m = /^\s+([A-Za-z][A-Za-z ]*?):\s*(.*)$/.exec(text);
  if (!m) return /^\s+(?:Browse all global symbols|Information from resource tables)/.test(text);
  const key = m[1].toLowerCase();
  const value = m[2].trim();
  switch (key) {
    case 'image name':
      mod.imageName = value;
      return true;
    case 'image path':
      mod.imagePath = value;
      return true;
    case 'timestamp': {
      const stamp = STAMP_PAREN.exec(value) ?? /^([0-9A-Fa-f]{8})\b/.exec(value);
      if (stamp) mod.timestamp = normalizeHex(stamp[1]) ?? undefined;
      if (REPRO.test(value)) mod.timestampIsHash = true;
      return true;
    }
    case 'checksum':
      mod.checksum = normalizeHex(value) ?? undefined;
      return true;
    case 'imagesize':
      mod.imageSize = normalizeHex(value) ?? undefined;
      return true;
    case 'loaded symbol image file':
    case 'mapped memory image file':
    case 'translations':
    case 'productversion':
    case 'fileversion':
    case 'companyname':
    case 'productname':
    case 'internalname':
    case 'originalfilename':
    case 'filedescription':
    case 'legalcopyright':
    case 'file version':
    case 'product version':
    case 'file flags':
    case 'file os':
    case 'file type':
    case 'file date':
    case 'symbol file':
    case 'pdb':
    case 'information from resource tables':
      return true;
    default:
      return false;
  }
}

/** Unloaded module row: `f9f53000 f9f61000   swmidi.sys`. */
export function parseUnloadedRow(text: string): { name: string; start: string; end: string } | null {
  const m = /^\s*(\S+)\s+(\S+)\s+(\S+)\s*$/.exec(text);
  if (!m || !ADDRESS_TOKEN.test(m[1]) || !ADDRESS_TOKEN.test(m[2])) return null;
  const start = normalizeHex(m[1]);
  const end = normalizeHex(m[2]);
  if (start === null || end === null) return null;
  return { name: m[3], start, end };
}
