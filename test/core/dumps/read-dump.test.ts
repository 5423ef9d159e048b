import { describe, expect, it } from 'vitest';
import { bytesSource, readDump } from '../../../src-main/core/dumps';
import { MACHINE_AMD64, writeSyntheticDump } from '../../support/dump-writer';
import { arm64TriageSpec, driversFor, triageSpec } from './synthetic-scenarios';

const read = (bytes: Uint8Array, name?: string) => readDump(bytesSource(bytes, name));

describe('readDump: x64 triage dump', () => {
  const { bytes } = writeSyntheticDump(triageSpec(64));
  const report = read(bytes, 'Mini022121-01.dmp');

  it('reads the header fields', () => {
    expect(report.file).toBe('Mini022121-01.dmp');
    expect(report.signature).toBe('PAGEDU64');
    expect(report.pointerSize).toBe(8);
    expect(report.dumpType).toBe('triage');
    expect(report.dumpTypeCode).toBe(4);
    expect(report.machine).toBe('x64');
    expect(report.machineCode).toBe('0x8664');
    expect(report.build).toBe(19041);
    expect(report.majorVersion).toBe(15);
    expect(report.checkedBuild).toBe(false);
    expect(report.processors).toBe(16);
    expect(report.psLoadedModuleList).toBe('0xfffff8047c62a390');
    expect(report.psActiveProcessHead).toBe('0xfffff8047c61e200');
    expect(report.kdDebuggerDataBlock).toBe('0xfffff8047c600b20');
    expect(report.paeEnabled).toBeNull();
    expect(report.comment).toBeNull();
    expect(report.warnings).toEqual([]);
  });

  it('reads the bug check with its _M name', () => {
    expect(report.bugcheck).toEqual({
      code: '0x1000007e',
      name: 'SYSTEM_THREAD_EXCEPTION_NOT_HANDLED_M',
      params: ['0xffffffffc0000005', '0xfffff8048b581772', '0xffff850429891ee8', '0xffff8504298916e8'],
    });
  });

  it('reads the driver list with names from the string pool', () => {
    expect(report.drivers).toHaveLength(4);
    expect(report.drivers[0]).toEqual({
      name: 'ntoskrnl.exe',
      path: '\\SystemRoot\\system32\\ntoskrnl.exe',
      base: '0xfffff8047ba00000',
      size: 0x1046000,
      end: '0xfffff8047ca46000',
      timeDateStamp: 0x0d8333e6,
    });
    expect(report.drivers.map((d) => d.name)).toEqual(['ntoskrnl.exe', 'hal.dll', 'Wdf01000.sys', 'injdrv.sys']);
    expect(report.kernelBase).toBe('0xfffff8047ba00000');
  });

  it('reads unloaded drivers, names cut at 12 characters as Windows stores them', () => {
    expect(report.unloadedDrivers).toEqual([
      { name: 'dam.sys', start: '0xfffff8047b900000', end: '0xfffff8047b91c000', timeDateStamp: null },
      { name: 'averyveryver', start: '0xfffff80479420000', end: '0xfffff80479430000', timeDateStamp: null },
    ]);
  });

  it('reads the context record from the triage section', () => {
    expect(report.context?.source).toBe('triage');
    expect(report.context?.pc).toBe('0xfffff8048b581772');
    expect(report.context?.sp).toBe('0xffff850429892120');
    expect(report.context?.fp).toBe('0xffff8504298921e8');
    expect(report.context?.registers.rip).toBe('0xfffff8048b581772');
  });

  it('reads the exception record', () => {
    expect(report.exception).toEqual({ code: '0x80000003', flags: 1, address: '0xfffff8047bdf5a80', parameters: [] });
  });

  it('builds the symbol-less stack: fault first, then stack values inside modules', () => {
    expect(report.frames.map((f) => [f.source, f.module, f.offset])).toEqual([
      ['context', 'injdrv.sys', '0x1772'],
      ['stack', 'ntoskrnl.exe', '0x40f4e1'],
      ['stack', 'hal.dll', '0x2010'],
      ['stack', 'ntoskrnl.exe', '0x3cc052'],
      ['stack', 'Wdf01000.sys', '0x16f18'],
      ['stack', 'injdrv.sys', '0x28c5e'],
      ['stack', 'ntoskrnl.exe', '0x317e25'],
    ]);
    expect(report.frames[1].stackAddress).toBe('0xffff850429890ef0');
  });

  it('blames the third-party driver at the faulting address', () => {
    expect(report.causedBy).toEqual({
      module: 'injdrv.sys',
      address: '0xfffff8048b581772',
      offset: '0x1772',
      reason: 'first non-core module at the faulting address',
    });
  });

  it('describes the triage section', () => {
    expect(report.triage).toMatchObject({
      valid: true,
      stackBase: '0xffff850429890ee8',
      stackSize: 72,
      driverCount: 4,
      unloadedDriverCount: 2,
    });
    expect(report.triage?.sizeOfDump).toBe(bytes.length);
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});

describe('readDump: x86 triage dump', () => {
  const { bytes } = writeSyntheticDump(triageSpec(32, { paeEnabled: true, majorVersion: 0xc }));
  const report = read(bytes);

  it('reads the 32-bit header', () => {
    expect(report.signature).toBe('PAGEDUMP');
    expect(report.pointerSize).toBe(4);
    expect(report.machine).toBe('x86');
    expect(report.machineCode).toBe('0x14c');
    expect(report.build).toBe(7601);
    expect(report.checkedBuild).toBe(true);
    expect(report.paeEnabled).toBe(true);
    expect(report.psLoadedModuleList).toBe('0x82b5c850');
    expect(report.bugcheck.params).toEqual(['0xc0000005', '0x9a001772', '0x8d5f1000', '0x8d5f0800']);
    expect(report.file).toBeNull();
  });

  it('reads the 32-bit driver entries and unloaded drivers', () => {
    expect(report.drivers.map((d) => [d.name, d.base, d.size])).toEqual(
      driversFor(32).map((d) => [d.path.slice(d.path.lastIndexOf('\\') + 1), `0x${d.base.toString(16)}`, d.size]),
    );
    expect(report.drivers[3].timeDateStamp).toBe(0x60315a7e);
    expect(report.unloadedDrivers.map((u) => u.name)).toEqual(['dam.sys', 'averyveryver']);
    expect(report.unloadedDrivers[0].end).toBe('0x8291c000');
  });

  it('reads EIP/ESP/EBP and walks 4-byte stack slots', () => {
    expect(report.context).toMatchObject({ pc: '0x9a001772', sp: '0x8d5f1238', fp: '0x8d5f1300' });
    expect(report.context?.registers.eip).toBe('0x9a001772');
    expect(report.frames.filter((f) => f.source === 'stack').map((f) => f.module)).toEqual([
      'ntkrpamp.exe',
      'halmacpi.dll',
      'ntkrpamp.exe',
      'fltmgr.sys',
      'injdrv.sys',
      'ntkrpamp.exe',
    ]);
    expect(report.causedBy?.module).toBe('injdrv.sys');
    expect(report.warnings).toEqual([]);
  });
});

describe('readDump: ARM64 triage dump', () => {
  const report = read(writeSyntheticDump(arm64TriageSpec()).bytes);

  it('reads the machine and the ARM64 PC/SP/FP', () => {
    expect(report.machine).toBe('arm64');
    expect(report.machineCode).toBe('0xaa64');
    expect(report.context).toMatchObject({ pc: '0xfffff80210000abc', sp: '0xffffa00000001000', fp: '0xffffa00000001100' });
    expect(report.context?.registers.lr).toBeDefined();
  });

  it('blames the driver named by the DRIVER_IRQL_NOT_LESS_OR_EQUAL address', () => {
    expect(report.bugcheck.name).toBe('DRIVER_IRQL_NOT_LESS_OR_EQUAL');
    expect(report.causedBy).toMatchObject({ module: 'armdrv.sys', offset: '0xabc' });
    // The parameter address equals the PC, so it is not repeated.
    expect(report.frames.filter((f) => f.source === 'bugcheck-parameter')).toEqual([]);
  });
});

describe('readDump: every dump type, both widths', () => {
  const types: Array<[number, string]> = [
    [1, 'full'],
    [2, 'summary'],
    [3, 'header'],
    [4, 'triage'],
    [5, 'bitmap-full'],
    [6, 'bitmap-kernel'],
    [7, 'automatic'],
  ];
  for (const width of [32, 64] as const) {
    for (const [code, name] of types) {
      it(`reads DumpType ${code} (${name}) in a ${width}-bit header`, () => {
        const spec = triageSpec(width, {
          dumpType: code,
          bitmap: { firstPage: 0x20000n, presentPages: 0x1234n, pages: 0x80000n },
        });
        const report = read(writeSyntheticDump(spec).bytes);
        expect(report.dumpType).toBe(name);
        expect(report.dumpTypeCode).toBe(code);
        expect(report.dumpTypeLabel.length).toBeGreaterThan(0);
        expect(report.bugcheck.code).toBe('0x1000007e');
        expect(report.context?.source).toBe(code === 4 ? 'triage' : 'header');
        if (code === 4) {
          expect(report.drivers).toHaveLength(4);
        } else {
          expect(report.drivers).toEqual([]);
          expect(report.triage).toBeNull();
          // Without a driver list, only the faulting address is known and no module is named.
          expect(report.frames.map((f) => f.module)).toEqual([null]);
          expect(report.causedBy).toBeNull();
        }
        // No memory image in these synthetic dumps: the report says why there is no driver list.
        if (code !== 3 && code !== 4) {
          expect(report.warnings.join(' ')).toMatch(
            /Driver list not read|memory runs missing|Bitmap header is corrupt|not in the dump/,
          );
        }
        if (code === 3) expect(report.warnings).toEqual([]);
      });
    }
  }

  it('reads the bitmap header of a 64-bit bitmap dump', () => {
    const report = read(
      writeSyntheticDump(triageSpec(64, { dumpType: 6, bitmap: { firstPage: 0x20000n, presentPages: 0x1234n, pages: 0x80000n } }))
        .bytes,
    );
    expect(report.bitmap).toEqual({ signature: 'SDMP', firstPage: '0x20000', presentPages: '0x1234', bitmapPages: '0x80000' });
  });
});

describe('readDump: caused-by rule', () => {
  const [nt, hal, lib, third] = driversFor(64);

  it('skips core modules at the fault and names the first non-core module on the stack', () => {
    const spec = triageSpec(64, {
      bugcheckCode: 0x3b,
      bugcheckParams: [0xc0000005n, nt.base + 0x1000n, 0n, 0n],
      context: { pc: nt.base + 0x1000n, sp: 0n, fp: 0n },
    });
    const report = read(writeSyntheticDump(spec).bytes);
    expect(report.causedBy).toMatchObject({ module: 'injdrv.sys', offset: '0x28c5e' });
    expect(report.causedBy?.reason).toBe('first non-core module on the stack (skipped ntoskrnl.exe, hal.dll, Wdf01000.sys)');
  });

  it('falls back to the module containing the faulting address when only core modules appear', () => {
    const spec = triageSpec(64, {
      bugcheckCode: 0xe2,
      context: { pc: hal.base + 0x10n, sp: 0n, fp: 0n },
      triage: { drivers: [nt, hal, lib, third], stack: { base: 0x1000n, values: [nt.base + 8n] } },
    });
    const report = read(writeSyntheticDump(spec).bytes);
    expect(report.causedBy).toMatchObject({ module: 'hal.dll', offset: '0x10' });
    expect(report.causedBy?.reason).toMatch(/only core modules/);
  });

  it('adds the bug check parameter address when it differs from the context PC', () => {
    const spec = triageSpec(64, {
      bugcheckCode: 0xd1,
      bugcheckParams: [0x10n, 2n, 0n, third.base + 0x99n],
      context: { pc: nt.base + 0x500n, sp: 0n, fp: 0n },
    });
    const report = read(writeSyntheticDump(spec).bytes);
    expect(report.frames.slice(0, 2).map((f) => [f.source, f.module])).toEqual([
      ['context', 'ntoskrnl.exe'],
      ['bugcheck-parameter', 'injdrv.sys'],
    ]);
    expect(report.causedBy).toMatchObject({
      module: 'injdrv.sys',
      offset: '0x99',
      reason: 'first non-core module at the address in the bug check parameters (skipped ntoskrnl.exe)',
    });
  });

  it('is null when no address falls inside a module', () => {
    const spec = triageSpec(64, {
      bugcheckCode: 0xe2,
      context: { pc: 0x1234n, sp: 0n, fp: 0n },
      triage: { drivers: [nt], stack: { base: 0x1000n, values: [0x99n] } },
    });
    const report = read(writeSyntheticDump(spec).bytes);
    expect(report.frames).toEqual([{ address: '0x1234', module: null, offset: null, source: 'context' }]);
    expect(report.causedBy).toBeNull();
  });
});

describe('readDump: optional header fields', () => {
  it('reads comment, system time, up time, and a ContextOffset pointing into the header (as real dumps do)', () => {
    const spec = triageSpec(64, {
      comment: 'Dump created by NotMyFault',
      systemTime: 132583451029870000n, // 2021-02-21T01:38:22.987Z
      systemUpTime: 35_000_000n,
    });
    spec.triage = { ...spec.triage, contextInTriage: false };
    const report = read(writeSyntheticDump(spec).bytes);
    expect(report.comment).toBe('Dump created by NotMyFault');
    expect(report.systemTime).toBe('2021-02-21T01:38:22.987Z');
    expect(report.systemUpTimeSeconds).toBe(3);
    expect(report.context?.source).toBe('triage');
    expect(report.context?.pc).toBe('0xfffff8048b581772');
  });

  it('warns about an unknown machine but still reads the context as x64', () => {
    const report = read(writeSyntheticDump(triageSpec(64, { machine: 0x1c4 })).bytes);
    expect(report.machine).toBe('unknown');
    expect(report.machineCode).toBe('0x1c4');
    expect(report.context?.pc).toBe('0xfffff8048b581772');
    expect(report.warnings.join(' ')).toMatch(/MachineImageType 0x1c4/);
  });

  it('warns about an unexpected MajorVersion and unknown DumpType', () => {
    const report = read(writeSyntheticDump(triageSpec(64, { majorVersion: 7, dumpType: 9 })).bytes);
    expect(report.dumpType).toBe('unknown');
    expect(report.warnings.join(' ')).toMatch(/MajorVersion 0x7/);
    expect(report.warnings.join(' ')).toMatch(/Unknown DumpType 9/);
  });

  it('keeps an AMD64 machine on a 64-bit header by default', () => {
    expect(read(writeSyntheticDump(triageSpec(64, { machine: MACHINE_AMD64 })).bytes).machine).toBe('x64');
  });
});
