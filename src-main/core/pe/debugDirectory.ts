/**
 * The debug directory's CodeView record: RSDS (PDB 7.0: GUID + age) or the older NB10
 * (PDB 2.0: 32-bit signature + age), and the symbol-server key built from it.
 */
import type { DataDirectory } from './headers';
import type { ImageView } from './imageView';
import type { PeCodeView } from './peAnalysis';

const DEBUG_ENTRY_SIZE = 28;
const MAX_DEBUG_ENTRIES = 256;
const IMAGE_DEBUG_TYPE_CODEVIEW = 2;
const RSDS = 0x53445352; // 'RSDS' read little-endian
const NB10 = 0x3031424e; // 'NB10'
const MAX_PDB_PATH = 0x1000;

export function readCodeView(image: ImageView, directory: DataDirectory | undefined, warnings: string[]): PeCodeView | null {
  if (!directory || directory.virtualAddress === 0 || directory.size === 0) return null;
  if (directory.size % DEBUG_ENTRY_SIZE !== 0) {
    warnings.push(`debug directory size ${directory.size} is not a multiple of ${DEBUG_ENTRY_SIZE}`);
  }
  let count = Math.floor(directory.size / DEBUG_ENTRY_SIZE);
  if (count > MAX_DEBUG_ENTRIES) {
    warnings.push(`debug directory claims ${count} entries; reading the first ${MAX_DEBUG_ENTRIES}`);
    count = MAX_DEBUG_ENTRIES;
  }
  for (let i = 0; i < count; i++) {
    const at = image.rvaToOffset(directory.virtualAddress + i * DEBUG_ENTRY_SIZE, DEBUG_ENTRY_SIZE);
    if (at === null) {
      warnings.push(`debug directory entry ${i} is outside the file`);
      return null;
    }
    if (image.u32(at + 12) !== IMAGE_DEBUG_TYPE_CODEVIEW) continue;
    const size = image.u32(at + 16) ?? 0;
    const rva = image.u32(at + 20) ?? 0;
    const pointer = image.u32(at + 24) ?? 0;
    const offset = pointer !== 0 && image.inFile(pointer, size) ? pointer : rva !== 0 ? image.rvaToOffset(rva, size) : null;
    if (offset === null || size < 8) {
      warnings.push('CodeView debug record is outside the file');
      return null;
    }
    const record = parseCodeViewRecord(image, offset, size);
    if (record === null) warnings.push('CodeView debug record has an unknown format (neither RSDS nor NB10)');
    return record;
  }
  return null;
}

function parseCodeViewRecord(image: ImageView, offset: number, size: number): PeCodeView | null {
  const signature = image.u32(offset);
  if (signature === RSDS && size >= 24) {
    const data1 = image.u32(offset + 4) ?? 0;
    const data2 = image.u16(offset + 8) ?? 0;
    const data3 = image.u16(offset + 10) ?? 0;
    let data4 = '';
    for (let i = 0; i < 8; i++) data4 += hexUpper(image.u8(offset + 12 + i) ?? 0, 2);
    const guid = hexUpper(data1, 8) + hexUpper(data2, 4) + hexUpper(data3, 4) + data4;
    const age = image.u32(offset + 20) ?? 0;
    const pdbPath = pdbPathAt(image, offset + 24, size - 24);
    return { pdbPath, guid, age, symbolServerKey: pdbSymbolKey(pdbPath, guid, age) };
  }
  if (signature === NB10 && size >= 16) {
    const guid = hexUpper(image.u32(offset + 8) ?? 0, 8);
    const age = image.u32(offset + 12) ?? 0;
    const pdbPath = pdbPathAt(image, offset + 16, size - 16);
    return { pdbPath, guid, age, symbolServerKey: pdbSymbolKey(pdbPath, guid, age) };
  }
  return null;
}

function pdbPathAt(image: ImageView, offset: number, available: number): string {
  const limit = Math.min(available, MAX_PDB_PATH);
  return (
    image.cString(offset, limit, 'utf8') ??
    new TextDecoder('utf-8').decode(image.bytes.subarray(offset, offset + Math.max(0, limit)))
  );
}

function hexUpper(value: number, digits: number): string {
  return value.toString(16).toUpperCase().padStart(digits, '0');
}

function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] ?? path;
}

/** `name.pdb/<GUID><Age as %X>/name.pdb` (symstore layout; DOMAIN.md "Symbol server keys"). */
export function pdbSymbolKey(pdbPath: string, guid: string, age: number): string {
  const name = baseName(pdbPath);
  return `${name}/${guid}${age.toString(16).toUpperCase()}/${name}`;
}

/** `name.sys/<TimeDateStamp as %08X><SizeOfImage as %x>/name.sys` (DOMAIN.md "Symbol server keys"). */
export function imageSymbolKey(fileName: string, timeDateStamp: number, sizeOfImage: number): string {
  const name = baseName(fileName);
  return `${name}/${hexUpper(timeDateStamp, 8)}${sizeOfImage.toString(16)}/${name}`;
}
