import { describe, expect, it } from 'vitest';
import { bytesSource, readDump } from '../../../src-main/core/dumps';
import { SyntheticAddressSpace, writeSyntheticDump } from '../../support/dump-writer';
import { driversFor, ENTRIES, memorySpec } from './synthetic-scenarios';

describe('readDump: x64 complete and bitmap dumps (page-table walk)', () => {
  for (const type of [1, 5, 6] as const) {
    it(`reads PsLoadedModuleList and the stack from a DumpType ${type} dump`, () => {
      const report = readDump(bytesSource(writeSyntheticDump(memorySpec(type)).bytes));
      expect(report.warnings).toEqual([]);
      expect(report.drivers.map((d) => [d.name, d.base, d.size, d.timeDateStamp])).toEqual(
        driversFor(64).map((d) => [
          d.path.slice(d.path.lastIndexOf('\\') + 1),
          `0x${d.base.toString(16)}`,
          d.size,
          d.timeDateStamp,
        ]),
      );
      expect(report.drivers[3].path).toBe('\\??\\C:\\lab\\injdrv.sys');
      expect(report.kernelBase).toBe('0xfffff8047ba00000');
      expect(report.frames.map((f) => [f.source, f.module])).toEqual([
        ['context', 'ntoskrnl.exe'],
        ['stack', 'ntoskrnl.exe'],
        ['stack', 'hal.dll'],
        ['stack', 'injdrv.sys'],
      ]);
      expect(report.causedBy).toMatchObject({ module: 'injdrv.sys', offset: '0x28c5e' });
    });
  }

  it('warns and stops when the module list loops', () => {
    const spec = memorySpec(1);
    const space = spec.memory as SyntheticAddressSpace;
    space.writeU64(ENTRIES + 0x200n, ENTRIES); // entry 1 points back at entry 0
    const report = readDump(bytesSource(writeSyntheticDump(spec).bytes));
    expect(report.drivers.map((d) => d.name)).toEqual(['ntoskrnl.exe', 'hal.dll']);
    expect(report.warnings.join(' ')).toMatch(/loops back/);
  });

  it('warns when PsLoadedModuleList is not mapped', () => {
    const report = readDump(bytesSource(writeSyntheticDump({ ...memorySpec(5), psLoadedModuleList: 0xfffff80000000000n }).bytes));
    expect(report.drivers).toEqual([]);
    expect(report.warnings.join(' ')).toMatch(/PsLoadedModuleList \(0xfffff80000000000\) is not in the dump/);
  });

  it('reads what it can when the file is cut inside physical memory', () => {
    const { bytes } = writeSyntheticDump(memorySpec(1));
    const report = readDump(bytesSource(bytes.subarray(0, bytes.length - 0x3000)));
    expect(report.bugcheck.name).toBe('SYSTEM_SERVICE_EXCEPTION');
    expect(report.warnings.join(' ')).toMatch(/shorter than its memory runs/);
  });

  it('does not walk x86 or ARM64 complete dumps and says so', () => {
    const report = readDump(bytesSource(writeSyntheticDump({ width: 32, dumpType: 1, bugcheckCode: 0xe2 }).bytes));
    expect(report.drivers).toEqual([]);
    expect(report.warnings.join(' ')).toMatch(/walks page tables only for x64/);
  });
});
