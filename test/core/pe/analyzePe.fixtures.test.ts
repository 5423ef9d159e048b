/**
 * analyzePe on images the suite builds itself with mingw-w64 (test/fixtures/pe-src/build.sh),
 * checked field by field against x86_64-w64-mingw32-objdump and python3-pefile.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { analyzePe, DEFAULT_SESSION_IMAGES } from '../../../src-main/core/pe/index';
import type { PeAnalysis } from '../../../src-main/core/pe/index';
import {
  buildPeFixtures,
  findPefilePython,
  hasCommand,
  missingBuildTools,
  objdumpPrivateHeaders,
  objdumpSectionHeaders,
  runPefile,
  X86_LINKER,
} from './peTestTools';
import type { PefileDump } from './peTestTools';
import { expectSameAsPefile } from './pefileComparison';

const missingTools = missingBuildTools();
const pefilePython = findPefilePython();
const hasX86 = hasCommand(X86_LINKER);

const X64_FIXTURES = ['win32k_driver.sys', 'nt_driver.sys', 'symbols_driver.sys', 'delay_client.exe', 'exports.dll'];
const X86_FIXTURES = ['win32k_driver_x86.sys', 'exports_x86.dll', 'delay_client_x86.exe'];

let dir = '';
const analyses = new Map<string, PeAnalysis>();

function analysisOf(name: string): PeAnalysis {
  const found = analyses.get(name);
  if (!found) throw new Error(`fixture ${name} was not analysed`);
  return found;
}

/** `DLL Name:` blocks of `objdump -p`: module -> [hint, name] rows (regular imports only). */
function objdumpImports(text: string): Array<{ module: string; functions: Array<{ name: string; hint: number }> }> {
  const modules: Array<{ module: string; functions: Array<{ name: string; hint: number }> }> = [];
  let current: { module: string; functions: Array<{ name: string; hint: number }> } | null = null;
  for (const line of text.split('\n')) {
    const dll = /^\s*DLL Name: (\S+)/.exec(line);
    if (dll) {
      current = { module: dll[1], functions: [] };
      modules.push(current);
      continue;
    }
    const row = current && /^\t([0-9a-f]+)\s+(\d+)\s+(\S+)\s*$/.exec(line);
    if (current && row) current.functions.push({ hint: Number(row[2]), name: row[3] });
    else if (current && line.trim() === '') current = null;
  }
  return modules;
}

function objdumpField(text: string, field: string): string {
  const match = new RegExp(`^${field}\\s+(\\S+)`, 'm').exec(text);
  if (!match) throw new Error(`objdump -p printed no ${field}`);
  return match[1];
}

