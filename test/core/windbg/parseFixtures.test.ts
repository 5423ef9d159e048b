/** Real published WinDbg / BlueScreenView outputs (test/fixtures/windbg), asserted frame by frame. */
import { describe, expect, test } from 'vitest';
import { parseDebuggerText, type ParsedFrame } from '../../../src-main/core/windbg';
import { fixtureNames, readFixture } from './fixtureLoader';

const parse = (name: string) => parseDebuggerText(readFixture(name));

type FrameExpectation = Partial<Pick<ParsedFrame, 'index' | 'childSp' | 'retAddr' | 'module' | 'function' | 'offset' | 'inline' | 'sourceFile' | 'sourceLine' | 'address' | 'args' | 'frameDistance' | 'params'>>;

function expectFrames(frames: ParsedFrame[], expected: FrameExpectation[]): void {
  expect(frames).toHaveLength(expected.length);
  expected.forEach((e, i) => expect(frames[i], `frame ${i}`).toMatchObject(e));
}

describe('fixture set', () => {
  test('holds at least 15 real outputs, each naming its source', () => {
    const names = fixtureNames();
    expect(names.length).toBeGreaterThanOrEqual(15);
    for (const n of names) {
      const first = readFixture(n).split('\n')[0];
      expect(first, n).toMatch(/^# source: \S+.* — .+/);
      expect(parse(n).sources[0], n).toBe(first.replace(/^# source:\s*/, ''));
    }
  });
});

describe('k family', () => {
  test('k on x64 without frame numbers (Getting Started docs)', () => {
    const p = parse('k-x64-getting-started.txt');
    expectFrames(p.frames, [
      { index: 0, childSp: '0xffffd000224b4c88', retAddr: '0xfffff80002d96834', module: 'nt', function: 'MmCreateProcessAddressSpace', offset: null, inline: false },
      { index: 1, childSp: '0xffffd000224b4c90', retAddr: '0xfffff80002dfef17', module: 'nt', function: 'PspAllocateProcess', offset: '0x5d4' },
      { index: 2, childSp: '0xffffd000224b5060', retAddr: '0xfffff80002b698b3', module: 'nt', function: 'NtCreateUserProcess', offset: '0x55b' },
      { index: 3, childSp: '0xd74167fbb0', retAddr: '0x7ffd14b064ad', module: 'KERNEL32', function: 'BaseThreadInitThunk', offset: '0xd' },
      { index: 4, childSp: '0xd74167fbe0', retAddr: '0x0', module: 'ntdll', function: 'RtlUserThreadStart', offset: '0x1d' },
    ]);
    expect(p.commands.map((c) => c.text)).toEqual(['lm', 'k']);
    // The docs' "..." elisions are not understood, so they are reported, not dropped.
    expect(p.unparsed).toEqual(['...', '...', '...', '...']);
    expect(p.modules.map((m) => m.name)).toEqual(['CI', 'BasicRender', 'BasicDisplay', 'nt', 'hal']);
    expect(p.modules[3]).toMatchObject({ start: '0xfffff80002a0e000', end: '0xfffff80003191000', symbolStatus: 'pdb symbols', symbolFile: 'C:\\...\\ntkrnlmp.pdb' });
  });

  test('kn with an inline frame and source lines (Echo lab)', () => {
    const p = parse('kn-x64-inline-source-echo-lab.txt');
    expectFrames(p.frames, [
      { index: 0, childSp: '0xffffd00151978110', retAddr: '0xfffff8010942f55b', module: 'ECHO', function: 'EchoEvtDeviceAdd', offset: '0x66', inline: false, sourceFile: 'c:\\Samples\\kmdf echo sample\\c++\\driver\\autosync\\driver.c', sourceLine: 138 },
      { index: 1, childSp: null, retAddr: null, module: 'Wdf01000', function: 'FxDriverDeviceAdd::Invoke', offset: '0x30', inline: true, sourceLine: 61 },
      { index: 2, childSp: '0xffffd00151978150', retAddr: '0xfffff801eed8097d', module: 'Wdf01000', function: 'FxDriver::AddDevice', offset: '0xab', sourceFile: 'd:\\wbrtm\\minkernel\\wdf\\framework\\shared\\core\\km\\fxdriverkm.cpp', sourceLine: 72 },
      { index: 3, module: 'nt', function: 'PpvUtilCallAddDevice', offset: '0x35', sourceLine: 104 },
      { index: 4, module: 'nt', function: 'PnpCallAddDevice', offset: '0x63', sourceFile: 'd:\\9142\\minkernel\\ntos\\io\\pnpmgr\\enum.c', sourceLine: 7397 },
      { index: 5, childSp: '0xffffd00151978630', retAddr: '0xfffff801ef0c344f', module: 'nt', function: 'PipCallDriverAddDevice', offset: '0x6e2', sourceLine: 3390 },
    ]);
    expect(p.stacks[0].source).toBe('kn');
    expect(p.bugcheck).toBeNull();
    expect(p.causedBy).toBe('ECHO');
  });

  test('knf adds the Memory column (CodeMachine x64 deep dive)', () => {
    const p = parse('knf-x64-codemachine-deep-dive.txt');
    expectFrames(p.frames, [
      { index: 0, frameDistance: null, childSp: '0x29bbf8', retAddr: '0x7fefdd24d76', module: 'ntdll', function: 'NtCreateFile' },
      { index: 1, frameDistance: '0x8', childSp: '0x29bc00', module: 'KERNELBASE', function: 'CreateFileW', offset: '0x2cd' },
      { index: 2, frameDistance: '0x160', module: 'kernel32', function: 'CreateFileWImplementation', offset: '0x7d' },
      { index: 3, frameDistance: '0x60', module: 'usp10', function: 'UniStorInit', offset: '0xdd' },
      { index: 4, frameDistance: '0xa0', childSp: '0x29be60', retAddr: '0x7fefe5534af', module: 'usp10', function: 'InitUnistor', offset: '0x1d8' },
    ]);
  });

  test('kv on x64 keeps the four Args to Child', () => {
    const p = parse('kv-x64-x64dbg-issue2603.txt');
    expect(p.frames).toHaveLength(7);
    expect(p.frames[0]).toMatchObject({ index: 0, childSp: '0xffffa08a62f45a88', retAddr: '0xfffff8001811b2e5', args: ['0xf7', '0xffffa08a62f46d00', '0x50f971ea3deb', '0xffffaf068e15c214'], module: 'nt', function: 'KeBugCheckEx', offset: null });
    expect(p.frames[3]).toMatchObject({ index: 3, args: ['0xfffff80018395000', '0xfffff80017eb7000', '0x5b66800a6c000', '0x10001f'], function: '_GSHandlerCheck', offset: '0x13' });
    expect(p.frames[6]).toMatchObject({ index: 6, module: 'nt', function: 'KiDispatchException', offset: '0x144', args: ['0x0', '0xffffa08a62f46b40', '0x1000', '0x31'] });
  });

  test('k on x86 (ChildEBP) ends in a bare address; ~*k thread headers are understood', () => {
    const p = parse('k-x86-stack-overflow-docs.txt');
    expect(p.frames).toHaveLength(19);
    expect(p.frames[0]).toMatchObject({ index: 0, childSp: '0x9fdd0c', retAddr: '0x71a32520', module: 'COMCTL32', function: '_chkstk', offset: '0x25' });
    expect(p.frames[17]).toMatchObject({ childSp: '0x9fe2e4', retAddr: '0x9fe4a8', module: 'USER32', function: 'UserCallWinProcCheckWow', offset: '0x17f' });
    expect(p.frames[18]).toMatchObject({ index: 18, childSp: '0x0', retAddr: '0x0', module: null, function: null, offset: null, address: '0x9fe4a8' });
    expect(p.stacks.map((s) => [s.source, s.frames.length])).toEqual([['k', 19], ['~*k', 1]]);
    expect(p.unparsed).toEqual([]);
  });

  test('kp on x86 without symbols: unwind warning kept, bare addresses as call sites', () => {
    const p = parse('kp-x86-dynamorio-issue1154.txt');
    expect(p.frames).toHaveLength(13);
    expect(p.frames[0]).toMatchObject({ childSp: '0x1900e4ec', retAddr: '0x5590b08d', module: 'ntdll', function: 'NtRaiseHardError', offset: '0x12' });
    expect(p.frames[1]).toMatchObject({ childSp: '0x1900e4ec', retAddr: '0x5590b08d', module: null, address: '0x5590b08d' });
    expect(p.frames[12]).toMatchObject({ childSp: '0xeb14c483', retAddr: '0x0', address: '0xfc7d806f' });
    expect(p.warnings).toEqual([{ kind: 'unwind', module: null, line: 5, text: 'WARNING: Frame IP not in any known module. Following frames may be wrong.' }]);
    // The disassembly after the stack is recognised, not reported as garbage.
    expect(p.unparsed).toEqual([]);
  });

  test('kb after .thread: RetAddr-only header starts a kb stack', () => {
    const p = parse('kb-retaddr-lmvm-usbpcap-issue131.txt');
    expect(p.stacks.map((s) => s.source)).toEqual(['kb']);
    expect(p.modules).toEqual([
      expect.objectContaining({ name: 'USBPcap', start: '0xfffff8016b690000', end: '0xfffff8016b69e000', symbolStatus: 'no symbols', imageName: 'USBPcap.sys', imagePath: '\\SystemRoot\\system32\\DRIVERS\\USBPcap.sys', timestamp: '0x5ec79518', checksum: '0x17933', imageSize: '0xe000' }),
    ]);
    expect(p.warnings.map((w) => [w.kind, w.module])).toEqual([['symbol-load-error', 'USBPcap'], ['symbol-load-error', 'vmusb']]);
    expect(p.unparsed).toEqual([]);
  });
});

describe('STACK_TEXT', () => {
  test('x86 STACK_TEXT with source lines and a 0xcccccccc frame (ReactOS)', () => {
    const p = parse('stacktext-x86-source-reactos-pr1519.txt');
    expect(p.frames).toHaveLength(11);
    expect(p.frames[0]).toMatchObject({ index: 0, childSp: '0xf793e0ec', retAddr: '0x80545357', args: ['0xf793e114', '0x0', '0xf793e234'], module: 'nt', function: 'KiDispatchException', offset: '0x25', sourceFile: 'c:\\ros\\reactos\\ntoskrnl\\ke\\i386\\exp.c', sourceLine: 845 });
    expect(p.frames[4]).toMatchObject({ index: 4, retAddr: '0xcccccccc', function: 'KiTrap0E', offset: '0x8f', sourceFile: null, sourceLine: null });
    expect(p.frames[5]).toMatchObject({ index: 5, childSp: '0xf793e2a4', module: null, address: '0xcccccccc', args: ['0xf793e754', '0xf7940400', '0xf793e444'] });
    expect(p.frames[10]).toMatchObject({ function: 'KiDispatchException2Args', sourceFile: 'c:\\ros\\reactos\\ntoskrnl\\include\\internal\\i386\\ke.h', sourceLine: 700 });
    expect(p.warnings.map((w) => w.kind)).toEqual(['unwind']);
  });

  test('x64 STACK_TEXT of a double fault: every frame is dispatch chain, so no faulting frame', () => {
    const p = parse('stacktext-x64-doublefault-ksm-issue19.txt');
    expect(p.frames.map((f) => f.function)).toEqual(['DbgBreakPointWithStatus', 'KiBugCheckDebugBreak', 'KeBugCheck2', 'KeBugCheckEx', 'KiBugCheckDispatch', 'KiDoubleFaultAbort', 'KiDispatchException', 'KiExceptionDispatch', 'KiPageFault']);
    expect(p.frames[3]).toMatchObject({ childSp: '0xfffff880009f6cb0', retAddr: '0xfffff80002ad1469', args: ['0x7f', '0x8', '0x80050031', '0x406f8'], offset: '0x104' });
    expect(p.frames[7].args).toEqual(['0x0', '0x1', '0xdadadadadadada00', '0xdadadadadadadada']);
    expect(p.faulting).toBeNull();
  });
});

describe('!analyze -v', () => {
  test('older generation, x86 (Using the !analyze Extension)', () => {
    const p = parse('analyze-gen1-kernel-x86-docs.txt');
    expect(p.bugcheck).toEqual({ code: '0xd1', name: 'DRIVER_IRQL_NOT_LESS_OR_EQUAL', params: ['0x4', '0x2', '0x1', '0xf832035c'] });
    expect(p.analysis).toMatchObject({ generation: 1, symbolName: 'USBPORT!USBPORT_BadRequestFlush+7c', moduleName: 'USBPORT', imageName: 'USBPORT.SYS', faultingIp: 'USBPORT!USBPORT_BadRequestFlush+7c', failureBucketId: null });
    expect(p.analysis?.fields).toMatchObject({ BUGCHECK_STR: '0xD1', DEFAULT_BUCKET_ID: 'DRIVER_FAULT', BUCKET_ID: '0xD1_W_USBPORT!USBPORT_BadRequestFlush+7c' });
    expect(p.analysis?.argDescriptions).toEqual(['memory referenced', 'IRQL', 'value 0 = read operation, 1 = write operation', 'address which referenced memory']);
    expectFrames(p.frames, [
      { index: 0, childSp: '0xf8950e90', retAddr: '0xf83206e0', args: ['0x24c7262', '0x0', '0xf8950edc'], module: 'USBPORT', function: 'USBPORT_BadRequestFlush', offset: '0x7c' },
      { index: 1, childSp: '0xf8950eb0', retAddr: '0x804f5561', args: ['0x81cc8644', '0x81cc8028', '0x6d9a2f30'], module: 'USBPORT', function: 'USBPORT_DM_TimerDpc', offset: '0x10c' },
      { index: 2, module: 'nt', function: 'KiTimerListExpire', offset: '0xf3' },
      { index: 3, args: ['0x8053cf20', '0x0', '0x2e42'], module: 'nt', function: 'KiTimerExpiration', offset: '0xb0' },
      { index: 4, childSp: '0xf8950ff4', retAddr: '0x8052c16a', module: 'nt', function: 'KiRetireDpcList', offset: '0x31' },
    ]);
    expect(p.faulting).toEqual({ module: 'USBPORT', function: 'USBPORT_BadRequestFlush', offset: '0x7c' });
    expect(p.causedBy).toBe('USBPORT.SYS');
    expect(p.unparsed).toEqual([]);
  });

  test('2018 generation: BUGCHECK_P1..P4 and BUILD_VERSION_STRING without BUGCHECK_CODE', () => {
    const p = parse('analyze-gen1-pastebin-17134.txt');
    expect(p.bugcheck).toEqual({ code: '0x3b', name: 'SYSTEM_SERVICE_EXCEPTION', params: ['0xc0000005', '0xfffff800fd155341', '0xffffd28874f32ad0', '0x0'] });
    expect(p.analysis?.generation).toBe(1);
    expect(p.analysis?.buildLab).toBe('17134.1.amd64fre.rs4_release.180410-1804');
    expect(p.os).toEqual({ build: 17134, revision: 1, branch: 'rs4_release', arch: 'x64', buildLab: '17134.1.amd64fre.rs4_release.180410-1804', release: 'Windows 10 1803' });
    expect(p.unparsed).toEqual([]);
  });

  test('2020 generation: KEY_VALUES_STRING pairs and a timestamp warning', () => {
    const p = parse('analyze-gen2-ryzenmaster-issue2.txt');
    expect(p.bugcheck?.params).toEqual(['0xc0000096', '0xfffff802af7e1e59', '0xffff8f0ddffdaa40', '0x0']);
    expect(p.analysis?.generation).toBe(2);
    expect(p.analysis?.keyValues).toEqual({
      'Analysis.CPU.Sec': '1',
      'Analysis.DebugAnalysisProvider.CPP': 'Create: 8007007e on DEVICE',
      'Analysis.DebugData': 'CreateObject',
      'Analysis.DebugModel': 'CreateObject',
      'Analysis.Elapsed.Sec': '2',
      'Analysis.Memory.CommitPeak.Mb': '72',
      'Analysis.System': 'CreateObject',
    });
    expect(p.warnings).toEqual([{ kind: 'timestamp', module: 'AMDRyzenMasterDriver.sys', line: 20, text: '*** WARNING: Unable to verify timestamp for AMDRyzenMasterDriver.sys' }]);
  });

  test('2023 generation: Failure.Bucket keys, EXCEPTION_RECORD/CONTEXT, lmvm', () => {
    const p = parse('analyze-gen3-0x7e-evildriver.txt');
    expect(p.bugcheck).toEqual({ code: '0x7e', name: 'SYSTEM_THREAD_EXCEPTION_NOT_HANDLED', params: ['0xffffffffc0000005', '0xfffff8076624f3d4', '0xffffa1088a4aebf8', '0xffffa1088a4ae410'] });
    expect(p.analysis).toMatchObject({ generation: 3, failureBucketId: 'AV_EvilDriver!unknown_function', symbolName: 'EvilDriver+115b', moduleName: 'EvilDriver', imageName: 'EvilDriver.sys', buildLab: 'ni_release_svc_prod3' });
    expect(p.analysis?.keyValues['Failure.Hash']).toBe('{0a02cf11-80e3-568b-892e-59d7b590ecbf}');
    expect(p.os).toMatchObject({ build: 22621, revision: 1928, branch: 'ni_release_svc_prod3', arch: 'x64', release: 'Windows 11 22H2' });
    expect(p.process).toBe('System');
    expect(p.faulting).toEqual({ module: 'EvilDriver', function: null, offset: '0x115b' });
    expect(p.causedBy).toBe('EvilDriver.sys');
    expect(p.frames).toHaveLength(13);
    expect(p.frames[0]).toMatchObject({ childSp: '0xffffa1088a4aee30', retAddr: '0xfffff807662ad6b1', module: 'nt', function: 'RtlpHpVsFreeChunkInsert', offset: '0x1b4' });
    expect(p.frames[3]).toMatchObject({ index: 3, childSp: '0xffffa1088a4aef90', retAddr: '0xfffff80784da11ed', args: ['0x3', '0xfffff80784da32d8', '0xfffff78000000320', '0x0'], module: 'EvilDriver', function: null, offset: '0x115b' });
    expect(p.frames[12]).toMatchObject({ module: 'nt', function: 'KiStartSystemThread', offset: '0x34', retAddr: '0x0' });
    expect(p.modules).toEqual([
      expect.objectContaining({ name: 'EvilDriver', start: '0xfffff80784da0000', end: '0xfffff80784da7000', timestamp: '0x65171b40', imageSize: '0x7000', checksum: '0xb084', sessionSpace: false }),
    ]);
    expect(p.unparsed).toEqual([]);
  });

  test('mixed paste: MEX banner, !analyze, !crash (.bugcheck layout + kn), !pte', () => {
    const p = parse('mixed-0x50-driver-insightengineering.txt');
    expect(p.bugcheck).toEqual({ code: '0x50', name: 'PAGE_FAULT_IN_NONPAGED_AREA', params: ['0xffffe5068d8a4000', '0x2', '0xfffff801197f1d1e', '0x0'] });
    expect(p.os).toEqual({ build: 22621, revision: 1928, branch: 'ni_release_svc_prod3', arch: 'x64', buildLab: '22621.1928.amd64fre.ni_release_svc_prod3.230622-0951', kernelBase: '0xfffff80116000000', psLoadedModuleList: '0xfffff80116c130e0', release: 'Windows 11 22H2' });
    expect(p.commands.map((c) => c.text)).toEqual(['.load mex', '!di', '!analyze -v', '!crash', '!pte ffffe5068d8a4000']);
    expect(p.stacks.map((s) => [s.source, s.frames.length])).toEqual([['STACK_TEXT', 15], ['!crash', 15]]);
    expect(p.frames[4]).toMatchObject({ index: 4, childSp: '0xfffff90fb6d8ef78', retAddr: '0xfffff801197f1176', module: 'Driver', function: null, offset: '0x1d1e' });
    expect(p.frames[10]).toMatchObject({ module: 'nt', function: 'IopLoadDriver', offset: '0x523' });
    // The two listings of the same stack agree row by row.
    const crash = p.stacks[1].frames;
    crash.forEach((f, i) => expect([f.index, f.childSp, f.retAddr, f.module, f.function, f.offset]).toEqual([i, p.frames[i].childSp, p.frames[i].retAddr, p.frames[i].module, p.frames[i].function, p.frames[i].offset]));
    expect(p.analysis?.generation).toBe(3);
    expect(p.analysis?.argDescriptions[1]).toMatch(/^X64: bit 0 set .* bit 3 is set if the fault was due to attempted execute of a no-execute PTE\.$/);
    expect(p.faulting).toEqual({ module: 'Driver', function: null, offset: '0x1d1e' });
    expect(p.causedBy).toBe('Driver.sys');
    // MEX-only lines and !pte output are not modelled: they are listed, in order, not lost.
    expect(p.unparsed[0]).toBe('Mex External 3.0.0.7172 Loaded!');
    expect(p.unparsed).toContain('Page has been freed');
  });

  test('_M variant title with a stray Markdown backtick', () => {
    const p = parse('analyze-m-variant-cheatengine-issue2553.txt');
    expect(p.bugcheck).toEqual({ code: '0x1000007f', name: 'UNEXPECTED_KERNEL_MODE_TRAP_M', params: [null, null, null, null] });
    expect(p.analysis?.description[0]).toBe('This means a trap occurred in kernel mode, and it\'s a trap of a kind');
    expect(p.unparsed).toEqual([]);
  });
});

describe('Markdown pastes', () => {
  test('``` fenced !analyze in a GitHub comment', () => {
    const p = parse('markdown-fenced-btrfs-issue780.txt');
    expect(p.bugcheck).toEqual({ code: '0x3b', name: 'SYSTEM_SERVICE_EXCEPTION', params: ['0xc0000005', '0xfffff8020a68a129', '0xffffdf809ee262c0', '0x0'] });
    expect(p.commands).toEqual([{ prompt: '12: kd>', text: '!analyze -v', line: 5 }]);
    expect(p.warnings.map((w) => [w.kind, w.module])).toEqual([['timestamp', 'dbx.sys']]);
    expect(p.analysis?.fields['FILE_IN_CAB']).toBe('032026-13828-01.dmp');
    expect(p.analysis?.fields['TAG_NOT_DEFINED_202b']).toBe('*** Unknown TAG in analysis list 202b');
    expect(p.unparsed).toEqual(['Thanks.']);
  });

  test('<details> blocks: co_release build, bare user-mode frame, a second analysis header', () => {
    const p = parse('markdown-details-openzfs-issue88.txt');
    expect(p.os).toMatchObject({ build: 22000, revision: 1, branch: 'co_release', arch: 'x64', release: 'Windows 11 21H2' });
    expect(p.frames).toEqual([
      expect.objectContaining({ index: 0, childSp: '0x47b0cfa528', retAddr: '0x0', args: ['0x0', '0x0', '0x0', '0x0'], module: null, address: '0x7ffa506a41f4' }),
    ]);
    expect(p.analysis?.failureBucketId).toMatch(/^WRONG_SYMBOLS_X64_22000\.1\.amd64fre\.co_release/);
    expect(p.process).toBe('ntoskrnl.wrong.symbols.exe');
    expect(p.commands.map((c) => c.text)).toEqual(['!analyze -v ; q']);
    expect(p.bugcheck?.code).toBe('0x3b');
    expect(p.unparsed).toEqual([]);
  });
});

describe('banners, vertarget, .bugcheck, lm, BlueScreenView', () => {
  test('KDNET banner + vertarget-style banner + lm + lmv', () => {
    const p = parse('vertarget-lm-echo-lab.txt');
    expect(p.os).toEqual({ build: 16299, revision: 15, branch: 'rs3_release', arch: 'x64', buildLab: '16299.15.amd64fre.rs3_release.170928-1534', kernelBase: '0xfffff8009540d000', psLoadedModuleList: '0xfffff80095774110', release: 'Windows 10 1709' });
    expect(p.modules.map((m) => m.name)).toEqual(['volmgrx', 'mcupdate_GenuineIntel', 'werkernel', 'CLFS', 'tm', 'PSHED', 'BOOTVID', 'spaceport', 'Wdf01000', 'CI', 'tcpip', 'ECHO']);
    expect(p.modules[2]).toMatchObject({ start: '0xfffff801092de000', end: '0xfffff801092ec000', symbolStatus: 'export symbols', symbolFile: 'werkernel.sys' });
    expect(p.modules[10]).toMatchObject({ symbolStatus: 'no symbols', imagePath: '\\SystemRoot\\System32\\drivers\\tcpip.sys', imageName: 'tcpip.sys', timestamp: '0x546029f7', checksum: '0x263db1', imageSize: '0x26c000' });
    expect(p.modules[11]).toMatchObject({ symbolStatus: 'private pdb symbols', symbolFile: 'C:\\Samples\\KMDF_ECHO_SAMPLE\\echo.pdb', imageName: 'ECHO.sys' });
    expect(p.modules.every((m) => !m.sessionSpace)).toBe(true);
    expect(p.commands.map((c) => c.prompt)).toEqual(['0: kd>', '0: Kd>', '0: kd>']);
    expect(p.unparsed).toEqual(['...']);
  });

  test('vertarget with a pre-release branch tag', () => {
    const p = parse('vertarget-docs-9926.txt');
    expect(p.os).toEqual({ build: 9926, revision: 0, branch: 'fbl_awesome1501', arch: 'x64', buildLab: '9926.0.amd64fre.fbl_awesome1501.150119-1648', kernelBase: '0xfffff8018d283000', psLoadedModuleList: '0xfffff8018d58aef0' });
    expect(p.unparsed).toEqual([]);
  });

  test('minidump banner with Edition build lab (vb_release 19041)', () => {
    const p = parse('banner-minidump-19041-pastebin.txt');
    expect(p.os).toMatchObject({ build: 19041, revision: 1, branch: 'vb_release', arch: 'x64', release: 'Windows 10 2004', kernelBase: '0xfffff80363400000' });
    expect(p.commands).toEqual([{ prompt: '4: kd>', text: '!analyze -v', line: 27 }]);
    expect(p.unparsed).toEqual([]);
  });

  test('kd "*** Fatal System Error" announcement gives the bug check', () => {
    const p = parse('fatal-error-banner-simplevisor-pr24.txt');
    expect(p.bugcheck).toEqual({ code: '0x3b', name: 'SYSTEM_SERVICE_EXCEPTION', params: ['0xc000001d', '0xfffff80181d07b81', '0xfffff005eee5e110', '0x0'] });
    expect(p.os).toMatchObject({ build: 17046, revision: 1000, branch: 'rs_prerelease', arch: 'x64' });
    expect(p.unparsed).toEqual(['// ......', 'The SHV has been installed.']);
  });

  test('lm on x86 with Unloaded modules; a second listing merges instead of duplicating', () => {
    const p = parse('lm-x86-docs.txt');
    expect(p.modules.map((m) => m.name)).toEqual(['sysaudio', 'srv', 'sr', 'serial', 'serenum', 'swenum', 'stst', 'msvcrt', 'ADVAPI32', 'RPCRT4', 'kernel32', 'ntdll']);
    expect(p.modules[0]).toMatchObject({ start: '0xf9f73000', end: '0xf9f7fd80', symbolStatus: 'deferred' });
    expect(p.modules[4]).toMatchObject({ symbolFile: 'e:\\mysymbols\\SereEnum.pdb\\.......' });
    expect(p.modules[11]).toMatchObject({ start: '0x7c900000', end: '0x7c9b0000', symbolStatus: 'private pdb symbols', symbolFile: 'c:\\db20sym\\ntdll.pdb' });
    expect(p.unloadedModules).toEqual([
      { name: 'swmidi.sys', start: '0xf9f53000', end: '0xf9f61000' },
      { name: 'splitter.sys', start: '0xfb0ae000', end: '0xfb0b0000' },
      { name: 'Sfloppy.SYS', start: '0xfb040000', end: '0xfb043000' },
    ]);
    expect(p.unparsed).toEqual([]);
  });

  test('missing symbol path: boxed notices understood, "Unable to load image" kept as a warning', () => {
    const p = parse('symbols-invalid-minidump-docs-issue585.txt');
    expect(p.warnings).toEqual([{ kind: 'image-not-loaded', module: 'ntoskrnl.exe', line: 23, text: 'Unable to load image \\SystemRoot\\system32\\ntoskrnl.exe, Win32 error 0n2' }]);
    expect(p.unparsed).toEqual([]);
  });

  test('BlueScreenView report rows', () => {
    const p = parse('bluescreenview-btrfs-issue80.txt');
    expect(p.bugcheck).toEqual({ code: '0x1000007e', name: 'SYSTEM_THREAD_EXCEPTION_NOT_HANDLED_M', params: ['0xffffffffc0000005', '0xfffff80002099054', '0xfffff88002d55328', '0xfffff88002d54b90'] });
    expect(p.os).toEqual({ build: 7601, arch: 'x64', release: 'Windows 7 SP1' });
    expect(p.causedBy).toBe('btrfs.sys');
    expect(p.faulting).toEqual({ module: 'btrfs.sys', function: null, offset: '0x43808' });
    expect(p.blueScreenView?.fields).toMatchObject({ 'crash address': 'ntoskrnl.exe+3e054', 'major version': '15', 'file version': '1.0.1', 'processor count': '4' });
    expect(p.unparsed).toEqual([]);
  });
});
