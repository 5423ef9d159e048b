/**
 * The RT_VERSION resource (VS_VERSIONINFO): the fixed file/product versions and the common
 * StringFileInfo values. pe-library's NtExecutableResource needs an NtExecutable, whose
 * constructor copies every section; walking the three resource-directory levels here reads
 * only the few bytes involved.
 */
import type { DataDirectory } from './headers';
import type { ImageView } from './imageView';
import type { PeVersionInfo } from './peAnalysis';

const RT_VERSION = 16;
const MAX_DIRECTORY_ENTRIES = 4096;
const FIXED_FILE_INFO_SIGNATURE = 0xfeef04bd;
const SUBDIRECTORY_FLAG = 0x80000000;

const STRING_KEYS: ReadonlyArray<[string, keyof PeVersionInfo]> = [
  ['FileVersion', 'fileVersion'],
  ['ProductVersion', 'productVersion'],
  ['CompanyName', 'companyName'],
  ['ProductName', 'productName'],
  ['OriginalFilename', 'originalFilename'],
  ['FileDescription', 'fileDescription'],
  ['InternalName', 'internalName'],
  ['LegalCopyright', 'legalCopyright'],
];

export function readVersionInfo(
  image: ImageView,
  directory: DataDirectory | undefined,
  warnings: string[],
): PeVersionInfo | null {
  if (!directory || directory.virtualAddress === 0) return null;
  const root = directory.virtualAddress;
  // Three levels: type (RT_VERSION) -> name/id (the first) -> language (the first).
  const typeTarget = findEntry(image, root, RT_VERSION, warnings);
  if (typeTarget === null || (typeTarget & SUBDIRECTORY_FLAG) === 0) return null;
  const nameTarget = findEntry(image, root + (typeTarget & ~SUBDIRECTORY_FLAG), null, warnings);
  if (nameTarget === null || (nameTarget & SUBDIRECTORY_FLAG) === 0) return null;
  const languageTarget = findEntry(image, root + (nameTarget & ~SUBDIRECTORY_FLAG), null, warnings);
  if (languageTarget === null || (languageTarget & SUBDIRECTORY_FLAG) !== 0) return null;
  const dataEntry = image.rvaToOffset(root + languageTarget, 16);
  if (dataEntry === null) {
    warnings.push('version resource: data entry is outside the file');
    return null;
  }
  const dataRva = image.u32(dataEntry) ?? 0;
  const dataSize = image.u32(dataEntry + 4) ?? 0;
  const offset = image.rvaToOffset(dataRva, dataSize);
  if (offset === null || dataSize < 6) {
    warnings.push('version resource: data is outside the file');
    return null;
  }
  return parseVersionInfo(image, offset, offset + dataSize, warnings);
}

/**
 * OffsetToData of the first entry of the resource directory at `rva` with numeric id
 * `wantedId`, or of its first entry of any kind when `wantedId` is null.
 */
function findEntry(image: ImageView, rva: number, wantedId: number | null, warnings: string[]): number | null {
  const at = image.rvaToOffset(rva, 16);
  if (at === null) {
    warnings.push(`resource directory at RVA 0x${rva.toString(16)} is outside the file`);
    return null;
  }
  const named = image.u16(at + 12) ?? 0;
  const ids = image.u16(at + 14) ?? 0;
  let total = named + ids;
  if (total > MAX_DIRECTORY_ENTRIES) {
    warnings.push(`resource directory claims ${total} entries; reading the first ${MAX_DIRECTORY_ENTRIES}`);
    total = MAX_DIRECTORY_ENTRIES;
  }
  for (let i = 0; i < total; i++) {
    const entry = image.rvaToOffset(rva + 16 + i * 8, 8);
    if (entry === null) {
      warnings.push('resource directory entries run past the end of the file');
      return null;
    }
    const name = image.u32(entry) ?? 0;
    const target = image.u32(entry + 4) ?? 0;
    if (wantedId === null || ((name & SUBDIRECTORY_FLAG) === 0 && name === wantedId)) return target;
  }
  return null;
}

interface VersionNode {
  key: string;
  valueStart: number;
  valueLength: number;
  type: number;
  childrenStart: number;
  end: number;
}

const align4 = (n: number): number => (n + 3) & ~3;

/** One VS_VERSIONINFO-style node (wLength, wValueLength, wType, szKey, padding, value, children). */
function readNode(image: ImageView, offset: number, limit: number): VersionNode | null {
  const length = image.u16(offset);
  if (length === null || length < 6 || offset + length > limit) return null;
  const end = offset + length;
  const valueLength = image.u16(offset + 2) ?? 0;
  const type = image.u16(offset + 4) ?? 0;
  const key = image.utf16String(offset + 6, end);
  const valueStart = align4(offset + 6 + key.length * 2 + 2);
  // wValueLength counts WORDs for text values (wType 1) and bytes for binary ones.
  const valueBytes = type === 1 ? valueLength * 2 : valueLength;
  return { key, valueStart, valueLength: valueBytes, type, childrenStart: align4(valueStart + valueBytes), end };
}

function* children(image: ImageView, node: VersionNode): Generator<VersionNode> {
  let cursor = node.childrenStart;
  while (cursor + 6 <= node.end) {
    const child = readNode(image, cursor, node.end);
    if (child === null) return;
    yield child;
    cursor = align4(child.end);
  }
}

function parseVersionInfo(image: ImageView, offset: number, end: number, warnings: string[]): PeVersionInfo | null {
  const root = readNode(image, offset, end);
  if (root === null || root.key !== 'VS_VERSION_INFO') {
    warnings.push('version resource is not a VS_VERSIONINFO block');
    return null;
  }
  const info: PeVersionInfo = {
    fixedFileVersion: null,
    fixedProductVersion: null,
    fileVersion: null,
    productVersion: null,
    companyName: null,
    productName: null,
    originalFilename: null,
    fileDescription: null,
    internalName: null,
    legalCopyright: null,
  };
  if (root.valueLength >= 52 && image.u32(root.valueStart) === FIXED_FILE_INFO_SIGNATURE) {
    info.fixedFileVersion = versionString(image.u32(root.valueStart + 8) ?? 0, image.u32(root.valueStart + 12) ?? 0);
    info.fixedProductVersion = versionString(image.u32(root.valueStart + 16) ?? 0, image.u32(root.valueStart + 20) ?? 0);
  }
  for (const block of children(image, root)) {
    if (block.key !== 'StringFileInfo') continue;
    for (const table of children(image, block)) {
      for (const entry of children(image, table)) {
        const field = STRING_KEYS.find(([key]) => key === entry.key)?.[1];
        if (!field || info[field] !== null) continue;
        info[field] = image.utf16String(entry.valueStart, entry.end);
      }
    }
  }
  return info;
}

function versionString(ms: number, ls: number): string {
  return `${ms >>> 16}.${ms & 0xffff}.${ls >>> 16}.${ls & 0xffff}`;
}
