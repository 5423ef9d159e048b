import { ByteView, hex } from './byte-view';
import type { DumpSource } from './dump-source';
import { BITMAP_HEADER, DUMP_SIGNATURE } from './dump-layout';
import type { DriverRange } from './triage-section';
import { fileNameOf } from './triage-section';

/**
 * Virtual memory of a complete or bitmap kernel dump, for x64 only: physical pages located
 * through the header's PHYSICAL_MEMORY_DESCRIPTOR64 runs (DumpType 1) or the SDMP/FDMP bitmap
 * (DumpType 5/6), virtual addresses translated with the 4-level x64 page tables from
 * DirectoryTableBase. Sources: rizin `dmp64.c` (runs and bitmap → file offsets), Intel SDM
 * vol. 3A §4.5 (4-level paging), KLDR_DATA_TABLE_ENTRY64 as in rizin `dmp_specs.h`.
 */

const PAGE = 0x1000;
const PAGE_BIG = 0x1000n;
const MAX_RUNS = 42; // (700-byte PhysicalMemoryBlock − 16-byte descriptor head) / 16-byte runs
const MAX_BITMAP_BYTES = 64 * 1024 * 1024; // 2^29 pages = 2 TB of RAM
const PHYSICAL_MASK = 0x000ffffffffff000n;

/** Where a physical page lives in the file. */
export interface PhysicalPages {
  fileOffset(pfn: bigint): number | null;
}

/** PHYSICAL_MEMORY_DESCRIPTOR64 at header+0x88: NumberOfRuns, NumberOfPages, then {BasePage, PageCount} runs. */
export function pagesFromRuns(
  header: ByteView,
  at: number,
  headerSize: number,
  fileSize: number,
  warnings: string[],
): PhysicalPages | null {
  const runs = header.u32(at);
  if (runs === null || runs === DUMP_SIGNATURE || runs === 0 || runs > MAX_RUNS) {
    warnings.push('Physical memory runs missing or corrupt in the dump header.');
    return null;
  }
  const table: Array<{ base: bigint; count: bigint; file: number }> = [];
  let file = headerSize;
  for (let i = 0; i < runs; i++) {
    const base = header.u64(at + 0x10 + i * 16) ?? 0n;
    const count = header.u64(at + 0x18 + i * 16) ?? 0n;
    table.push({ base, count, file });
    file += Number(count) * PAGE;
    if (!Number.isSafeInteger(file)) break;
  }
  if (file > fileSize) warnings.push('The complete dump is shorter than its memory runs say: some pages are missing.');
  return {
    fileOffset(pfn) {
      for (const run of table) {
        if (pfn >= run.base && pfn < run.base + run.count) {
          const offset = run.file + Number(pfn - run.base) * PAGE;
          return offset + PAGE <= fileSize ? offset : null;
        }
      }
      return null;
    },
  };
}

/** The SDMP/FDMP bitmap: bit n set ⇒ page n is saved, pages stored in bit order from FirstPage. */
export function pagesFromBitmap(source: DumpSource, at: number, warnings: string[]): PhysicalPages | null {
  const head = new ByteView(source.read(at, BITMAP_HEADER.pages + 8));
  const firstPage = head.u64(BITMAP_HEADER.firstPage);
  const pages = head.u64(BITMAP_HEADER.pages);
  if (firstPage === null || pages === null) return null;
  const bitmapBytes = Number((pages + 7n) / 8n);
  if (bitmapBytes > MAX_BITMAP_BYTES || Number(firstPage) > source.size) {
    warnings.push('Bitmap header is corrupt or describes more memory than DriverLab reads.');
    return null;
  }
  const bitmap = source.read(at + BITMAP_HEADER.pages + 8, bitmapBytes);
  // Pages saved before each 512-byte block of the bitmap, so a lookup counts at most 4096 bits.
  const blockSize = 512;
  const before = new Float64Array(Math.ceil(bitmap.length / blockSize) + 1);
  for (let b = 0; b < bitmap.length; b++) {
    if (b % blockSize === 0) before[b / blockSize + 1] = before[b / blockSize];
    before[Math.floor(b / blockSize) + 1] += popcount(bitmap[b]);
  }
  const first = Number(firstPage);
  return {
    fileOffset(pfn) {
      const bit = Number(pfn);
      const byte = Math.floor(bit / 8);
      if (pfn < 0n || byte >= bitmap.length || (bitmap[byte] & (1 << (bit % 8))) === 0) return null;
      const block = Math.floor(byte / blockSize);
      let rank = before[block];
      for (let b = block * blockSize; b < byte; b++) rank += popcount(bitmap[b]);
      rank += popcount(bitmap[byte] & ((1 << (bit % 8)) - 1));
      const offset = first + rank * PAGE;
      return offset + PAGE <= source.size ? offset : null;
    },
  };
}

function popcount(byte: number): number {
  let n = 0;
  for (let v = byte; v !== 0; v &= v - 1) n++;
  return n;
}

/** x64 virtual → physical translation and reads. */
export class VirtualMemory {
  private readonly cache = new Map<bigint, Uint8Array | null>();

  constructor(
    private readonly source: DumpSource,
    private readonly pages: PhysicalPages,
    private readonly cr3: bigint,
  ) {}

  private physicalPage(pfn: bigint): Uint8Array | null {
    const cached = this.cache.get(pfn);
    if (cached !== undefined) return cached;
    const offset = this.pages.fileOffset(pfn);
    const bytes = offset === null ? null : this.source.read(offset, PAGE);
    const page = bytes && bytes.length === PAGE ? bytes : null;
    if (this.cache.size > 4096) this.cache.clear();
    this.cache.set(pfn, page);
    return page;
  }

