import { describe, expect, it } from 'vitest';
import { bugcheckInfo, bugcheckName, formatBugcheckCode, parseBugcheckCode } from '../../../src-main/core/reference/bugchecks';
import { BUGCHECK_NAMES } from '../../../src-main/core/reference/bugcheck-names';
import { BUGCHECK_PARAMETERS } from '../../../src-main/core/reference/bugcheck-parameters';

describe('bugcheckName', () => {
  it.each([
    [0x1n, 'APC_INDEX_MISMATCH'],
    [0xan, 'IRQL_NOT_LESS_OR_EQUAL'],
    [0x3bn, 'SYSTEM_SERVICE_EXCEPTION'],
    [0x7en, 'SYSTEM_THREAD_EXCEPTION_NOT_HANDLED'],
    [0xd1n, 'DRIVER_IRQL_NOT_LESS_OR_EQUAL'],
    [0xe2n, 'MANUALLY_INITIATED_CRASH'],
    [0x133n, 'DPC_WATCHDOG_VIOLATION'],
    [0x1c8n, 'MANUALLY_INITIATED_POWER_BUTTON_HOLD'],
    [0xc000021an, 'WINLOGON_FATAL_ERROR'],
    [0xdeaddeadn, 'MANUALLY_INITIATED_CRASH1'],
  ])('names %s as %s', (code, name) => {
    expect(bugcheckName(code)).toBe(name);
  });

  it('derives _M variants from the base code', () => {
    expect(bugcheckName(0x1000007en)).toBe('SYSTEM_THREAD_EXCEPTION_NOT_HANDLED_M');
    expect(bugcheckName(0x1000008en)).toBe('KERNEL_MODE_EXCEPTION_NOT_HANDLED_M');
    expect(bugcheckName(0x100000ean)).toBe('THREAD_STUCK_IN_DEVICE_DRIVER_M');
  });

  it('does not treat other high codes as _M variants', () => {
    // 0xDEADDEAD has bit 28 set but is its own code; 0x3000007E is not an _M pattern.
    expect(bugcheckName(0xdeaddeadn)).toBe('MANUALLY_INITIATED_CRASH1');
    expect(bugcheckName(0x3000007en)).toBeNull();
    expect(bugcheckName(0x10000000n)).toBeNull();
  });

  it('returns null for unknown, negative and over-wide codes', () => {
    expect(bugcheckName(0n)).toBeNull();
    expect(bugcheckName(0x1ffn)).toBeNull();
    expect(bugcheckName(-1n)).toBeNull();
    expect(bugcheckName(0x1_0000_007en)).toBeNull();
  });

  it('has names that look like bug check symbols, and no code twice', () => {
    expect(BUGCHECK_NAMES.size).toBeGreaterThan(400);
    for (const [code, name] of BUGCHECK_NAMES) {
      expect(name, `0x${code.toString(16)}`).toMatch(/^[A-Z0-9_]+$/);
      expect(code).toBeGreaterThan(0);
      expect(code).toBeLessThanOrEqual(0xffffffff);
    }
  });
});

describe('formatBugcheckCode / parseBugcheckCode', () => {
  it('writes lowercase hex without padding', () => {
    expect(formatBugcheckCode(0x1000007en)).toBe('0x1000007e');
    expect(formatBugcheckCode(0xd1n)).toBe('0xd1');
    expect(formatBugcheckCode(0xdeaddeadn)).toBe('0xdeaddead');
  });

  it('parses what WinDbg, BlueScreenView and users type', () => {
    expect(parseBugcheckCode('0x0000007E')).toBe(0x7en);
    expect(parseBugcheckCode('d1')).toBe(0xd1n);
    expect(parseBugcheckCode(' 0x1000007e ')).toBe(0x1000007en);
    expect(parseBugcheckCode('SYSTEM_SERVICE_EXCEPTION')).toBeNull();
    expect(parseBugcheckCode('0x1ffffffff')).toBeNull();
    expect(parseBugcheckCode('')).toBeNull();
  });

  it('round-trips through format and parse', () => {
    for (const code of [0x1n, 0x7en, 0x1000007en, 0xc000021an]) {
      expect(parseBugcheckCode(formatBugcheckCode(code))).toBe(code);
    }
  });
});

describe('bugcheckInfo', () => {
  it('documents the four parameters of the common codes', () => {
    const common = [
      0xa, 0x1e, 0x3b, 0x50, 0x7e, 0x7f, 0x9f, 0xc2, 0xc4, 0xd1, 0xef, 0x133, 0x139, 0x1a, 0xbe, 0xc5, 0xfc, 0x101, 0x124, 0xe2,
      0xdeaddead,
    ];
    for (const code of common) {
      const info = bugcheckInfo(BigInt(code));
      expect(info.name, `0x${code.toString(16)}`).not.toBeNull();
      expect(info.summary, `0x${code.toString(16)}`).toBeTruthy();
      expect(info.params).toHaveLength(4);
    }
  });

  it('gives 0x7E its documented parameters', () => {
    const info = bugcheckInfo(0x7en);
    expect(info.code).toBe('0x7e');
    expect(info.params[0]).toMatch(/exception code/i);
    expect(info.params[1]).toMatch(/address/i);
    expect(info.params[2]).toMatch(/exception record/i);
    expect(info.params[3]).toMatch(/context record/i);
  });

  it('shares the base documentation with _M variants', () => {
    const info = bugcheckInfo(0x1000007en);
    expect(info.code).toBe('0x1000007e');
    expect(info.name).toBe('SYSTEM_THREAD_EXCEPTION_NOT_HANDLED_M');
    expect(info.params).toEqual(bugcheckInfo(0x7en).params);
  });

  it('returns four nulls and no summary for an unknown code', () => {
    const info = bugcheckInfo(0x1ffn);
    expect(info).toEqual({ code: '0x1ff', name: null, params: [null, null, null, null] });
  });

  it('only documents codes that have a name', () => {
    for (const code of BUGCHECK_PARAMETERS.keys()) expect(BUGCHECK_NAMES.has(code)).toBe(true);
  });

  it('returns a copy that callers cannot use to change the table', () => {
    const info = bugcheckInfo(0xd1n);
    info.params[0] = 'changed';
    expect(bugcheckInfo(0xd1n).params[0]).not.toBe('changed');
  });
});
