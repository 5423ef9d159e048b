import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openCore, type Core } from '../../src-main/core/api';
import { fixedClock, useTempDir } from './temp';

/** A core over a fresh notebook file with a frozen clock, closed after each test. */
export function useCore(): () => Core {
  const tempDir = useTempDir();
  const open: Core[] = [];
  afterEach(() => {
    for (const core of open.splice(0)) core.close();
  });
  return () => {
    const core = openCore(join(tempDir(), 'test.driverlab'), { now: fixedClock() });
    open.push(core);
    return core;
  };
}
