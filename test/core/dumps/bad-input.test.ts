import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bytesSource, DumpFormatError, readDump, readDumpFile } from '../../../src-main/core/dumps';
import { writeSyntheticDump } from '../../support/dump-writer';
import { triageSpec } from './synthetic-scenarios';

const read = (bytes: Uint8Array) => readDump(bytesSource(bytes));

function expectFormatError(bytes: Uint8Array, code: DumpFormatError['code'], message: RegExp): void {
  let caught: unknown;
  try {
    read(bytes);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(DumpFormatError);
  expect((caught as DumpFormatError).code).toBe(code);
  expect((caught as DumpFormatError).message).toMatch(message);
}

const patch32 = (bytes: Uint8Array, at: number, value: number): Uint8Array => {
  const copy = bytes.slice();
  new DataView(copy.buffer).setUint32(at, value >>> 0, true);
  return copy;
};

describe('readDump: not a kernel dump', () => {
  it('rejects an empty file', () => {
    expectFormatError(new Uint8Array(0), 'empty', /empty/);
  });

  it('rejects a text file renamed .dmp', () => {
    const text = new TextEncoder().encode('This is not a dump, just some notes.\r\n'.repeat(300));
    expectFormatError(text, 'not-a-dump', /PAGEDU64 or PAGEDUMP/);
  });

  it('rejects a user-mode minidump with a message that says so', () => {
    const mdmp = new Uint8Array(0x3000);
    mdmp.set(new TextEncoder().encode('MDMP'), 0);
    expectFormatError(mdmp, 'user-mode-minidump', /user-mode minidump/);
  });

  it('rejects PAGE followed by an unknown validity marker', () => {
    const bytes = new TextEncoder().encode('PAGEPAGE' + ' '.repeat(0x3000));
    expectFormatError(bytes, 'not-a-dump', /not a Windows kernel crash dump/i);
  });

  it('rejects a file cut inside the header, for both widths', () => {
    const x64 = writeSyntheticDump(triageSpec(64)).bytes;
    expectFormatError(x64.subarray(0, 0x1fff), 'truncated-header', /needs 8192 bytes but the file has 8191/);
    const x86 = writeSyntheticDump(triageSpec(32)).bytes;
    expectFormatError(x86.subarray(0, 0x800), 'truncated-header', /needs 4096 bytes/);
    expectFormatError(x86.subarray(0, 5), 'not-a-dump', /PAGEDUMP/);
  });
});

describe('readDump: damaged triage dumps give partial reports with warnings', () => {
  const good = writeSyntheticDump(triageSpec(64));

  it('reads the header of a dump cut right after it', () => {
    const report = read(good.bytes.subarray(0, 0x2000));
    expect(report.bugcheck.code).toBe('0x1000007e');
    expect(report.drivers).toEqual([]);
    expect(report.warnings.join(' ')).toMatch(/Triage section missing or truncated/);
    // The header's own context copy is still used.
    expect(report.context?.source).toBe('header');
  });

  it('reads what is there of a dump cut in the driver list', () => {
    const cut = good.offsets.driverList + 0x90 * 2 + 10;
    const report = read(good.bytes.subarray(0, cut));
    expect(report.drivers.length).toBe(2);
    expect(report.warnings.join(' ')).toMatch(/truncated/);
    expect(report.warnings.join(' ')).toMatch(/2 of 4 entries/);
    expect(report.warnings.join(' ')).toMatch(/could not be read from the string pool/);
  });

  it('warns when the driver list offset points outside the file', () => {
    const report = read(patch32(good.bytes, good.offsets.triageHeader + 0x30, 0x7fffffff));
    expect(report.drivers).toEqual([]);
    expect(report.warnings.join(' ')).toMatch(/Driver list offset 0x7fffffff is outside the file/);
  });

  it('caps a huge driver count', () => {
    const report = read(patch32(good.bytes, good.offsets.triageHeader + 0x34, 0xffffffff));
    expect(report.drivers.length).toBeLessThanOrEqual(4096);
    expect(report.warnings.join(' ')).toMatch(/declares 4294967295 entries/);
  });

  it('honours a caller-chosen driver cap', () => {
    const report = readDump(bytesSource(good.bytes), { maxDrivers: 2 });
    expect(report.drivers.map((d) => d.name)).toEqual(['ntoskrnl.exe', 'hal.dll']);
    expect(report.warnings.join(' ')).toMatch(/reading the first 2/);
  });

  it('names a driver whose string-pool offset is bad instead of failing', () => {
    const entry = good.offsets.driverList + 0x90 * 3;
    const report = read(patch32(good.bytes, entry, 0xfffffff0));
    expect(report.drivers[3].name).toBe('<driver #3>');
    expect(report.drivers[3].base).toBe('0xfffff8048b580000');
    expect(report.warnings.join(' ')).toMatch(/1 driver name/);
  });

  it('rejects an absurd string length in the pool', () => {
    const report = read(patch32(good.bytes, good.offsets.stringPool, 0x7fffffff));
    expect(report.drivers[0].name).toBe('<driver #0>');
  });

  it('ignores a corrupt unloaded-driver count', () => {
    const report = read(patch32(good.bytes, good.offsets.unloaded, 100000));
    expect(report.unloadedDrivers).toEqual([]);
    expect(report.warnings.join(' ')).toMatch(/Unloaded-driver list declares 100000 entries/);
  });

  it('warns when the unloaded-driver list or call stack point outside the file', () => {
    let bytes = patch32(good.bytes, good.offsets.triageHeader + 0x18, 0x7ffffff0);
    bytes = patch32(bytes, good.offsets.triageHeader + 0x28, 0x7ffffff0);
    const report = read(bytes);
    expect(report.unloadedDrivers).toEqual([]);
    expect(report.frames.every((f) => f.source !== 'stack')).toBe(true);
    expect(report.warnings.join(' ')).toMatch(/Unloaded-driver list offset/);
    expect(report.warnings.join(' ')).toMatch(/Call stack offset/);
  });

  it('caps a huge call stack size and stops at the end of the file', () => {
    const report = read(patch32(good.bytes, good.offsets.triageHeader + 0x2c, 0xffffffff));
    expect(report.warnings.join(' ')).toMatch(/Call stack declares 4294967295 bytes/);
    expect(report.triage?.stackSize).toBeLessThanOrEqual(1 << 20);
  });

  it('falls back to the header context when the triage context offset is outside the file', () => {
    const report = read(patch32(good.bytes, good.offsets.triageHeader + 0x0c, 0x7fffffff));
    expect(report.context?.source).toBe('header');
    expect(report.context?.pc).toBe('0xfffff8048b581772');
    expect(report.warnings.join(' ')).toMatch(/Triage context offset/);
  });

  it('notices a missing TRGD marker', () => {
    const report = read(writeSyntheticDump({ ...triageSpec(64), triage: { ...triageSpec(64).triage, valid: false } }).bytes);
    expect(report.triage?.valid).toBe(false);
    expect(report.warnings.join(' ')).toMatch(/TRGD/);
  });

  it('reports no context when the header holds none', () => {
    const spec = triageSpec(64, { dumpType: 2 });
    delete spec.context;
    const report = read(writeSyntheticDump(spec).bytes);
    expect(report.context).toBeNull();
    expect(report.frames.filter((f) => f.source === 'context')).toEqual([]);
    expect(report.warnings.join(' ')).toMatch(/no context record/);
  });
});

describe('readDumpFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'driverlab-dumps-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a dump from disk and reports its path', () => {
    const path = join(dir, 'Mini.dmp');
    writeFileSync(path, writeSyntheticDump(triageSpec(64)).bytes);
    const report = readDumpFile(path);
    expect(report.file).toBe(path);
    expect(report.drivers).toHaveLength(4);
    expect(report.causedBy?.module).toBe('injdrv.sys');
  });

  it('throws DumpFormatError for a text file named .dmp', () => {
    const path = join(dir, 'notes.dmp');
    writeFileSync(path, 'hello\n');
    expect(() => readDumpFile(path)).toThrow(DumpFormatError);
  });

  it('passes through the file system error for a missing file', () => {
    expect(() => readDumpFile(join(dir, 'missing.dmp'))).toThrow(/ENOENT/);
  });
});
