/**
 * DOS, NT and section headers. Field reads go through pe-library's `Format` classes, which
 * wrap DataViews over the caller's bytes without copying (unlike `NtExecutable.from`, which
 * copies every section and refuses images with COFF symbols or certificates). Where
 * pe-library cannot help (a file cut short inside the optional header, a section table
 * that is not where pe-library assumes) the same fields are read by offset, bounded.
 */
import { Format } from 'pe-library';
import type { ImageView, MappedSection } from './imageView';

export const PE32_MAGIC = 0x10b;
export const PE32PLUS_MAGIC = 0x20b;
const FILE_HEADER_SIZE = 20;
const SECTION_HEADER_SIZE = 40;
const COFF_SYMBOL_SIZE = 18;
/** Offset of CheckSum inside the optional header, the same for PE32 and PE32+. */
const CHECKSUM_FIELD_OFFSET = 64;
const MAX_DATA_DIRECTORIES = 16;

export interface DataDirectory {
  virtualAddress: number;
  size: number;
}

export interface SectionHeader extends MappedSection {
  name: string;
  characteristics: number;
}

export interface FileHeaderFields {
  ntOffset: number;
  machine: number;
  numberOfSections: number;
  timeDateStamp: number;
  pointerToSymbolTable: number;
  numberOfSymbols: number;
  sizeOfOptionalHeader: number;
  characteristics: number;
}

export interface OptionalHeaderFields {
  magic: number;
  addressOfEntryPoint: number;
  imageBase: bigint;
  sectionAlignment: number;
  fileAlignment: number;
  sizeOfImage: number;
  sizeOfHeaders: number;
  checkSum: number;
  subsystem: number;
  dllCharacteristics: number;
  numberOfRvaAndSizes: number;
}

export interface PeHeaders {
  fileHeader: FileHeaderFields;
  optionalHeader: OptionalHeaderFields;
  /** File offset of the CheckSum field. */
  checksumOffset: number;
  /** File offset of data directory 0; entry i is at + 8 * i. */
  dataDirectoryOffset: number;
  dataDirectories: DataDirectory[];
  sections: SectionHeader[];
  /** Set when the data directories or the section table run past the end of the file. */
  truncation: string | null;
}

export type HeaderReadResult =
  | { ok: true; headers: PeHeaders }
  | { ok: false; error: string; fileHeader: FileHeaderFields | null; checksumOffset: number | null };

export function readHeaders(image: ImageView, warnings: string[]): HeaderReadResult {
  const bytes = image.bytes;
  if (image.size === 0) return fail('empty file (0 bytes)');
  if (image.size < 64) return fail(`not a PE image: ${image.size} bytes is too small for a DOS header`);

  const dos = Format.ImageDosHeader.from(bytes);
  if (!dos.isValid()) return fail('not a PE image: no MZ signature');
  const ntOffset = dos.newHeaderAddress >>> 0;
  if (!image.inFile(ntOffset, 4)) {
    return fail(`truncated or not a PE image: e_lfanew 0x${ntOffset.toString(16)} is past the end of the file`);
  }
  if (image.u32(ntOffset) !== Format.ImageNtHeaders.DEFAULT_SIGNATURE) {
    const sig = image.u16(ntOffset);
    const found = sig === 0x454e ? ' (NE, 16-bit)' : sig === 0x454c || sig === 0x584c ? ' (LE/LX)' : '';
    return fail(`not a PE image: no PE signature at 0x${ntOffset.toString(16)}${found}`);
  }
  if (!image.inFile(ntOffset + 4, FILE_HEADER_SIZE)) return fail('truncated PE image: the COFF file header is cut short');

  // pe-library maps the full optional header plus 16 directories, and its DataViews are cut
  // from the underlying ArrayBuffer, not from our view: on a short input it would read past
  // the caller's bytes (or throw). Use it only when that span is inside the input.
  const magicAt = image.u16(ntOffset + 4 + FILE_HEADER_SIZE);
  const librarySpan =
    4 +
    FILE_HEADER_SIZE +
    (magicAt === PE32PLUS_MAGIC ? Format.ImageOptionalHeader64.size : Format.ImageOptionalHeader.size) +
    Format.ImageDataDirectoryArray.size;
  let fileHeader: FileHeaderFields | null = null;
  let optionalHeader: OptionalHeaderFields | null = null;
  if (image.inFile(ntOffset, librarySpan)) {
    try {
      const nt = Format.ImageNtHeaders.from(bytes, ntOffset);
      const fh = nt.fileHeader;
      fileHeader = {
        ntOffset,
        machine: fh.machine,
        numberOfSections: fh.numberOfSections,
        timeDateStamp: fh.timeDateStamp,
        pointerToSymbolTable: fh.pointerToSymbolTable,
        numberOfSymbols: fh.numberOfSymbols,
        sizeOfOptionalHeader: fh.sizeOfOptionalHeader,
        characteristics: fh.characteristics,
      };
      optionalHeader =
        magicAt === PE32_MAGIC || magicAt === PE32PLUS_MAGIC ? optionalFromLibrary(nt.optionalHeader, magicAt) : null;
    } catch (cause) {
      warnings.push(
        `pe-library could not read the NT headers (${cause instanceof Error ? cause.message : String(cause)}); read by offset`,
      );
      fileHeader = null;
    }
  }
  if (fileHeader === null) {
    fileHeader = fileHeaderByOffset(image, ntOffset);
    optionalHeader = optionalByOffset(image, ntOffset + 4 + FILE_HEADER_SIZE);
  }

  const optOffset = ntOffset + 4 + FILE_HEADER_SIZE;
  const checksumOffset = optOffset + CHECKSUM_FIELD_OFFSET;
  const magic = image.u16(optOffset);
  if (magic === null) return fail('truncated PE image: no optional header', fileHeader, null);
  if (magic !== PE32_MAGIC && magic !== PE32PLUS_MAGIC) {
    return fail(`unsupported optional header magic 0x${magic.toString(16)} (expected 0x10b or 0x20b)`, fileHeader, null);
  }
  if (optionalHeader === null) return fail('truncated PE image: the optional header is cut short', fileHeader, checksumOffset);

  const fixedSize = magic === PE32PLUS_MAGIC ? Format.ImageOptionalHeader64.size : Format.ImageOptionalHeader.size;
  const dataDirectoryOffset = optOffset + fixedSize;
  if (fileHeader.sizeOfOptionalHeader < fixedSize) {
    warnings.push(`SizeOfOptionalHeader ${fileHeader.sizeOfOptionalHeader} is smaller than the fixed part (${fixedSize})`);
  }
  const dataDirectories = readDataDirectories(image, optionalHeader.numberOfRvaAndSizes, dataDirectoryOffset, warnings);

  // The section table follows the optional header as SizeOfOptionalHeader says; pe-library's
  // getSectionHeaderOffset() assumes the full 16-entry size, so compute it here.
  const sectionTableOffset = optOffset + fileHeader.sizeOfOptionalHeader;
  const sections = readSectionHeaders(image, fileHeader, sectionTableOffset, warnings);
  const declaredDirectories = Math.min(optionalHeader.numberOfRvaAndSizes, MAX_DATA_DIRECTORIES);
  const truncation =
    sections.length < fileHeader.numberOfSections || dataDirectories.length < declaredDirectories
      ? `truncated PE image: the headers end past the end of the file (${sections.length} of ${fileHeader.numberOfSections} section headers, ${dataDirectories.length} of ${declaredDirectories} data directories)`
      : null;

  return {
    ok: true,
    headers: { fileHeader, optionalHeader, checksumOffset, dataDirectoryOffset, dataDirectories, sections, truncation },
  };
}

