import {
  MACHINE_ARM64,
  SyntheticAddressSpace,
  writeLoadedModuleList,
  type SyntheticDriver,
  type SyntheticDumpSpec,
} from '../../support/dump-writer';

/** A small but realistic module set: kernel, HAL, a Microsoft library, one third-party driver. */
export function driversFor(width: 32 | 64): SyntheticDriver[] {
  if (width === 64) {
    return [
      { path: '\\SystemRoot\\system32\\ntoskrnl.exe', base: 0xfffff8047ba00000n, size: 0x1046000, timeDateStamp: 0x0d8333e6 },
      { path: '\\SystemRoot\\system32\\hal.dll', base: 0xfffff80479440000n, size: 0x6000, timeDateStamp: 0x1a7be8e9 },
      {
        path: '\\SystemRoot\\System32\\drivers\\Wdf01000.sys',
        base: 0xfffff80479950000n,
        size: 0xd4000,
        timeDateStamp: 0x5f7e1b2c,
      },
      { path: '\\??\\C:\\lab\\injdrv.sys', base: 0xfffff8048b580000n, size: 0x2f000, timeDateStamp: 0x60315a7e },
    ];
  }
  return [
    { path: '\\SystemRoot\\system32\\ntkrpamp.exe', base: 0x82a00000n, size: 0x410000, timeDateStamp: 0x4ce7951a },
    { path: '\\SystemRoot\\system32\\halmacpi.dll', base: 0x82e10000n, size: 0x49000, timeDateStamp: 0x4ce7929e },
    { path: '\\SystemRoot\\System32\\drivers\\fltmgr.sys', base: 0x8b800000n, size: 0x4c000, timeDateStamp: 0x4ce7929f },
    { path: '\\??\\C:\\lab\\injdrv.sys', base: 0x9a000000n, size: 0x30000, timeDateStamp: 0x60315a7e },
  ];
}

/** A crash inside injdrv.sys reached from the kernel: 0x1000007E with c0000005. */
export function triageSpec(width: 32 | 64, overrides: Partial<SyntheticDumpSpec> = {}): SyntheticDumpSpec {
  const d = driversFor(width);
  const [nt, hal, lib, third] = d;
  const faulting = third.base + 0x1772n;
  const stackBase = width === 64 ? 0xffff850429890ee8n : 0x8d5f0000n;
  return {
    width,
    build: width === 64 ? 19041 : 7601,
    processors: 16,
    bugcheckCode: 0x1000007e,
    bugcheckParams: [0xffffffffc0000005n, faulting, stackBase + 0x1000n, stackBase + 0x800n],
    psLoadedModuleList: width === 64 ? 0xfffff8047c62a390n : 0x82b5c850n,
    psActiveProcessHead: width === 64 ? 0xfffff8047c61e200n : 0x82b4e1d8n,
    kdDebuggerDataBlock: width === 64 ? 0xfffff8047c600b20n : 0x82b2ac28n,
    context: { pc: faulting, sp: stackBase + 0x1238n, fp: stackBase + 0x1300n },
    exception: { code: 0x80000003, flags: 1, address: nt.base + 0x3f5a80n, parameters: [] },
    triage: {
      drivers: d,
      unloaded: [
        { name: 'dam.sys', start: nt.base - 0x100000n, end: nt.base - 0xe4000n },
        { name: 'averyveryverylongname.sys', start: hal.base - 0x20000n, end: hal.base - 0x10000n },
      ],
      stack: {
        base: stackBase,
        values: [
          0n,
          nt.base + 0x40f4e1n, // KeBugCheckEx caller
          0x1234n, // not in any module
          nt.base, // a pointer to the image itself, not a return address
          hal.base + 0x2010n,
          nt.base + 0x3cc052n,
          lib.base + 0x16f18n,
          third.base + 0x28c5en, // the third-party driver's caller frame
          nt.base + 0x317e25n,
        ],
      },
    },
    ...overrides,
  };
}

export function arm64TriageSpec(): SyntheticDumpSpec {
  const drivers: SyntheticDriver[] = [
    { path: '\\SystemRoot\\system32\\ntoskrnl.exe', base: 0xfffff80200000000n, size: 0x1200000, timeDateStamp: 1 },
    { path: '\\SystemRoot\\System32\\drivers\\armdrv.sys', base: 0xfffff80210000000n, size: 0x10000, timeDateStamp: 2 },
  ];
  return {
    width: 64,
    machine: MACHINE_ARM64,
    build: 22621,
    processors: 8,
    bugcheckCode: 0xd1,
    bugcheckParams: [0x10n, 2n, 0n, 0xfffff80210000abcn],
    context: { pc: 0xfffff80210000abcn, sp: 0xffffa00000001000n, fp: 0xffffa00000001100n },
    triage: {
      drivers,
      stack: { base: 0xffffa00000000f00n, values: [0xfffff80200001000n, 0xfffff80210000100n] },
    },
  };
}

export const HEAD = 0xfffff8047c62a390n;
export const ENTRIES = 0xffffc08be4000000n;
export const STACK = 0xffff850429892000n;

/** An x64 system in memory: four loaded modules and a stack with return addresses. */
export function memorySpec(dumpType: 1 | 5 | 6): SyntheticDumpSpec {
  const drivers = driversFor(64);
  const [nt, hal, , third] = drivers;
  const space = new SyntheticAddressSpace();
  writeLoadedModuleList(space, HEAD, ENTRIES, drivers);
  const stack = [nt.base + 0x40f4e1n, 0x42n, hal.base + 0x2010n, third.base + 0x28c5en];
  stack.forEach((v, i) => space.writeU64(STACK + BigInt(i * 8), v));
  return {
    width: 64,
    dumpType,
    bugcheckCode: 0x3b,
    bugcheckParams: [0xc0000005n, nt.base + 0x1234n, 0xffff850429891000n, 0n],
    psLoadedModuleList: HEAD,
    context: { pc: nt.base + 0x1234n, sp: STACK, fp: STACK + 0x100n },
    memory: space,
  };
}