describe.skipIf(missingTools !== null)(`mingw-built fixtures${missingTools ? ` (skipped: ${missingTools})` : ''}`, () => {
  beforeAll(() => {
    dir = buildPeFixtures();
    for (const name of [...X64_FIXTURES, ...(hasX86 ? X86_FIXTURES : [])]) {
      analyses.set(name, analyzePe(readFileSync(join(dir, name)), { fileName: name }));
    }
  });

  test.each(X64_FIXTURES)('%s: headers, sections and imports agree with objdump -p', (name) => {
    const ours = analysisOf(name);
    const text = objdumpPrivateHeaders(join(dir, name));
    expect(ours.error).toBeUndefined();
    expect(ours.imageBase).toBe(`0x${BigInt(`0x${objdumpField(text, 'ImageBase')}`).toString(16)}`);
    expect(ours.sizeOfImage).toBe(Number.parseInt(objdumpField(text, 'SizeOfImage'), 16));
    expect(ours.entryPointRva).toBe(Number.parseInt(objdumpField(text, 'AddressOfEntryPoint'), 16));
    expect(ours.checksum.stored).toBe(Number.parseInt(objdumpField(text, 'CheckSum'), 16));
    expect(ours.imports.filter((m) => !m.delayLoad)).toEqual(
      objdumpImports(text).map((m) => ({ module: m.module, delayLoad: false, functions: m.functions })),
    );
    const sectionRows = [...objdumpSectionHeaders(join(dir, name)).matchAll(/^\s*\d+ (\S+)\s+[0-9a-f]+\s+([0-9a-f]+)/gm)];
    const imageBase = BigInt(ours.imageBase ?? '0');
    expect(ours.sections.map((s) => [s.name, s.virtualAddress])).toEqual(
      sectionRows.map((row) => [row[1], Number(BigInt(`0x${row[2]}`) - imageBase)]),
    );
  });

  describe.skipIf(pefilePython === null)(
    `against python3-pefile${pefilePython ? '' : ' (skipped: needs apt package python3-pefile)'}`,
    () => {
      let dumps: PefileDump[] = [];
      const names = [...X64_FIXTURES, ...(hasX86 ? X86_FIXTURES : [])];
      beforeAll(() => {
        dumps = runPefile(
          pefilePython ?? 'python3',
          names.map((name) => join(dir, name)),
        );
      });
      test.each(names.map((name, index) => [name, index] as const))('%s matches pefile', (name, index) => {
        expectSameAsPefile(analysisOf(name), dumps[index]);
      });
    },
  );

  test('a driver importing only from win32k.sys is flagged for session imports', () => {
    const ours = analysisOf('win32k_driver.sys');
    expect(ours.machine).toBe('AMD64');
    expect(ours.subsystem).toBe('NATIVE');
    expect(ours.imports.map((m) => m.module)).toEqual(['win32k.sys']);
    expect(ours.imports[0].functions).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'EngAllocMem' }), expect.objectContaining({ name: 'EngFreeMem' })]),
    );
    expect(ours.sessionImports).toEqual(['win32k.sys']);
    expect(DEFAULT_SESSION_IMAGES).toContain('win32k.sys');
  });

  test('a driver importing only from ntoskrnl.exe has no session imports; a custom list can add one', () => {
    const ours = analysisOf('nt_driver.sys');
    expect(ours.imports.map((m) => m.module)).toEqual(['ntoskrnl.exe']);
    expect(ours.sessionImports).toEqual([]);
    const custom = analyzePe(readFileSync(join(dir, 'nt_driver.sys')), {
      fileName: 'nt_driver.sys',
      sessionImages: ['NTOSKRNL.EXE'],
    });
    expect(custom.sessionImports).toEqual(['ntoskrnl.exe']);
  });

  test('RSDS record, symbol-server keys and version resource of nt_driver.sys', () => {
    const ours = analysisOf('nt_driver.sys');
    const text = objdumpPrivateHeaders(join(dir, 'nt_driver.sys'));
    const rsds = /\(format RSDS signature ([0-9a-f]{32}) age (\d+) pdb (\S+)\)/.exec(text);
    expect(rsds).not.toBeNull();
    if (!rsds) return;
    // objdump prints the GUID byte-swapped into big-endian order: the same text as ours, lowercased.
    expect(ours.debug.codeView).toEqual({
      pdbPath: rsds[3],
      guid: rsds[1].toUpperCase(),
      age: Number(rsds[2]),
      symbolServerKey: `nt_driver.pdb/${rsds[1].toUpperCase()}${Number(rsds[2]).toString(16).toUpperCase()}/nt_driver.pdb`,
    });
    const stamp = (ours.timeDateStamp ?? 0).toString(16).toUpperCase().padStart(8, '0');
    expect(ours.imageKey).toBe(`nt_driver.sys/${stamp}${(ours.sizeOfImage ?? 0).toString(16)}/nt_driver.sys`);
    // Values from test/fixtures/pe-src/nt_driver.rc.
    expect(ours.version).toEqual({
      fixedFileVersion: '1.2.3.4',
      fixedProductVersion: '1.2.0.0',
      fileVersion: '1.2.3.4',
      productVersion: '1.2',
      companyName: 'DriverLab Test Fixtures',
      productName: 'DriverLab',
      originalFilename: 'nt_driver.sys',
      fileDescription: 'Minimal ntoskrnl-only driver',
      internalName: 'nt_driver',
      legalCopyright: null,
    });
  });

  test('an unstripped image with COFF symbols is read in full, long section names resolved', () => {
    const ours = analysisOf('symbols_driver.sys');
    expect(ours.error).toBeUndefined();
    expect(ours.warnings).toEqual([]);
    expect(ours.sections.map((s) => s.name)).toContain('.debug_info');
    expect(ours.subsystem).toBe('NATIVE');
  });

  test('RVA-based delay imports: by name with hints and by ordinal', () => {
    const ours = analysisOf('delay_client.exe');
    expect(ours.imports.filter((m) => m.delayLoad)).toEqual([
      {
        module: 'delayed.dll',
        delayLoad: true,
        functions: [{ name: 'DelayedAdd', hint: 0 }, { name: 'DelayedMul', hint: 1 }, { ordinal: 7 }],
      },
    ]);
    expect(ours.imphash).toBeNull();
  });

  test('named, ordinal-only and forwarded exports agree with objdump -p', () => {
    const ours = analysisOf('exports.dll');
    const text = objdumpPrivateHeaders(join(dir, 'exports.dll'));
    const base = Number(/Ordinal Base (\d+)/.exec(text)?.[1]);
    const addressRows = [
      ...text.matchAll(/^\t\[\s*(\d+)\] \+base\[\s*(\d+)\] ([0-9a-f]+) (Export RVA|Forwarder RVA -- (\S+))/gm),
    ];
    const nameRows = [...text.matchAll(/^\t\[\s*(\d+)\] (\w+)$/gm)];
    const expected = addressRows.flatMap((row): PeAnalysis['exports'] => {
      const index = Number(row[1]);
      const names = nameRows.filter((n) => Number(n[1]) === index).map((n) => n[2]);
      const entry = { ordinal: base + index, rva: row[5] ? null : Number.parseInt(row[3], 16), forwarder: row[5] ?? null };
      return names.length > 0 ? names.map((name) => ({ name, ...entry })) : [{ name: null, ...entry }];
    });
    expect(ours.exports).toEqual(expected);
    expect(ours.exports).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: null, ordinal: 9 }),
        expect.objectContaining({ name: 'ForwardedTick', forwarder: 'kernel32.GetTickCount', rva: null }),
        expect.objectContaining({ name: 'NamedTwo', ordinal: 5 }),
      ]),
    );
  });

  test('the computed checksum matches what the linker stored', () => {
    // delay_client*.exe are patched after linking (data directory 13), so their stored sum is stale.
    for (const name of ['win32k_driver.sys', 'nt_driver.sys', 'exports.dll']) {
      const ours = analysisOf(name);
      expect(ours.checksum.computed, name).toBe(ours.checksum.stored);
    }
    expect(analysisOf('delay_client.exe').checksum.computed).not.toBe(analysisOf('delay_client.exe').checksum.stored);
  });

  test('authentihash ignores the checksum, the certificate entry and the certificate data, and nothing else', () => {
    const original = readFileSync(join(dir, 'nt_driver.sys'));
    const base = analysisOf('nt_driver.sys');
    const view = new DataView(original.buffer, original.byteOffset, original.byteLength);
    const ntOffset = view.getUint32(60, true);
    const securityEntry = ntOffset + 24 + 112 + 4 * 8;

    // "Sign" it: append an 8-byte-aligned WIN_CERTIFICATE blob, point the security directory at it, change the checksum.
    const certificate = new Uint8Array(64).fill(0x5a);
    const signed = new Uint8Array(original.byteLength + certificate.byteLength);
    signed.set(original);
    signed.set(certificate, original.byteLength);
    const signedView = new DataView(signed.buffer);
    signedView.setUint32(securityEntry, original.byteLength, true);
    signedView.setUint32(securityEntry + 4, certificate.byteLength, true);
    signedView.setUint32(ntOffset + 24 + 64, 0x12345678, true);
    const signedAnalysis = analyzePe(signed, { fileName: 'nt_driver.sys' });
    expect(signedAnalysis.signature).toEqual({ present: true, size: 64 });
    expect(signedAnalysis.authentihash).toBe(base.authentihash);
    expect(signedAnalysis.sha256).not.toBe(base.sha256);

    const touched = Uint8Array.from(original);
    touched[0x400] ^= 1; // first byte of .text
    expect(analyzePe(touched, { fileName: 'nt_driver.sys' }).authentihash).not.toBe(base.authentihash);
  });

  test('hashes are the standard digests of the whole file', async () => {
    const { createHash } = await import('node:crypto');
    const bytes = readFileSync(join(dir, 'exports.dll'));
    const ours = analysisOf('exports.dll');
    expect(ours.md5).toBe(createHash('md5').update(bytes).digest('hex'));
    expect(ours.sha1).toBe(createHash('sha1').update(bytes).digest('hex'));
    expect(ours.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(ours.size).toBe(bytes.byteLength);
  });

  test('an image whose Machine field says ARM64 is reported as ARM64', () => {
    const bytes = Uint8Array.from(readFileSync(join(dir, 'win32k_driver.sys')));
    const view = new DataView(bytes.buffer);
    view.setUint16(view.getUint32(60, true) + 4, 0xaa64, true);
    const ours = analyzePe(bytes, { fileName: 'arm64.sys' });
    expect(ours.machine).toBe('ARM64');
    expect(ours.imports.map((m) => m.module)).toEqual(['win32k.sys']);
  });

  test('a view into a larger buffer at an odd offset gives the same result', () => {
    const bytes = readFileSync(join(dir, 'nt_driver.sys'));
    const padded = new Uint8Array(bytes.byteLength + 7);
    padded.set(bytes, 3);
    const shifted = analyzePe(padded.subarray(3, 3 + bytes.byteLength), { fileName: 'nt_driver.sys' });
    expect(shifted).toEqual(analysisOf('nt_driver.sys'));
  });

  describe.skipIf(!hasX86)(
    `x86 (PE32) fixtures${hasX86 ? '' : ` (skipped: needs ${X86_LINKER}, apt package binutils-mingw-w64-i686)`}`,
    () => {
      test('win32k-only x86 driver', () => {
        const ours = analysisOf('win32k_driver_x86.sys');
        expect(ours.machine).toBe('I386');
        expect(ours.subsystem).toBe('NATIVE');
        expect(ours.imageBase).toMatch(/^0x[0-9a-f]+$/);
        expect(ours.sessionImports).toEqual(['win32k.sys']);
        expect(ours.imports[0].functions.map((f) => ('name' in f ? f.name : f.ordinal))).toEqual(
          objdumpImports(objdumpPrivateHeaders(join(dir, 'win32k_driver_x86.sys')))[0].functions.map((f) => f.name),
        );
      });

      test('old VA-based delay-import descriptors (Attributes 0) are read like RVA-based ones', () => {
        const ours = analysisOf('delay_client_x86.exe');
        expect(ours.machine).toBe('I386');
        expect(ours.imports.filter((m) => m.delayLoad)).toEqual(
          analysisOf('delay_client.exe').imports.filter((m) => m.delayLoad),
        );
      });

      test('x86 exports match the x64 build', () => {
        const strip = (a: PeAnalysis) => a.exports.map((e) => ({ name: e.name, ordinal: e.ordinal, forwarder: e.forwarder }));
        expect(strip(analysisOf('exports_x86.dll'))).toEqual(strip(analysisOf('exports.dll')));
      });
    },
  );
});
