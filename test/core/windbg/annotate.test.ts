import { describe, expect, test } from 'vitest';
import { annotateFrames, parseDebuggerText } from '../../../src-main/core/windbg';
import { readFixture } from './fixtureLoader';

const parse = (name: string) => parseDebuggerText(readFixture(name));

describe('annotateFrames', () => {
  test('0x50 in an unsymbolized driver: dispatch chain, faulting frame, first non-Microsoft frame', () => {
    const a = annotateFrames(parse('mixed-0x50-driver-insightengineering.txt'));
    expect(a.frames.map((f) => f.dispatch)).toEqual([true, true, true, true, false, false, false, false, false, false, false, false, false, false, false]);
    expect(a.frames.map((f) => f.microsoft)).toEqual([true, true, true, true, false, false, false, false, false, true, true, true, true, true, true]);
    expect(a.faultingIndex).toBe(4);
    expect(a.firstNonMicrosoftIndex).toBe(4);
    expect(a.frames[4]).toMatchObject({ module: 'Driver', offset: '0x1d1e', resolvedFrom: 'symbol', faulting: true, firstNonMicrosoft: true });
  });

  test('0x7e: SYMBOL_NAME picks the driver frame although nt frames sit above it', () => {
    const p = parse('analyze-gen3-0x7e-evildriver.txt');
    const a = annotateFrames(p);
    expect(a.faultingIndex).toBe(3);
    expect(a.firstNonMicrosoftIndex).toBe(3);
    expect(a.frames[0]).toMatchObject({ module: 'nt', microsoft: true, dispatch: false, faulting: false });
  });

  test('without SYMBOL_NAME the frame below the trap chain is faulting (x86, bare address)', () => {
    const a = annotateFrames(parse('stacktext-x86-source-reactos-pr1519.txt'));
    expect(a.faultingIndex).toBe(5);
    expect(a.frames.slice(0, 5).every((f) => f.dispatch)).toBe(true);
  });

  test('a stack that is all dispatch chain, or has no chain, has no faulting frame', () => {
    expect(annotateFrames(parse('stacktext-x64-doublefault-ksm-issue19.txt')).faultingIndex).toBeNull();
    expect(annotateFrames(parse('kn-x64-inline-source-echo-lab.txt')).faultingIndex).toBeNull();
  });

  test('raw addresses resolve to module+offset through a provided module list', () => {
    // dynamorio.dll's base 0x55650000 is stated in the same issue (DynamoRIO/dynamorio#1154).
    const a = annotateFrames(parse('kp-x86-dynamorio-issue1154.txt'), {
      modules: [{ name: 'dynamorio', start: '0x55650000', end: '0x55a00000' }],
    });
    expect(a.frames[1]).toMatchObject({ module: 'dynamorio', offset: '0x2bb08d', resolvedFrom: 'modules', microsoft: false });
    expect(a.frames[10]).toMatchObject({ module: 'dynamorio', offset: '0x2897f2' });
    expect(a.frames[11]).toMatchObject({ module: null, resolvedFrom: null });
    expect(a.firstNonMicrosoftIndex).toBe(1);
  });

  test('the pasted lm list resolves raw frames too', () => {
    const p = parseDebuggerText([
      '0: kd> lm',
      'start             end                 module name',
      'fffff801`197f0000 fffff801`197f7000   injdrv     (no symbols)',
      '0: kd> k',
      ' # Child-SP          RetAddr               Call Site',
      '00 fffff90f`b6d8ef78 fffff801`197f1176     0xfffff801`197f1d1e',
    ].join('\n'));
    expect(annotateFrames(p).frames[0]).toMatchObject({ module: 'injdrv', offset: '0x1d1e', resolvedFrom: 'modules' });
  });

  test('module+offset → nearest preceding export of a known driver image', () => {
    const p = parse('mixed-0x50-driver-insightengineering.txt');
    // A hypothetical export table: the lookup picks the highest RVA at or below each offset.
    const a = annotateFrames(p, {
      drivers: [{ name: 'Driver.sys', exports: [{ name: 'CopyHelper', rva: 0x1c00 }, { name: 'CreateRandomFile', rva: 0x1000 }, { name: 'DriverEntry', rva: 0x1400 }] }],
    });
    expect(a.frames[4].nearestExport).toEqual({ driver: 'Driver.sys', name: 'CopyHelper', displacement: '0x11e' });
    expect(a.frames[5].nearestExport).toEqual({ driver: 'Driver.sys', name: 'CreateRandomFile', displacement: '0x176' });
    expect(a.frames[8].nearestExport).toEqual({ driver: 'Driver.sys', name: 'DriverEntry', displacement: '0xa0' });
    expect(a.frames[9].nearestExport).toBeNull();
  });

  test('does not mutate the parse result', () => {
    const p = parse('kp-x86-dynamorio-issue1154.txt');
    const before = JSON.stringify(p);
    annotateFrames(p, { modules: [{ name: 'dynamorio', start: '0x55650000', end: '0x55a00000' }] });
    expect(JSON.stringify(p)).toBe(before);
  });
});
