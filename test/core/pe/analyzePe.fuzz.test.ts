/**
 * Seeded mutation fuzzing: bit flips, truncation, random header bytes, random directory
 * pointers, huge counts and sprayed directory contents over real images (the mingw fixtures
 * when the toolchain is present) and synthetic ones. Every result must be a JSON-safe object
 * with either `error` or fields; no throw, and no walker may fail unexpectedly.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { analyzePe, predictLoadOutcomes } from '../../../src-main/core/pe/index';
import { buildPeFixtures, missingBuildTools, seededRandom } from './peTestTools';
import { buildSyntheticPe, SectionWriter } from './syntheticPe';

const ITERATIONS_PER_IMAGE = 400;
const SEED = 0x5eed_d71b;

interface BaseImage {
  name: string;
  bytes: Uint8Array;
}

const bases: BaseImage[] = [];

function syntheticImports(): Uint8Array {
  const w = new SectionWriter(0x400);
  w.u32(0, 0x1100).u32(12, 0x1040).u32(16, 0x1180).ascii(0x40, 'win32k.sys').u16(0x60, 7).ascii(0x62, 'EngAllocMem');
  w.u64(0x100, 0x1060n).u64(0x108, 0x8000000000000010n);
  w.u32(0x200, 0).u32(0x210, 1).u32(0x214, 2).u32(0x218, 1).u32(0x21c, 0x1260).u32(0x220, 0x1270).u32(0x224, 0x1278);
  w.u32(0x260, 0x1000).u32(0x264, 0x1210).u32(0x270, 0x1280).u16(0x278, 0).ascii(0x280, 'Exported');
  return buildSyntheticPe({ sections: [{ name: '.data', data: w.bytes }], directories: { 0: [0x1200, 0x80], 1: [0x1000, 40] } });
}

beforeAll(() => {
  bases.push({ name: 'synthetic', bytes: syntheticImports() });
  bases.push({
    name: 'synthetic-pe32',
    bytes: buildSyntheticPe({ is64: false, sections: [{ name: '.text', data: new Uint8Array(0x200).fill(0xcc) }] }),
  });
  if (missingBuildTools() === null) {
    const dir = buildPeFixtures();
    for (const name of ['win32k_driver.sys', 'nt_driver.sys', 'exports.dll', 'delay_client.exe', 'symbols_driver.sys']) {
      bases.push({ name, bytes: new Uint8Array(readFileSync(join(dir, name))) });
    }
  }
});

type Random = () => number;
const int = (random: Random, below: number): number => Math.floor(random() * below);

/** Offsets of the NT headers, data directories and a directory's target, read from the unmutated image. */
function layoutOf(bytes: Uint8Array): { nt: number; directories: number; rvaToOffset: (rva: number) => number | null } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const nt = view.getUint32(0x3c, true);
  const is64 = view.getUint16(nt + 24, true) === 0x20b;
  const directories = nt + 24 + (is64 ? 112 : 96);
  const sectionCount = view.getUint16(nt + 6, true);
  const table = nt + 24 + view.getUint16(nt + 20, true);
  return {
    nt,
    directories,
    rvaToOffset(rva) {
      for (let i = 0; i < sectionCount; i++) {
        const at = table + i * 40;
        const va = view.getUint32(at + 12, true);
        const raw = view.getUint32(at + 16, true);
        if (rva >= va && rva < va + raw) return view.getUint32(at + 20, true) + (rva - va);
      }
      return null;
    },
  };
}