  private entry(tablePa: bigint, index: bigint): bigint | null {
    const page = this.physicalPage(tablePa >> 12n);
    if (!page) return null;
    const value = new ByteView(page).u64(Number(index) * 8);
    return value !== null && (value & 1n) === 1n ? value : null; // present bit
  }

  /** Physical address of `va`, or null when a table is missing or the page is not present. */
  translate(va: bigint): bigint | null {
    const pml4e = this.entry(this.cr3 & PHYSICAL_MASK, (va >> 39n) & 0x1ffn);
    if (pml4e === null) return null;
    const pdpte = this.entry(pml4e & PHYSICAL_MASK, (va >> 30n) & 0x1ffn);
    if (pdpte === null) return null;
    if (pdpte & 0x80n) return (pdpte & 0x000fffffc0000000n) | (va & 0x3fffffffn); // 1 GB page
    const pde = this.entry(pdpte & PHYSICAL_MASK, (va >> 21n) & 0x1ffn);
    if (pde === null) return null;
    if (pde & 0x80n) return (pde & 0x000fffffffe00000n) | (va & 0x1fffffn); // 2 MB page
    const pte = this.entry(pde & PHYSICAL_MASK, (va >> 12n) & 0x1ffn);
    if (pte === null) return null;
    return (pte & PHYSICAL_MASK) | (va & 0xfffn);
  }

  /** Up to `length` bytes from `va`, stopping at the first page that is not in the dump. */
  read(va: bigint, length: number): Uint8Array {
    const out = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const here = va + BigInt(done);
      const pa = this.translate(here);
      if (pa === null) break;
      const page = this.physicalPage(pa >> 12n);
      if (!page) break;
      const inPage = Number(pa & (PAGE_BIG - 1n));
      const n = Math.min(length - done, PAGE - inPage);
      out.set(page.subarray(inPage, inPage + n), done);
      done += n;
    }
    return out.subarray(0, done);
  }

  u64(va: bigint): bigint | null {
    return new ByteView(this.read(va, 8)).u64(0);
  }
}

/** KLDR_DATA_TABLE_ENTRY64 fields (rizin dmp_specs.h). */
const KLDR = { dllBase: 0x30, sizeOfImage: 0x40, fullDllName: 0x48, baseDllName: 0x58, size: 0x68 } as const;
const MAX_NAME_BYTES = 2048;

/** Walks PsLoadedModuleList (a LIST_ENTRY of KLDR_DATA_TABLE_ENTRY64) in load order. */
export function walkLoadedModules(memory: VirtualMemory, head: bigint, max: number, warnings: string[]): DriverRange[] {
  const drivers: DriverRange[] = [];
  const seen = new Set<bigint>();
  const first = memory.u64(head);
  if (first === null) {
    warnings.push(`PsLoadedModuleList (${hex(head)}) is not in the dump's memory.`);
    return drivers;
  }
  let link: bigint = first;
  while (link !== head && drivers.length < max) {
    if (seen.has(link)) {
      warnings.push('PsLoadedModuleList loops back on itself; stopped walking it.');
      break;
    }
    seen.add(link);
    const entry = new ByteView(memory.read(link, KLDR.size));
    if (entry.length < KLDR.size) {
      warnings.push(`Loaded-module entry ${hex(link)} is not in the dump; the driver list is incomplete.`);
      break;
    }
    const base = entry.u64(KLDR.dllBase) ?? 0n;
    const size = entry.u32(KLDR.sizeOfImage) ?? 0;
    const path = readUnicodeString(memory, entry, KLDR.fullDllName);
    const name = readUnicodeString(memory, entry, KLDR.baseDllName) ?? (path ? fileNameOf(path) : `<module #${drivers.length}>`);
    const end = base + BigInt(size);
    drivers.push({
      base,
      end,
      report: {
        name,
        path: path ?? name,
        base: hex(base),
        size,
        end: hex(end),
        timeDateStamp: imageTimeDateStamp(memory, base) ?? 0,
      },
    });
    link = entry.u64(0) ?? head;
  }
  if (drivers.length >= max) warnings.push(`Stopped after ${max} loaded modules.`);
  return drivers;
}

/** UNICODE_STRING64 {Length, MaximumLength, Buffer} → text, or null. */
function readUnicodeString(memory: VirtualMemory, entry: ByteView, at: number): string | null {
  const length = entry.u16(at) ?? 0;
  const buffer = entry.u64(at + 8) ?? 0n;
  if (length === 0 || length > MAX_NAME_BYTES || buffer === 0n) return null;
  const bytes = memory.read(buffer, length);
  return bytes.length === length ? new ByteView(bytes).utf16(0, length / 2) : null;
}

/** TimeDateStamp from the image's own PE header in memory (IMAGE_FILE_HEADER, PE\0\0 + 8). */
function imageTimeDateStamp(memory: VirtualMemory, base: bigint): number | null {
  const dos = new ByteView(memory.read(base, 0x40));
  const lfanew = dos.u32(0x3c);
  if (dos.u16(0) !== 0x5a4d || lfanew === null || lfanew > 0x1000) return null;
  const nt = new ByteView(memory.read(base + BigInt(lfanew), 12));
  return nt.u32(0) === 0x4550 ? nt.u32(8) : null;
}
