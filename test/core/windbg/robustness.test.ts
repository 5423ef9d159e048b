/** Bad input: empty, binary garbage, huge pastes, endless stacks, seeded mutations of the real samples. */
import { describe, expect, test } from 'vitest';
import { MAX_FRAMES, UNPARSED_LIMIT, parseDebuggerText, type ParsedPaste } from '../../../src-main/core/windbg';
import { fixtureNames, readFixture } from './fixtureLoader';

const HEX = /^0x[0-9a-f]+$/;

/** Invariants every result keeps, whatever the input. */
function checkShape(p: ParsedPaste): void {
  expect(() => JSON.stringify(p)).not.toThrow();
  expect(p.unparsed.length).toBeLessThanOrEqual(UNPARSED_LIMIT);
  if (p.bugcheck !== null) {
    expect(p.bugcheck.code).toMatch(HEX);
    expect(p.bugcheck.params).toHaveLength(4);
    for (const v of p.bugcheck.params) if (v !== null) expect(v).toMatch(HEX);
  }
  for (const f of p.frames) {
    for (const v of [f.childSp, f.retAddr, f.offset, f.address, f.trapFrame, f.frameDistance]) if (v !== null) expect(v).toMatch(HEX);
    for (const v of f.args) expect(v).toMatch(HEX);
    expect(Number.isInteger(f.index)).toBe(true);
  }
  for (const m of p.modules) {
    expect(m.start).toMatch(HEX);
    expect(m.end).toMatch(HEX);
  }
}

/** mulberry32: small seeded PRNG so failures reproduce. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOISE = ['`', '``', ':', '(', ')', '[', ']', '@', '!', '+0x', '0x', '--------`--------', '(Inline Function)', ' # ', '\t', '\u0000', '\r', 'ffffffff`', 'Key  : ', 'Value: ', 'STACK_TEXT:', '```', '> '];

function mutate(text: string, random: () => number): string {
  const lines = text.split('\n');
  const ops = 1 + Math.floor(random() * 8);
  for (let i = 0; i < ops; i++) {
    const at = Math.floor(random() * lines.length);
    const line = lines[at] ?? '';
    const pos = Math.floor(random() * (line.length + 1));
    switch (Math.floor(random() * 7)) {
      case 0:
        lines[at] = line.slice(0, pos) + line.slice(pos + 1 + Math.floor(random() * 20));
        break;
      case 1:
        lines[at] = line.slice(0, pos) + NOISE[Math.floor(random() * NOISE.length)] + line.slice(pos);
        break;
      case 2:
        lines.splice(at, 0, line);
        break;
      case 3:
        lines.splice(at, 1);
        break;
      case 4: {
        const other = Math.floor(random() * lines.length);
        [lines[at], lines[other]] = [lines[other], lines[at]];
        break;
      }
      case 5:
        lines[at] = line.toUpperCase();
        break;
      default:
        lines.length = Math.max(1, at);
    }
  }
  return lines.join(random() < 0.2 ? '\r\n' : '\n');
}

describe('bad input never throws and yields a partial result', () => {
  test('empty and blank', () => {
    for (const input of ['', '   ', '\n\n\n', '\r\n']) {
      const p = parseDebuggerText(input);
      expect(p).toMatchObject({ bugcheck: null, os: null, process: null, faulting: null, causedBy: null, frames: [], modules: [], unparsed: [] });
    }
  });

  test('binary garbage', () => {
    const random = rng(7);
    let garbage = '';
    for (let i = 0; i < 200_000; i++) garbage += String.fromCharCode(Math.floor(random() * 0x3000));
    const p = parseDebuggerText(garbage);
    checkShape(p);
    expect(p.unparsed.length + p.unparsedOmitted).toBeGreaterThan(0);
  });

  test('a 10 MB paste keeps the frame cap and the unparsed cap, and says so', () => {
    const sample = readFixture('analyze-gen3-0x7e-evildriver.txt') + '\nsome prose nobody understands\n';
    const big = sample.repeat(Math.ceil((10 * 1024 * 1024) / sample.length));
    expect(big.length).toBeGreaterThanOrEqual(10 * 1024 * 1024);
    const p = parseDebuggerText(big);
    checkShape(p);
    expect(p.bugcheck?.code).toBe('0x7e');
    expect(p.stacks.reduce((n, s) => n + s.frames.length, 0)).toBe(MAX_FRAMES);
    expect(p.limits).toContain(`only the first ${MAX_FRAMES} frames were kept`);
    expect(p.unparsed).toHaveLength(UNPARSED_LIMIT);
    expect(p.unparsedOmitted).toBeGreaterThan(0);
  });

  test('100,000 frames in one STACK_TEXT', () => {
    const row = 'ffffa108`8a4aef90 fffff807`84da11ed     : 00000000`00000003 fffff807`84da32d8 fffff780`00000320 00000000`00000000 : EvilDriver+0x115b';
    const p = parseDebuggerText(['STACK_TEXT:', ...Array.from({ length: 100_000 }, () => row)].join('\n'));
    expect(p.frames).toHaveLength(MAX_FRAMES);
    expect(p.stacks[0].truncated).toBe(true);
    expect(p.frames[MAX_FRAMES - 1]).toMatchObject({ index: MAX_FRAMES - 1, module: 'EvilDriver', offset: '0x115b' });
  });

  test('one enormous line is cut, not scanned forever', () => {
    const p = parseDebuggerText(`STACK_TEXT:\n${'fffff807`84da11ed '.repeat(200_000)}`);
    checkShape(p);
    expect(p.limits.some((l) => /cut to \d+ characters/.test(l))).toBe(true);
  });
});

describe('fuzz: seeded mutations of every real sample', () => {
  for (const name of fixtureNames()) {
    test(name, () => {
      const text = readFixture(name);
      const random = rng(name.length * 7919 + text.length);
      for (let i = 0; i < 40; i++) checkShape(parseDebuggerText(mutate(text, random)));
    });
  }
});
