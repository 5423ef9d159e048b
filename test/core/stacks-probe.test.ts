import { test } from 'vitest';
import { parseDebuggerText, annotateFrames } from '../../src-main/core/windbg';
import { fixtureNames, readFixture } from './windbg/fixtureLoader';
test('probe', () => {
  for (const name of fixtureNames()) {
    const p = parseDebuggerText(readFixture(name));
    const a = annotateFrames(p);
    console.log(name, JSON.stringify({ b: p.bugcheck?.code, n: p.bugcheck?.name, os: p.os?.build, frames: p.frames.length, mods: p.modules.length, unp: p.unparsed.length, cb: p.causedBy, fi: a.faultingIndex, nm: a.firstNonMicrosoftIndex, disp: a.frames.filter(f=>f.dispatch).length, addr: p.frames.filter(f=>f.address).length, res: a.frames.filter(f=>f.resolvedFrom==='modules').length }));
  }
});