function fail(error: string, fileHeader: FileHeaderFields | null = null, checksumOffset: number | null = null): HeaderReadResult {
  return { ok: false, error, fileHeader, checksumOffset };
}

function optionalFromLibrary(oh: Format.ImageOptionalHeader | Format.ImageOptionalHeader64, magic: number): OptionalHeaderFields {
  const imageBase = oh instanceof Format.ImageOptionalHeader64 ? oh.imageBaseBigInt : BigInt(oh.imageBase >>> 0);
  return {
    magic,
    addressOfEntryPoint: oh.addressOfEntryPoint >>> 0,
    imageBase,
    sectionAlignment: oh.sectionAlignment >>> 0,
    fileAlignment: oh.fileAlignment >>> 0,
    sizeOfImage: oh.sizeOfImage >>> 0,
    sizeOfHeaders: oh.sizeOfHeaders >>> 0,
    checkSum: oh.checkSum >>> 0,
    subsystem: oh.subsystem,
    dllCharacteristics: oh.dllCharacteristics,
    numberOfRvaAndSizes: oh.numberOfRvaAndSizes >>> 0,
  };
}

function fileHeaderByOffset(image: ImageView, ntOffset: number): FileHeaderFields {
  const at = ntOffset + 4;
  return {
    ntOffset,
    machine: image.u16(at) ?? 0,
    numberOfSections: image.u16(at + 2) ?? 0,
    timeDateStamp: image.u32(at + 4) ?? 0,
    pointerToSymbolTable: image.u32(at + 8) ?? 0,
    numberOfSymbols: image.u32(at + 12) ?? 0,
    sizeOfOptionalHeader: image.u16(at + 16) ?? 0,
    characteristics: image.u16(at + 18) ?? 0,
  };
}

/** Field offsets from the PE/COFF specification; only used when pe-library cannot map the header. */
function optionalByOffset(image: ImageView, at: number): OptionalHeaderFields | null {
  const magic = image.u16(at);
  if (magic !== PE32_MAGIC && magic !== PE32PLUS_MAGIC) return null;
  const is64 = magic === PE32PLUS_MAGIC;
  // NumberOfRvaAndSizes is the last fixed field: everything before it must be in the file.
  const rvaCountOffset = at + (is64 ? 108 : 92);
  const numberOfRvaAndSizes = image.u32(rvaCountOffset);
  if (numberOfRvaAndSizes === null) return null;
  const imageBase = is64 ? image.u64(at + 24) : image.u32(at + 28);
  return {
    magic,
    addressOfEntryPoint: image.u32(at + 16) ?? 0,
    imageBase: typeof imageBase === 'bigint' ? imageBase : BigInt(imageBase ?? 0),
    sectionAlignment: image.u32(at + 32) ?? 0,
    fileAlignment: image.u32(at + 36) ?? 0,
    sizeOfImage: image.u32(at + 56) ?? 0,
    sizeOfHeaders: image.u32(at + 60) ?? 0,
    checkSum: image.u32(at + CHECKSUM_FIELD_OFFSET) ?? 0,
    subsystem: image.u16(at + 68) ?? 0,
    dllCharacteristics: image.u16(at + 70) ?? 0,
    numberOfRvaAndSizes,
  };
}

