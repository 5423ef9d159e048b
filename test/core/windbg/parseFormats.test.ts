/**
 * Layouts the published fixtures do not cover row by row (kc, x64 kp, lm t n, `***** Invalid`,
 * symbol diagnostics, Markdown inline code). Rows are built from the documented formats in the
 * k/lm reference pages (MicrosoftDocs windows-driver-docs) and from the fixtures' own rows.
 */
import { describe, expect, test } from 'vitest';
import { parseDebuggerText } from '../../../src-main/core/windbg';
import { normalizeHex } from '../../../src-main/core/windbg/hex';
import { parseCallSite } from '../../../src-main/core/windbg/callsite';
import { readFixture } from './fixtureLoader';

describe('hex convention', () => {
  test.each([
    ['fffff805`3903f405', '0xfffff8053903f405'],
    ['00000000`00000002', '0x2'],
    ['00000000', '0x0'],
    ['8053cf20', '0x8053cf20'],
    ['FFFFE5068D8A4000', '0xffffe5068d8a4000'],
    ['0x0000003b', '0x3b'],
    ['--------`--------', null],
    ['nt', null],
    ['1'.repeat(17), null],
  ])('%s → %s', (input, expected) => {
    expect(normalizeHex(input)).toBe(expected);
  });
});

describe('call sites', () => {
  test('kp typed parameters are split from the function name', () => {
    expect(parseCallSite('injdrv!InjCreateProcessNotifyRoutineEx(void * ProcessId = 0x00000000`00001f3c, struct _PS_CREATE_NOTIFY_INFO * CreateInfo = 0xffffe08f`1ba66540)+0x34')).toMatchObject({
      module: 'injdrv',
      function: 'InjCreateProcessNotifyRoutineEx',
      params: 'void * ProcessId = 0x00000000`00001f3c, struct _PS_CREATE_NOTIFY_INFO * CreateInfo = 0xffffe08f`1ba66540',
      offset: '0x34',
    });
  });
  test('templates and operator() are not mistaken for parameter lists', () => {
    expect(parseCallSite('d8!v8::internal::GeneratedCode<unsigned long long,long long>::Call+0x12')).toMatchObject({ module: 'd8', function: 'v8::internal::GeneratedCode<unsigned long long,long long>::Call', params: null, offset: '0x12' });
    expect(parseCallSite('app!Functor::operator()+0x9')).toMatchObject({ function: 'Functor::operator()', params: null });
  });
  test('unsymbolized and bare forms', () => {
    expect(parseCallSite('injdrv+0x1772')).toMatchObject({ module: 'injdrv', function: null, offset: '0x1772', address: null });
    expect(parseCallSite('0x000001a2`bf16199c')).toMatchObject({ module: null, address: '0x1a2bf16199c' });
    expect(parseCallSite("ntdll! ?? ::FNODOBFM::`string'+0x29220")).toMatchObject({ module: 'ntdll', function: "?? ::FNODOBFM::`string'", offset: '0x29220' });
  });
  test('kv notes: TrapFrame, FPO, CONV, and an inline marker before the source', () => {
    const s = parseCallSite('nt!KiSystemServiceCopyEnd+0x28 (TrapFrame @ ffffa58b`1e962460) [minkernel\\ntos\\ke\\amd64\\trap.asm @ 3605]');
    expect(s).toMatchObject({ function: 'KiSystemServiceCopyEnd', offset: '0x28', trapFrame: '0xffffa58b1e962460', sourceFile: 'minkernel\\ntos\\ke\\amd64\\trap.asm', sourceLine: 3605 });
    expect(parseCallSite('nt!KiTrap0E+0xdc (FPO: [0,0] TrapFrame @ f8950dfc)').trapFrame).toBe('0xf8950dfc');
    expect(parseCallSite('USER32!SendMessageW+0x44 (FPO: [Non-Fpo]) (CONV: stdcall)').notes).toEqual(['FPO: [Non-Fpo]', 'CONV: stdcall']);
    expect(parseCallSite('nt!IopfCallDriver+0x40 (Inline Function @ fffff802`29aebef5) [minkernel\\ntos\\io\\iomgr\\mp\\objfre\\amd64\\iomgr.h @ 3709]')).toMatchObject({ function: 'IopfCallDriver', offset: '0x40', notes: [], sourceLine: 3709 });
  });
});

