/**
 * Inputs no linker writes: empty, not PE, truncated, hostile counts and pointers. Every case
 * must come back as a plain JSON-safe result (with `error` or warnings), never a throw or a hang.
 */
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { analyzePe, MAX_IMPORT_THUNKS, MAX_WARNINGS } from '../../../src-main/core/pe/index';
import type { PeAnalysis } from '../../../src-main/core/pe/index';
import { buildSyntheticPe, SectionWriter } from './syntheticPe';

const IMPORT = 1;
const EXPORT = 0;
const RESOURCE = 2;
const DEBUG = 6;
const DELAY_IMPORT = 13;

function analyze(bytes: Uint8Array, fileName = 'input.sys'): PeAnalysis {
  const result = analyzePe(bytes, { fileName });
  expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  expect(result.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  return result;
}

function warningsMatching(result: PeAnalysis, pattern: RegExp): string[] {
  return result.warnings.filter((w) => pattern.test(w));
}

describe('not a PE image', () => {
  test('zero-length input has an error and the hashes of nothing', () => {
    const result = analyze(new Uint8Array(0));
    expect(result.error).toMatch(/empty/);
    expect(result.md5).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(result.size).toBe(0);
    expect(result.machine).toBeNull();
  });

  test('a text file has no MZ signature', () => {
    const result = analyze(new TextEncoder().encode('Just some text, certainly not an executable image.\n'.repeat(4)));
    expect(result.error).toMatch(/no MZ signature/);
  });

  test('too short for a DOS header', () => {
    expect(analyze(new Uint8Array([0x4d, 0x5a, 0, 0])).error).toMatch(/too small/);
  });

  test('e_lfanew past the end of the file', () => {
    const bytes = new Uint8Array(128);
    bytes.set([0x4d, 0x5a]);
    new DataView(bytes.buffer).setUint32(0x3c, 0x10000, true);
    expect(analyze(bytes).error).toMatch(/past the end/);
  });

  test('an NE (16-bit) executable is named as such', () => {
    const bytes = new Uint8Array(256);
    bytes.set([0x4d, 0x5a]);
    new DataView(bytes.buffer).setUint32(0x3c, 0x80, true);
    bytes.set([0x4e, 0x45], 0x80);
    expect(analyze(bytes).error).toMatch(/no PE signature.*NE/);
  });
});

describe('truncated images', () => {
  const image = buildSyntheticPe({ sections: [{ name: '.text', data: new Uint8Array(0x300).fill(0x90) }] });

  test('cut inside the optional header: error, with the file-header fields that were read', () => {
    const result = analyze(image.subarray(0, 0x40 + 24 + 40));
    expect(result.error).toMatch(/truncated/);
    expect(result.machine).toBe('AMD64');
    expect(result.timeDateStamp).toBe(0x5f5e1000);
    expect(result.subsystem).toBeNull();
  });

  test('cut inside the section table: error, the header fields kept, a warning for the missing section headers', () => {
    const result = analyze(image.subarray(0, 0x40 + 24 + 240 + 20));
    expect(result.error).toMatch(/truncated PE image.*0 of 1 section headers/);
    expect(result.subsystem).toBe('NATIVE');
    expect(result.sections).toEqual([]);
    expect(warningsMatching(result, /section table is cut short/)).toHaveLength(1);
  });

  test('cut inside a section: the section is kept, with a warning', () => {
    const result = analyze(image.subarray(0, 0x500));
    expect(result.error).toBeUndefined();
    expect(result.sections.map((s) => s.name)).toEqual(['.text']);
    expect(warningsMatching(result, /raw data of 1 section\(s\) runs past the end of the file: \.text/)).toHaveLength(1);
  });
});

describe('hostile tables', () => {
  test('an import thunk table that never ends stops at the cap with a warning', () => {
    const w = new SectionWriter(0x100 + (MAX_IMPORT_THUNKS + 20_000) * 8);
    w.u32(0, 0x1100).u32(12, 0x1040).u32(16, 0x1100).ascii(0x40, 'endless.dll').u16(0x60, 0).ascii(0x62, 'f');
    for (let at = 0x100; at + 8 <= w.bytes.length; at += 8) w.u64(at, 0x1060n);
    const result = analyze(
      buildSyntheticPe({ sections: [{ name: '.idata', data: w.bytes }], directories: { [IMPORT]: [0x1000, 40] } }),
    );
    expect(result.imports).toHaveLength(1);
    expect(result.imports[0].functions).toHaveLength(MAX_IMPORT_THUNKS);
    expect(warningsMatching(result, new RegExp(`stopped after ${MAX_IMPORT_THUNKS} thunks`))).toHaveLength(1);
  });

  test('an import table that runs into the end of its section stops with a warning', () => {
    const w = new SectionWriter(0x400);
    w.u32(0, 0x1100).u32(12, 0x1040).u32(16, 0x1100).ascii(0x40, 'short.dll').u16(0x60, 3).ascii(0x62, 'g');
    for (let at = 0x100; at + 8 <= w.bytes.length; at += 8) w.u64(at, 0x1060n);
    const result = analyze(
      buildSyntheticPe({ sections: [{ name: '.idata', data: w.bytes }], directories: { [IMPORT]: [0x1000, 40] } }),
    );
    expect(result.imports[0].functions).toHaveLength((0x400 - 0x100) / 8);
    expect(result.imports[0].functions[0]).toEqual({ name: 'g', hint: 3 });
    expect(warningsMatching(result, /runs past the end of its data/)).toHaveLength(1);
  });

  test('directories pointing outside the image give warnings and empty results', () => {
    const result = analyze(
      buildSyntheticPe({
        sections: [{ name: '.text', data: new Uint8Array(0x200) }],
        directories: {
          [EXPORT]: [0xfffffff0, 40],
          [IMPORT]: [0x7fff0000, 40],
          [RESOURCE]: [0xdeadbeef, 16],
          [DEBUG]: [0x80000000, 28],
          [DELAY_IMPORT]: [0xffffffff, 32],
        },
      }),
    );
    expect(result.error).toBeUndefined();
    expect(result.imports).toEqual([]);
    expect(result.exports).toEqual([]);
    expect(result.debug.codeView).toBeNull();
    expect(result.version).toBeNull();
    expect(result.warnings.length).toBeGreaterThanOrEqual(5);
  });

  test('absurd export counts are capped and the missing tables reported', () => {
    const w = new SectionWriter(0x200);
    w.u32(16, 1).u32(20, 0xffffffff).u32(24, 0xffffffff).u32(28, 0x1100).u32(32, 0x1180).u32(36, 0x11c0);
    const result = analyze(
      buildSyntheticPe({ sections: [{ name: '.edata', data: w.bytes }], directories: { [EXPORT]: [0x1000, 40] } }),
    );
    expect(warningsMatching(result, /claims 4294967295 functions/)).toHaveLength(1);
    expect(warningsMatching(result, /cut short/).length).toBeGreaterThanOrEqual(1);
  });

  test('NumberOfSections 0xFFFF and NumberOfRvaAndSizes 0xFFFFFFFF: error, the one real section still read', () => {
    const result = analyze(
      buildSyntheticPe({
        sections: [{ name: '.text', data: new Uint8Array(0x200) }],
        numberOfSectionsOverride: 0xffff,
        numberOfRvaAndSizes: 0xffffffff,
      }),
    );
    expect(result.error).toMatch(/truncated PE image/);
    expect(result.sections[0].name).toBe('.text');
    expect(warningsMatching(result, /NumberOfRvaAndSizes/)).toHaveLength(1);
    expect(warningsMatching(result, /of 65535 section headers/)).toHaveLength(1);
  });

  test('65535 section headers that all claim the whole file: bounded work, capped warnings', () => {
    // The section table overlaps the data it describes; every header maps RVA 0x1000.. onto the file.
    const size = 65_535 * 40 + 0x1000;
    const bytes = buildSyntheticPe({
      sections: [{ name: '.text', data: new Uint8Array(size) }],
      directories: { [IMPORT]: [0x1000, 40] },
    });
    const view = new DataView(bytes.buffer);
    const nt = view.getUint32(0x3c, true);
    view.setUint16(nt + 6, 0xffff, true);
    const table = nt + 24 + 240;
    for (let i = 0; i < 0xffff; i++) {
      const at = table + i * 40;
      bytes.set([0x2e, 0x78], at);
      view.setUint32(at + 8, bytes.length * 2, true); // VirtualSize
      view.setUint32(at + 12, 0x1000 + (i % 7) * 0x10, true); // VirtualAddress
      view.setUint32(at + 16, bytes.length * 2, true); // SizeOfRawData: past the end
      view.setUint32(at + 20, 0x200, true); // PointerToRawData
    }
    const result = analyze(bytes);
    expect(result.sections).toHaveLength(0xffff);
    expect(result.warnings.length).toBeLessThanOrEqual(MAX_WARNINGS + 1);
    expect(warningsMatching(result, /raw data of 65535 section\(s\) runs past the end/)).toHaveLength(1);
    expect(warningsMatching(result, /entropy not computed for \d+ sections/)).toHaveLength(1);
    expect(result.sections.filter((s) => s.entropy === 0).length).toBeGreaterThan(60_000);
  });

  test('a thousand broken import descriptors give at most MAX_WARNINGS warnings', () => {
    const w = new SectionWriter(1000 * 20 + 20);
    for (let i = 0; i < 1000; i++) w.u32(i * 20 + 12, 0x7fff0000 + i); // Name RVA outside the image
    const result = analyze(
      buildSyntheticPe({ sections: [{ name: '.idata', data: w.bytes }], directories: { [IMPORT]: [0x1000, 20020] } }),
    );
    expect(result.imports).toEqual([]);
    expect(result.warnings).toHaveLength(MAX_WARNINGS + 1);
    expect(result.warnings.at(-1)).toBe(`... and ${1000 - MAX_WARNINGS} more warnings`);
  });

  test('overlapping sections are reported', () => {
    const result = analyze(
      buildSyntheticPe({
        sections: [
          { name: '.one', virtualAddress: 0x1000, virtualSize: 0x2000, data: new Uint8Array(0x200) },
          { name: '.two', virtualAddress: 0x1800, data: new Uint8Array(0x200) },
        ],
      }),
    );
    expect(warningsMatching(result, /\.one and \.two overlap/)).toHaveLength(1);
  });

  test('a resource directory that points at itself ends after three levels', () => {
    const w = new SectionWriter(0x200);
    w.u16(14, 1).u32(16, 16).u32(20, 0x80000000); // RT_VERSION -> subdirectory at offset 0: itself
    const result = analyze(
      buildSyntheticPe({ sections: [{ name: '.rsrc', data: w.bytes }], directories: { [RESOURCE]: [0x1000, 0x200] } }),
    );
    expect(result.version).toBeNull();
  });

  test('a version block with a lying length is refused with a warning', () => {
    const w = new SectionWriter(0x400);
    w.u16(14, 1).u32(16, 16).u32(20, 0x80000018);
    w.u16(0x18 + 14, 1)
      .u32(0x18 + 16, 1)
      .u32(0x18 + 20, 0x80000030);
    w.u16(0x30 + 14, 1)
      .u32(0x30 + 16, 0x409)
      .u32(0x30 + 20, 0x48);
    w.u32(0x48, 0x1100).u32(0x4c, 0x100);
    w.u16(0x100, 0xffff).u16(0x102, 52).u16(0x104, 0);
    const result = analyze(
      buildSyntheticPe({ sections: [{ name: '.rsrc', data: w.bytes }], directories: { [RESOURCE]: [0x1000, 0x400] } }),
    );
    expect(result.version).toBeNull();
    expect(warningsMatching(result, /VS_VERSIONINFO/)).toHaveLength(1);
  });

  test('a certificate table past the end of the file is reported and left out of the authentihash', () => {
    const image = buildSyntheticPe({
      sections: [{ name: '.text', data: new Uint8Array(0x200) }],
      directories: { 4: [0x10000, 0x800] },
    });
    const result = analyze(image);
    // A truncated copy has no signature to show: the entry is reported in a warning, not as a signature.
    expect(result.signature).toEqual({ present: false, size: 0 });
    expect(warningsMatching(result, /certificate table/)).toHaveLength(1);
    expect(result.authentihash).toMatch(/^[0-9a-f]{64}$/);
  });

  test('a PE32 image with a delay-import descriptor whose name is unreadable', () => {
    const w = new SectionWriter(0x200);
    w.u32(0, 1).u32(4, 0x7ffffff0).u32(12, 0x1100).u32(16, 0x1100);
    const result = analyze(
      buildSyntheticPe({
        is64: false,
        sections: [{ name: '.didat', data: w.bytes }],
        directories: { [DELAY_IMPORT]: [0x1000, 64] },
      }),
    );
    expect(result.machine).toBe('I386');
    expect(result.imageBase).toBe('0x400000');
    expect(result.imports).toEqual([]);
    expect(warningsMatching(result, /module name .* unreadable/)).toHaveLength(1);
  });
});
