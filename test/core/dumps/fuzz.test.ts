import { describe, expect, it } from 'vitest';
import { bytesSource, DumpFormatError, readDump, type DumpReport } from '../../../src-main/core/dumps';
import { seededRandom, writeSyntheticDump } from '../../support/dump-writer';
import { arm64TriageSpec, memorySpec, triageSpec } from './synthetic-scenarios';

const HEX = /^0x[0-9a-f]+$/;

/** Invariants every report must keep, however damaged the input. */
function checkReport(report: DumpReport, maxFrames: number): void {
  expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  expect(report.drivers.length).toBeLessThanOrEqual(4096);
  expect(report.unloadedDrivers.length).toBeLessThanOrEqual(256);
  expect(report.frames.length).toBeLessThanOrEqual(maxFrames);
  for (const value of [report.bugcheck.code, ...report.bugcheck.params, report.psLoadedModuleList, report.machineCode]) {
    expect(value).toMatch(HEX);
  }
  for (const d of report.drivers) expect(d.base).toMatch(HEX);
  for (const f of report.frames) expect(f.address).toMatch(HEX);
  if (report.causedBy) expect(report.frames.some((f) => f.module === report.causedBy?.module)).toBe(true);
}

function mutate(bytes: Uint8Array, random: () => number): Uint8Array {
  const copy = bytes.slice();
  const edits = 1 + Math.floor(random() * 16);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(random() * copy.length);
    const kind = random();
    if (kind < 0.5) copy[at] = Math.floor(random() * 256);
    else if (kind < 0.8 && at + 4 <= copy.length) new DataView(copy.buffer).setUint32(at, Math.floor(random() * 2 ** 32), true);
    else if (at + 4 <= copy.length) new DataView(copy.buffer).setUint32(at, 0xffffffff, true);
  }
  // Sometimes also cut the file.
  return random() < 0.25 ? copy.subarray(0, Math.floor(random() * copy.length)) : copy;
}

describe('readDump fuzz (seeded)', () => {
  const seeds: Array<[string, Uint8Array]> = [
    ['x64 triage', writeSyntheticDump(triageSpec(64)).bytes],
    ['x86 triage', writeSyntheticDump(triageSpec(32)).bytes],
    ['arm64 triage', writeSyntheticDump(arm64TriageSpec()).bytes],
    ['x64 bitmap', writeSyntheticDump(triageSpec(64, { dumpType: 5 })).bytes],
    ['x64 complete with memory', writeSyntheticDump(memorySpec(1)).bytes],
    ['x64 bitmap with memory', writeSyntheticDump(memorySpec(6)).bytes],
  ];

  for (const [label, original] of seeds) {
    it(`never crashes on mutated ${label} dumps`, () => {
      const random = seededRandom(0xd0d0 + original.length);
      let reports = 0;
      for (let round = 0; round < 250; round++) {
        const bytes = mutate(original, random);
        try {
          checkReport(readDump(bytesSource(bytes), { maxFrames: 64 }), 64);
          reports++;
        } catch (error) {
          if (!(error instanceof DumpFormatError)) throw error;
        }
      }
      // Most mutations leave the signature intact, so most rounds must produce a report.
      expect(reports).toBeGreaterThan(100);
    });
  }

  it('mutates only the triage header and section tables of an x64 dump', () => {
    const { bytes, offsets } = writeSyntheticDump(triageSpec(64));
    const random = seededRandom(42);
    for (let round = 0; round < 300; round++) {
      const copy = bytes.slice();
      const view = new DataView(copy.buffer);
      // Overwrite 1–4 triage header ULONGs with hostile values.
      for (let i = 0; i < 1 + Math.floor(random() * 4); i++) {
        const field = offsets.triageHeader + 4 * Math.floor(random() * 32);
        const hostile = [0, 0xffffffff, 0x7fffffff, copy.length - 1, copy.length, Math.floor(random() * copy.length)];
        view.setUint32(field, hostile[Math.floor(random() * hostile.length)], true);
      }
      checkReport(readDump(bytesSource(copy)), 512);
    }
  });
});
