/**
 * Bounded reads of a PE file by file offset or by RVA. Every read checks its range and
 * returns `null` instead of throwing, so the directory walkers can stop with a warning.
 */

/** A section as the address mapper needs it (raw header values). */
export interface MappedSection {
  virtualAddress: number;
  virtualSize: number;
  pointerToRawData: number;
  sizeOfRawData: number;
}

interface SectionRange {
  vaStart: number;
  vaEnd: number;
  rawStart: number;
  rawEnd: number;
}

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');
const utf16le = new TextDecoder('utf-16le');

export class ImageView {
  readonly bytes: Uint8Array;
  readonly size: number;
  private readonly view: DataView;
  private ranges: SectionRange[] = [];
  private headerEnd = 0;
  private lastHit: SectionRange | null = null;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.size = bytes.byteLength;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /**
   * Sets up RVA mapping the way the Windows loader (and pefile) lays sections out: raw
   * pointers round down to 0x200 when FileAlignment is at least 0x200, virtual addresses
   * round down to SectionAlignment, and a section's mapped size stops where the next begins.
   */
  mapSections(sections: readonly MappedSection[], fileAlignment: number, sectionAlignment: number, sizeOfHeaders: number): void {
    const effectiveSectionAlignment = sectionAlignment < 0x1000 ? fileAlignment : sectionAlignment;
    const ranges: SectionRange[] = sections.map((s) => {
      const rawStart = fileAlignment >= 0x200 ? s.pointerToRawData - (s.pointerToRawData % 0x200) : s.pointerToRawData;
      const vaStart =
        effectiveSectionAlignment > 0 && s.virtualAddress % effectiveSectionAlignment !== 0
          ? s.virtualAddress - (s.virtualAddress % effectiveSectionAlignment)
          : s.virtualAddress;
      const rawAvailable = Math.max(0, Math.min(s.sizeOfRawData, this.size - rawStart));
      const virtualSpan = Math.max(s.virtualSize, rawAvailable);
      return {
        vaStart,
        vaEnd: vaStart + virtualSpan,
        rawStart: s.pointerToRawData === 0 ? 0 : rawStart,
        rawEnd: s.pointerToRawData === 0 ? 0 : rawStart + rawAvailable,
      };
    });
    // Sorted by start, each clipped at the next start: disjoint, so a binary search finds the
    // one holding an RVA. Of sections starting at the same address the first in header order
    // wins (as pefile's get_section_by_rva); the others are unreachable by RVA.
    const byVa = ranges
      .map((range, index) => ({ range, index }))
      .sort((a, b) => a.range.vaStart - b.range.vaStart || a.index - b.index)
      .map((entry) => entry.range)
      .filter((range, i, sorted) => i === 0 || sorted[i - 1].vaStart !== range.vaStart);
    for (let i = 0; i + 1 < byVa.length; i++) {
      const next = byVa[i + 1].vaStart;
      if (byVa[i].vaEnd > next) byVa[i].vaEnd = next;
    }
    this.ranges = byVa;
    const firstVa = byVa.length > 0 ? byVa[0].vaStart : Number.POSITIVE_INFINITY;
    this.headerEnd = Math.min(this.size, Math.max(sizeOfHeaders, Math.min(firstVa, this.size)));
    this.lastHit = null;
  }

  /** File offset of `length` bytes at `rva`, or null when they are not all backed by the file. */
  rvaToOffset(rva: number, length: number): number | null {
    if (!Number.isFinite(rva) || rva < 0 || length < 0) return null;
    const hit = this.lastHit;
    const range = hit && rva >= hit.vaStart && rva < hit.vaEnd ? hit : this.findRange(rva);
    if (range === null) {
      return rva + length <= this.headerEnd ? rva : null;
    }
    this.lastHit = range;
    const offset = range.rawStart + (rva - range.vaStart);
    if (range.rawEnd === 0 || offset + length > range.rawEnd) return null;
    return offset;
  }

  private findRange(rva: number): SectionRange | null {
    const ranges = this.ranges;
    let low = 0;
    let high = ranges.length - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      if (ranges[mid].vaStart <= rva) low = mid + 1;
      else high = mid - 1;
    }
    const candidate = high >= 0 ? ranges[high] : null;
    return candidate !== null && rva < candidate.vaEnd ? candidate : null;
  }

  inFile(offset: number, length: number): boolean {
    return offset >= 0 && length >= 0 && offset + length <= this.size;
  }

  u8(offset: number): number | null {
    return this.inFile(offset, 1) ? this.bytes[offset] : null;
  }

  u16(offset: number): number | null {
    return this.inFile(offset, 2) ? this.view.getUint16(offset, true) : null;
  }

  u32(offset: number): number | null {
    return this.inFile(offset, 4) ? this.view.getUint32(offset, true) : null;
  }

  u64(offset: number): bigint | null {
    return this.inFile(offset, 8) ? this.view.getBigUint64(offset, true) : null;
  }

  rvaU16(rva: number): number | null {
    const offset = this.rvaToOffset(rva, 2);
    return offset === null ? null : this.view.getUint16(offset, true);
  }

  rvaU32(rva: number): number | null {
    const offset = this.rvaToOffset(rva, 4);
    return offset === null ? null : this.view.getUint32(offset, true);
  }

  /**
   * A NUL-terminated string at a file offset, at most `maxLength` bytes. Returns null when
   * it runs off the file or no NUL appears within `maxLength` (a broken or hostile pointer).
   */
  cString(offset: number, maxLength: number, encoding: 'latin1' | 'utf8' = 'latin1'): string | null {
    if (!this.inFile(offset, 1)) return null;
    // Search only within the limit: an unbounded indexOf over a NUL-free file, repeated for
    // 65535 export names, would scan gigabytes.
    const window = this.bytes.subarray(offset, Math.min(this.size, offset + maxLength));
    const length = window.indexOf(0);
    if (length < 0) return null;
    const slice = window.subarray(0, length);
    return encoding === 'utf8' ? utf8.decode(slice) : latin1.decode(slice);
  }

  /** A NUL-terminated string at an RVA (it may only run to the end of its section's raw data). */
  rvaCString(rva: number, maxLength: number): string | null {
    const offset = this.rvaToOffset(rva, 1);
    if (offset === null) return null;
    const text = this.cString(offset, maxLength);
    if (text === null) return null;
    return this.rvaToOffset(rva, text.length + 1) === null ? null : text;
  }

  /** UTF-16LE text from `offset` up to (not including) a NUL code unit or `end`. */
  utf16String(offset: number, end: number): string {
    const stop = Math.min(end, this.size);
    let cursor = offset;
    while (cursor + 1 < stop && (this.bytes[cursor] !== 0 || this.bytes[cursor + 1] !== 0)) cursor += 2;
    return cursor > offset ? utf16le.decode(this.bytes.subarray(offset, cursor)) : '';
  }
}
