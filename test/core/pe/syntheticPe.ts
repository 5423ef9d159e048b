/**
 * A tiny PE writer for edge cases no linker produces: hostile counts, RVAs outside the image,
 * endless thunk chains, overlapping sections. Layout follows the PE/COFF specification;
 * values not given are the ones a linker would write.
 */

export interface SyntheticSection {
  name: string;
  /** Defaults to 0x1000 * (index + 1). */
  virtualAddress?: number;
  /** Defaults to data.length. */
  virtualSize?: number;
  data: Uint8Array;
  characteristics?: number;
}

export interface SyntheticPeOptions {
  is64?: boolean;
  machine?: number;
  sections: SyntheticSection[];
  /** Data directory index -> [rva, size]. */
  directories?: Record<number, [number, number]>;
  numberOfSectionsOverride?: number;
  numberOfRvaAndSizes?: number;
  subsystem?: number;
}

const FILE_ALIGNMENT = 0x200;
const SECTION_ALIGNMENT = 0x1000;
const HEADERS_SIZE = 0x400;
const NT_OFFSET = 0x40;

const alignUp = (value: number, alignment: number): number => Math.ceil(value / alignment) * alignment;

export function buildSyntheticPe(options: SyntheticPeOptions): Uint8Array {
  const is64 = options.is64 ?? true;
  const optionalSize = is64 ? 240 : 224;
  const rawSizes = options.sections.map((s) => alignUp(s.data.length, FILE_ALIGNMENT));
  const total = HEADERS_SIZE + rawSizes.reduce((a, b) => a + b, 0);
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);

  bytes.set([0x4d, 0x5a]); // MZ
  view.setUint32(0x3c, NT_OFFSET, true);
  bytes.set([0x50, 0x45, 0, 0], NT_OFFSET); // PE\0\0

  const fh = NT_OFFSET + 4;
  view.setUint16(fh, options.machine ?? (is64 ? 0x8664 : 0x14c), true);
  view.setUint16(fh + 2, options.numberOfSectionsOverride ?? options.sections.length, true);
  view.setUint32(fh + 4, 0x5f5e1000, true);
  view.setUint16(fh + 16, optionalSize, true);
  view.setUint16(fh + 18, is64 ? 0x0022 : 0x0102, true);

  const oh = fh + 20;
  const lastSection = options.sections.length - 1;
  const imageEnd =
    lastSection < 0
      ? SECTION_ALIGNMENT
      : alignUp(
          (options.sections[lastSection].virtualAddress ?? SECTION_ALIGNMENT * (lastSection + 1)) +
            (options.sections[lastSection].virtualSize ?? options.sections[lastSection].data.length),
          SECTION_ALIGNMENT,
        );
  view.setUint16(oh, is64 ? 0x20b : 0x10b, true);
  view.setUint32(oh + 16, 0x1000, true);
  if (is64) view.setBigUint64(oh + 24, 0x140000000n, true);
  else view.setUint32(oh + 28, 0x400000, true);
  view.setUint32(oh + 32, SECTION_ALIGNMENT, true);
  view.setUint32(oh + 36, FILE_ALIGNMENT, true);
  view.setUint32(oh + 56, imageEnd, true);
  view.setUint32(oh + 60, HEADERS_SIZE, true);
  view.setUint16(oh + 68, options.subsystem ?? 1, true);
  view.setUint16(oh + 70, 0x0160, true);
  const directoryCountOffset = oh + (is64 ? 108 : 92);
  view.setUint32(directoryCountOffset, options.numberOfRvaAndSizes ?? 16, true);
  const directories = directoryCountOffset + 4;
  for (const [index, [rva, size]] of Object.entries(options.directories ?? {})) {
    view.setUint32(directories + Number(index) * 8, rva, true);
    view.setUint32(directories + Number(index) * 8 + 4, size, true);
  }

  let sectionHeader = oh + optionalSize;
  let raw = HEADERS_SIZE;
  options.sections.forEach((section, i) => {
    const name = new TextEncoder().encode(section.name).subarray(0, 8);
    bytes.set(name, sectionHeader);
    view.setUint32(sectionHeader + 8, section.virtualSize ?? section.data.length, true);
    view.setUint32(sectionHeader + 12, section.virtualAddress ?? SECTION_ALIGNMENT * (i + 1), true);
    view.setUint32(sectionHeader + 16, rawSizes[i], true);
    view.setUint32(sectionHeader + 20, raw, true);
    view.setUint32(sectionHeader + 36, section.characteristics ?? 0xc0000040, true);
    bytes.set(section.data, raw);
    raw += rawSizes[i];
    sectionHeader += 40;
  });
  return bytes;
}

/** Little-endian writer for building directory contents inside a section. */
export class SectionWriter {
  readonly bytes: Uint8Array;
  private readonly view: DataView;

  constructor(size: number) {
    this.bytes = new Uint8Array(size);
    this.view = new DataView(this.bytes.buffer);
  }

  u16(offset: number, value: number): this {
    this.view.setUint16(offset, value, true);
    return this;
  }

  u32(offset: number, value: number): this {
    this.view.setUint32(offset, value >>> 0, true);
    return this;
  }

  u64(offset: number, value: bigint): this {
    this.view.setBigUint64(offset, value, true);
    return this;
  }

  ascii(offset: number, text: string): this {
    this.bytes.set(new TextEncoder().encode(`${text}\0`), offset);
    return this;
  }
}