describe('stack layouts', () => {
  test('kc: module!function only, numbered and not', () => {
    const p = parseDebuggerText(['0: kd> kcn', ' # Call Site', '00 nt!KeBugCheckEx', '01 injdrv+0x1772', '02 nt!IopLoadDriver', '', '0: kd> kc', 'nt!KeBugCheckEx', 'nt!MiSystemFault'].join('\n'));
    expect(p.stacks.map((s) => [s.source, s.frames.length])).toEqual([['kcn', 3], ['kc', 2]]);
    expect(p.frames[1]).toMatchObject({ index: 1, childSp: null, retAddr: null, module: 'injdrv', function: null, offset: '0x1772' });
    expect(p.stacks[1].frames[1]).toMatchObject({ index: 1, module: 'nt', function: 'MiSystemFault' });
    expect(p.unparsed).toEqual([]);
  });

  test('kP on x64 with typed parameters and a kv TrapFrame row', () => {
    const p = parseDebuggerText([
      '2: kd> kpn',
      ' # Child-SP          RetAddr               Call Site',
      '00 ffffe08f`1ba66208 fffff802`bd45b669     injdrv!InjpQueueApc(void * ProcessId = 0x00000000`00001f3c)+0x34 [c:\\injdrv\\injlib.c @ 1093]',
      '01 ffffe08f`1ba66210 fffff802`bd45c000     nt!KiSystemServiceCopyEnd+0x28 (TrapFrame @ ffffe08f`1ba66280)',
    ].join('\n'));
    expect(p.frames[0]).toMatchObject({ index: 0, module: 'injdrv', function: 'InjpQueueApc', params: 'void * ProcessId = 0x00000000`00001f3c', offset: '0x34', sourceFile: 'c:\\injdrv\\injlib.c', sourceLine: 1093 });
    expect(p.frames[1]).toMatchObject({ trapFrame: '0xffffe08f1ba66280', function: 'KiSystemServiceCopyEnd' });
  });

  test('x86 kv rows with FPO notes', () => {
    const p = parseDebuggerText([
      'kd> kv',
      'ChildEBP RetAddr  Args to Child              ',
      'f8950e90 f83206e0 024c7262 00000000 f8950edc USBPORT!USBPORT_BadRequestFlush+0x7c (FPO: [Non-Fpo]) (CONV: stdcall)',
      'f8950fe0 8052c47c 8053cf20 00000000 00002e42 nt!KiTrap0E+0xdc (FPO: [0,0] TrapFrame @ f8950dfc)',
    ].join('\n'));
    expect(p.frames[0]).toMatchObject({ childSp: '0xf8950e90', retAddr: '0xf83206e0', args: ['0x24c7262', '0x0', '0xf8950edc'], notes: ['FPO: [Non-Fpo]', 'CONV: stdcall'] });
    expect(p.frames[1]).toMatchObject({ trapFrame: '0xf8950dfc', notes: ['FPO: [0,0] TrapFrame @ f8950dfc'] });
  });

  test('doubled backticks of Markdown inline code and `> ` quotes are undone', () => {
    const row = readFixture('mixed-0x50-driver-insightengineering.txt').split('\n').find((l) => l.startsWith('04 fffff90f'));
    expect(row).toBeDefined();
    const inline = parseDebuggerText(`\`\`${row}\`\``);
    expect(inline.frames[0]).toMatchObject({ index: 4, childSp: '0xfffff90fb6d8ef78', module: 'Driver', offset: '0x1d1e' });
    const quoted = parseDebuggerText(['> STACK_TEXT:', `> ${String(row).slice(3).replace(/`/g, '\\`')}`].join('\n'));
    expect(quoted.frames[0]).toMatchObject({ childSp: '0xfffff90fb6d8ef78', module: 'Driver', offset: '0x1d1e' });
  });
});

describe('lm variants and session space', () => {
  test('lm t n with timestamps and the reproducible-build note; ***** Invalid status', () => {
    const p = parseDebuggerText([
      '0: kd> lm t n',
      'start             end                 module name',
      'fffff801`16000000 fffff801`17047000   nt       ntkrnlmp.exe Tue Jun 22 09:51:19 2066 (9729528B) (This is a reproducible build file hash, not a timestamp)',
      'fffff801`197f0000 fffff801`197f7000   Driver   Driver.sys   Sat Sep 23 05:13:02 2023 (650ED6BE)',
      'ffffd7c9`a4e00000 ffffd7c9`a4e9e000   win32k   win32k.sys   ***** Invalid',
      'ffffd7c9`a5000000 ffffd7c9`a5380000   win32kbase win32kbase.sys (This is a reproducible build file hash, not a timestamp)',
      'ffffd7c9`a5400000 ffffd7c9`a5800000   dxgsession dxgsession.sys Mon Jan 01 00:00:00 2024 (65920080)',
      '',
      '0: kd> lm',
      'start             end                 module name',
      'ffffd7c9`a4e00000 ffffd7c9`a4e9e000   win32k     ***** Invalid',
    ].join('\n'));
    expect(p.modules.map((m) => [m.name, m.sessionSpace])).toEqual([['nt', false], ['Driver', false], ['win32k', true], ['win32kbase', true], ['dxgsession', true]]);
    expect(p.modules[0]).toMatchObject({ imageName: 'ntkrnlmp.exe', timestamp: '0x9729528b', timestampIsHash: true, end: '0xfffff80117047000' });
    expect(p.modules[1]).toMatchObject({ imageName: 'Driver.sys', timestamp: '0x650ed6be' });
    expect(p.modules[1].timestampIsHash).toBeUndefined();
    expect(p.modules[2]).toMatchObject({ imageName: 'win32k.sys', symbolStatus: 'invalid' });
    expect(p.unparsed).toEqual([]);
  });
});

describe('diagnostics are kept', () => {
  test('symbol warnings with the module they name', () => {
    const p = parseDebuggerText([
      '*** WARNING: Unable to verify timestamp for injdrv.sys',
      '*** ERROR: Module load completed but symbols could not be loaded for injdrv.sys',
      '*** ERROR: Symbol file could not be found.  Defaulted to export symbols for ntkrnlmp.exe - ',
      'WARNING: Unable to verify checksum for win32k.sys',
      'WARNING: Stack unwind information not available. Following frames may be wrong.',
    ].join('\n'));
    expect(p.warnings.map((w) => [w.kind, w.module, w.line])).toEqual([
      ['timestamp', 'injdrv.sys', 1],
      ['symbols-not-loaded', 'injdrv.sys', 2],
      ['symbol-file-not-found', 'ntkrnlmp.exe', 3],
      ['checksum', 'win32k.sys', 4],
      ['unwind', null, 5],
    ]);
    expect(p.unparsed).toEqual([]);
  });

  test('.bugcheck output and MEX Bugcheck line', () => {
    const p = parseDebuggerText(['0: kd> .bugcheck', 'Bugcheck code 0000007E', 'Arguments ffffffff`c0000005 fffff800`02099054 fffff880`02d55328 fffff880`02d54b90'].join('\n'));
    expect(p.bugcheck).toEqual({ code: '0x7e', name: 'SYSTEM_THREAD_EXCEPTION_NOT_HANDLED', params: ['0xffffffffc0000005', '0xfffff80002099054', '0xfffff88002d55328', '0xfffff88002d54b90'] });
  });
});

describe("kd's banner when a dump is opened", () => {
  // Format: what kd/WinDbg print after loading a dump ("Bugcheck Analysis" banner), e.g. Microsoft's
  // "Analyzing a Kernel-Mode Dump File with WinDbg" walkthrough.
  test('BugCheck code, {params} and Probably caused by', () => {
    const parsed = parseDebuggerText(
      'BugCheck 7E, {ffffffffc0000005, fffff80627c4d7a2, fffff8062a8d7838, fffff8062a8d7070}\n\nProbably caused by : w32kimp.sys ( w32kimp+1040 )\n',
    );
    expect(parsed.bugcheck).toEqual({
      code: '0x7e',
      name: 'SYSTEM_THREAD_EXCEPTION_NOT_HANDLED',
      params: ['0xffffffffc0000005', '0xfffff80627c4d7a2', '0xfffff8062a8d7838', '0xfffff8062a8d7070'],
    });
    expect(parsed.causedBy).toBe('w32kimp.sys');
    expect(parsed.unparsed).toEqual([]);
  });
});