const MUTATIONS: Array<(bytes: Uint8Array, random: Random) => Uint8Array> = [
  function flipBits(bytes, random) {
    const out = Uint8Array.from(bytes);
    for (let i = 1 + int(random, 32); i > 0; i--) out[int(random, out.length)] ^= 1 << int(random, 8);
    return out;
  },
  function flipHeaderBits(bytes, random) {
    const out = Uint8Array.from(bytes);
    for (let i = 1 + int(random, 8); i > 0; i--) out[int(random, Math.min(0x400, out.length))] ^= 1 << int(random, 8);
    return out;
  },
  function truncate(bytes, random) {
    return bytes.slice(0, int(random, bytes.length));
  },
  function randomHeaderBytes(bytes, random) {
    const out = Uint8Array.from(bytes);
    const start = int(random, Math.min(0x400, out.length));
    for (let i = start; i < Math.min(out.length, start + 1 + int(random, 16)); i++) out[i] = int(random, 256);
    return out;
  },
  function randomDirectory(bytes, random) {
    const out = Uint8Array.from(bytes);
    const view = new DataView(out.buffer);
    const entry = layoutOf(bytes).directories + int(random, 16) * 8;
    const rva = random() < 0.5 ? int(random, bytes.length * 2) : int(random, 0x1_0000_0000);
    view.setUint32(entry, rva, true);
    view.setUint32(entry + 4, random() < 0.5 ? int(random, 0x1000) : int(random, 0x1_0000_0000), true);
    return out;
  },
  function hugeCounts(bytes, random) {
    const out = Uint8Array.from(bytes);
    const view = new DataView(out.buffer);
    const { nt, directories, rvaToOffset } = layoutOf(bytes);
    switch (int(random, 5)) {
      case 0:
        view.setUint16(nt + 6, 0xffff, true); // NumberOfSections
        break;
      case 1:
        view.setUint32(directories - 4, int(random, 0x1_0000_0000), true); // NumberOfRvaAndSizes
        break;
      case 2:
        view.setUint16(nt + 20, int(random, 0x10000), true); // SizeOfOptionalHeader
        break;
      default: {
        const exportDir = rvaToOffset(view.getUint32(directories, true));
        if (exportDir !== null && exportDir + 40 <= out.length) {
          view.setUint32(exportDir + 20, 0xffffffff, true);
          view.setUint32(exportDir + 24, int(random, 0x1_0000_0000), true);
        } else {
          view.setUint32(nt + 12, 0xffffffff, true); // NumberOfSymbols
        }
      }
    }
    return out;
  },
  function sprayDirectory(bytes, random) {
    const out = Uint8Array.from(bytes);
    const view = new DataView(out.buffer);
    const { directories, rvaToOffset } = layoutOf(bytes);
    const index = [0, 1, 2, 6, 13][int(random, 5)];
    const target = rvaToOffset(view.getUint32(directories + index * 8, true));
    if (target === null) return out;
    for (let i = 1 + int(random, 24); i > 0; i--) {
      const at = target + int(random, 64);
      if (at < out.length) out[at] = random() < 0.3 ? 0xff : int(random, 256);
    }
    return out;
  },
];

test(`${ITERATIONS_PER_IMAGE} seeded mutations per image never throw and always give a usable result`, () => {
  const random = seededRandom(SEED);
  let withError = 0;
  let withoutError = 0;
  for (const base of bases) {
    for (let i = 0; i < ITERATIONS_PER_IMAGE; i++) {
      const mutate = MUTATIONS[int(random, MUTATIONS.length)];
      const input = mutate(base.bytes, random);
      const where = `${base.name} #${i} (${mutate.name})`;
      const result = analyzePe(input, { fileName: base.name });
      expect(result, where).toBeTypeOf('object');
      expect(result.sha256, where).toMatch(/^[0-9a-f]{64}$/);
      expect(result.size, where).toBe(input.length);
      expect(
        result.warnings.filter((w) => /not parsed \(/.test(w)),
        where,
      ).toEqual([]);
      if (result.error !== undefined) {
        withError++;
        expect(result.error, where).not.toMatch(/^internal error/);
      } else {
        withoutError++;
        expect(result.machine, where).toBeTypeOf('string');
        expect(Array.isArray(result.sections), where).toBe(true);
        for (const section of result.sections) expect(section.entropy, where).toBeGreaterThanOrEqual(0);
      }
      expect(JSON.parse(JSON.stringify(result)), where).toEqual(result);
      expect(predictLoadOutcomes(result), where).toHaveLength(3);
    }
  }
  expect(withError).toBeGreaterThan(0);
  expect(withoutError).toBeGreaterThan(0);
});