function readDataDirectories(image: ImageView, declared: number, offset: number, warnings: string[]): DataDirectory[] {
  let count = declared;
  if (count > MAX_DATA_DIRECTORIES) {
    warnings.push(`NumberOfRvaAndSizes is ${declared}; only the first ${MAX_DATA_DIRECTORIES} directories are defined`);
    count = MAX_DATA_DIRECTORIES;
  }
  const directories: DataDirectory[] = [];
  for (let i = 0; i < count; i++) {
    const virtualAddress = image.u32(offset + i * 8);
    const size = image.u32(offset + i * 8 + 4);
    if (virtualAddress === null || size === null) {
      warnings.push(`data directories are cut short by the end of the file (${i} of ${count} read)`);
      break;
    }
    directories.push({ virtualAddress, size });
  }
  return directories;
}

function readSectionHeaders(
  image: ImageView,
  fileHeader: FileHeaderFields,
  tableOffset: number,
  warnings: string[],
): SectionHeader[] {
  const declared = fileHeader.numberOfSections;
  const fits = Math.max(0, Math.floor((image.size - tableOffset) / SECTION_HEADER_SIZE));
  const count = Math.min(declared, fits);
  if (count < declared) {
    warnings.push(`section table is cut short by the end of the file: ${count} of ${declared} section headers present`);
  }
  if (count === 0) return [];
  const raw = sectionHeadersFromLibrary(image, tableOffset, count) ?? sectionHeadersByOffset(image, tableOffset, count);
  const stringTable =
    fileHeader.pointerToSymbolTable !== 0 ? fileHeader.pointerToSymbolTable + fileHeader.numberOfSymbols * COFF_SYMBOL_SIZE : 0;
  for (const section of raw) {
    if (stringTable !== 0 && /^\/\d+$/.test(section.name)) {
      // MinGW keeps long names (".debug_info") in the COFF string table as "/offset".
      const long = image.cString(stringTable + Number(section.name.slice(1)), 256, 'utf8');
      if (long !== null && long.length > 0) section.name = long;
    }
  }
  warnOverlaps(raw, warnings);
  return raw;
}

function sectionHeadersFromLibrary(image: ImageView, tableOffset: number, count: number): SectionHeader[] | null {
  const bytes = image.bytes;
  if (!(bytes.buffer instanceof ArrayBuffer)) return null;
  try {
    const array = Format.ImageSectionHeaderArray.from(bytes.buffer, count, bytes.byteOffset + tableOffset);
    const out: SectionHeader[] = [];
    for (let i = 0; i < count; i++) {
      const s = array.get(i);
      out.push({
        name: s.name,
        virtualAddress: s.virtualAddress >>> 0,
        virtualSize: s.virtualSize >>> 0,
        pointerToRawData: s.pointerToRawData >>> 0,
        sizeOfRawData: s.sizeOfRawData >>> 0,
        characteristics: s.characteristics >>> 0,
      });
    }
    return out;
  } catch {
    return null;
  }
}

function sectionHeadersByOffset(image: ImageView, tableOffset: number, count: number): SectionHeader[] {
  const out: SectionHeader[] = [];
  for (let i = 0; i < count; i++) {
    const at = tableOffset + i * SECTION_HEADER_SIZE;
    const nameBytes = image.bytes.subarray(at, at + 8);
    const nul = nameBytes.indexOf(0);
    out.push({
      name: new TextDecoder('utf-8').decode(nul >= 0 ? nameBytes.subarray(0, nul) : nameBytes),
      virtualSize: image.u32(at + 8) ?? 0,
      virtualAddress: image.u32(at + 12) ?? 0,
      sizeOfRawData: image.u32(at + 16) ?? 0,
      pointerToRawData: image.u32(at + 20) ?? 0,
      characteristics: image.u32(at + 36) ?? 0,
    });
  }
  return out;
}

function warnOverlaps(sections: readonly SectionHeader[], warnings: string[]): void {
  const byVa = [...sections].sort((a, b) => a.virtualAddress - b.virtualAddress);
  for (let i = 1; i < byVa.length; i++) {
    const prev = byVa[i - 1];
    const prevEnd = prev.virtualAddress + (prev.virtualSize || prev.sizeOfRawData);
    if (byVa[i].virtualAddress < prevEnd) {
      warnings.push(`sections ${prev.name} and ${byVa[i].name} overlap in memory`);
      return;
    }
  }
}
