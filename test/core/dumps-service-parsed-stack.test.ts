import { describe, expect, test } from 'vitest';
import { bytesSource, readDump, type DumpDriver, type DumpReport } from '../../src-main/core/dumps';
import {
  dumpStackText,
  dumpToParsedStack,
  frameText,
  markSessionDrivers,
  windbgAddress,
} from '../../src-main/core/dumps/to-parsed-stack';
import { parseDebuggerText } from '../../src-main/core/windbg';
import { writeSyntheticDump } from '../support/dump-writer';
import { triageSpec } from './dumps/synthetic-scenarios';

function report(width: 32 | 64 = 64, overrides = {}): DumpReport {
  return readDump(bytesSource(writeSyntheticDump(triageSpec(width, overrides)).bytes, 'Mini.dmp'));
}

function driver(name: string, base: string): DumpDriver {
  return { name, path: `\\SystemRoot\\${name}`, base, size: 0x1000, end: base, timeDateStamp: 1 };
}

describe('markSessionDrivers', () => {
  test('names the session images and their neighbours, never the kernel region', () => {
    const drivers = [
      driver('ntoskrnl.exe', '0xfffff8047ba00000'),
      driver('thirdparty.sys', '0xfffff8048b580000'),
      driver('win32k.sys', '0xffff9c8a40000000'),
      driver('CDD.dll', '0xffff9c8a40800000'),
      driver('gdidrv.sys', '0xffff9c8a41000000'),
      driver('elsewhere.sys', '0xffff9d0000000000'),
    ];
    expect(markSessionDrivers(drivers)).toEqual([false, false, true, true, true, false]);
  });

  test('a session image in the kernel region (or any x86 list) marks only itself', () => {
    const drivers = [
      driver('ntkrpamp.exe', '0x82a00000'),
      driver('win32k.sys', '0x8b900000'),
      driver('gdidrv.sys', '0x8ba00000'),
    ];
    expect(markSessionDrivers(drivers)).toEqual([false, true, false]);
    expect(markSessionDrivers([])).toEqual([]);
  });
});

describe('frame text', () => {
  test('uses WinDbg address notation for the pointer size', () => {
    expect(windbgAddress('0xfffff8071234334c', 8)).toBe('fffff807`1234334c');
    expect(windbgAddress('0x1234', 8)).toBe('00000000`00001234');
    expect(windbgAddress('0x8053cf20', 4)).toBe('8053cf20');
    expect(frameText({ address: '0xfffff8071234334c', module: 'amdppm.sys', offset: '0x334c', source: 'stack' }, 8)).toBe(
      'amdppm.sys+0x334c (fffff807`1234334c)',
    );
    expect(frameText({ address: '0x1234', module: null, offset: null, source: 'stack' }, 4)).toBe('00001234');
  });
});

describe('dumpToParsedStack', () => {
  test('carries the bug check, the OS, the culprit, the frames and the modules of the report', () => {
    const dump = report(64);
    const parsed = dumpToParsedStack(dump);
    expect(parsed.bugcheck).toEqual({
      code: '0x1000007e',
      name: 'SYSTEM_THREAD_EXCEPTION_NOT_HANDLED_M',
      params: dump.bugcheck.params,
    });
    expect(parsed.os).toEqual({
      build: 19041,
      arch: 'x64',
      release: 'Windows 10 2004',
      branch: 'vb_release',
      kernelBase: dump.kernelBase,
      psLoadedModuleList: dump.psLoadedModuleList,
    });
    expect(parsed.causedBy).toBe('injdrv.sys');
    expect(parsed.faulting).toEqual({ module: 'injdrv.sys', function: null, offset: '0x1772' });
    expect(parsed.frames.map((f) => f.index)).toEqual(dump.frames.map((_, i) => i));
    expect(parsed.frames.map((f) => [f.module, f.offset])).toEqual(dump.frames.map((f) => [f.module, f.offset]));
    expect(parsed.frames[0].notes).toEqual(['instruction pointer of the crashing context']);
    expect(parsed.frames[1].notes[0]).toMatch(/^value on the stack at 0xffff/);
    expect(parsed.modules.map((m) => m.name)).toEqual(['ntoskrnl.exe', 'hal.dll', 'Wdf01000.sys', 'injdrv.sys']);
    expect(parsed.modules[3]).toMatchObject({
      start: '0xfffff8048b580000',
      end: '0xfffff8048b5af000',
      timestamp: '0x60315a7e',
      sessionSpace: false,
      imagePath: '\\??\\C:\\lab\\injdrv.sys',
      imageSize: '0x2f000',
    });
    expect(parsed.unloadedModules.map((m) => m.name)).toEqual(['dam.sys', 'averyveryver']);
    expect(parsed.sources).toEqual(['crash dump Mini.dmp']);
    expect(parsed.limits).toEqual([]);
  });

  test('the stack listing points at the line where the frames start in the stored text', () => {
    const dump = report(32);
    const parsed = dumpToParsedStack(dump);
    const lines = dumpStackText(dump).split('\n');
    expect(lines[0]).toBe('Bugcheck code 1000007E');
    expect(lines[1]).toBe(`Arguments ${dump.bugcheck.params.map((p) => BigInt(p).toString(16).padStart(8, '0')).join(' ')}`);
    expect(lines[2]).toMatch(/^Probably caused by : injdrv\.sys\+0x1772 \(/);
    expect(parsed.stacks).toHaveLength(1);
    expect(lines[parsed.stacks[0].line - 1]).toBe(parsed.frames[0].raw);
    expect(parsed.frames[0].raw).toBe(`injdrv.sys+0x1772 (${BigInt(dump.frames[0].address).toString(16)})`);
  });

  test('a frame outside every module keeps its bare address; no culprit means no caused-by line', () => {
    const dump: DumpReport = {
      ...report(64),
      causedBy: null,
      frames: [{ address: '0x1234', module: null, offset: null, source: 'bugcheck-parameter' }],
      warnings: ['Driver list cut short.'],
    };
    const parsed = dumpToParsedStack(dump);
    expect(parsed.frames[0]).toMatchObject({ address: '0x1234', module: null, raw: '00000000`00001234' });
    expect(parsed.faulting).toBeNull();
    expect(parsed.causedBy).toBeNull();
    expect(parsed.limits).toEqual(['Driver list cut short.']);
    const lines = dumpStackText(dump).split('\n');
    expect(lines[parsed.stacks[0].line - 1]).toBe('00000000`00001234');
  });

  test('the stored text reads back through the WinDbg paste parser with the same bug check', () => {
    const dump = report(64);
    const reparsed = parseDebuggerText(dumpStackText(dump));
    expect(reparsed.bugcheck?.code).toBe(dump.bugcheck.code);
    expect(reparsed.bugcheck?.params).toEqual(dump.bugcheck.params);
  });
});
