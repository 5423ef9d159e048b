import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { analyzePe, computeImphash } from '../../../src-main/core/pe/index';
import { findPefilePython, runPefile } from './peTestTools';
import { buildSyntheticPe, SectionWriter } from './syntheticPe';

/** Imports by ordinal from WS2_32.dll and OLEAUT32.DLL, one by name from KERNEL32.dll, one by ordinal from plain.ocx. */
function imageWithOrdinalImports(): Uint8Array {
  const w = new SectionWriter(0x400);
  const modules: Array<[string, bigint[]]> = [
    ['WS2_32.dll', [0x8000000000000003n, 0x8000000000000073n, 0x8000000000000999n]],
    ['OLEAUT32.DLL', [0x8000000000000002n]],
    ['KERNEL32.dll', [0x1300n]],
    ['plain.ocx', [0x8000000000000005n]],
  ];
  modules.forEach(([name, thunks], i) => {
    const table = 0x100 + i * 0x40;
    const nameAt = 0x200 + i * 0x20;
    w.u32(i * 20, 0x1000 + table)
      .u32(i * 20 + 12, 0x1000 + nameAt)
      .u32(i * 20 + 16, 0x1000 + table)
      .ascii(nameAt, name);
    thunks.forEach((thunk, k) => w.u64(table + k * 8, thunk));
  });
  w.u16(0x300, 12).ascii(0x302, 'GetTickCount');
  return buildSyntheticPe({ sections: [{ name: '.idata', data: w.bytes }], directories: { 1: [0x1000, 100] } });
}

describe('imphash', () => {
  const bytes = imageWithOrdinalImports();
  const analysis = analyzePe(bytes, { fileName: 'ordinals.exe' });

  test('follows the definition: lowercased module without .dll/.ocx/.sys, ordinals named, md5 of the comma list', () => {
    expect(analysis.imports.map((m) => m.module)).toEqual(['WS2_32.dll', 'OLEAUT32.DLL', 'KERNEL32.dll', 'plain.ocx']);
    // ws2_32 ordinals 3 and 115 are closesocket and WSAStartup; 0x999 is unknown; oleaut32 2 is SysAllocString.
    const list = 'ws2_32.closesocket,ws2_32.wsastartup,ws2_32.ord2457,oleaut32.sysallocstring,kernel32.gettickcount,plain.ord5';
    expect(analysis.imphash).toBe(createHash('md5').update(list).digest('hex'));
  });

  test('is null when there are no regular imports (pefile returns an empty string)', () => {
    expect(computeImphash([])).toBeNull();
    expect(computeImphash([{ module: 'delayed.dll', delayLoad: true, functions: [{ name: 'f', hint: 0 }] }])).toBeNull();
  });

  const python = findPefilePython();
  describe.skipIf(python === null)(
    `against python3-pefile${python ? '' : ' (skipped: needs apt package python3-pefile)'}`,
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'driverlab-imphash-'));
      afterAll(() => rmSync(dir, { recursive: true, force: true }));
      test('pefile computes the same imphash for the same image', () => {
        const file = join(dir, 'ordinals.exe');
        writeFileSync(file, bytes);
        expect(analysis.imphash).toBe(runPefile(python ?? 'python3', [file])[0].imphash);
      });
    },
  );
});
