import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileSource, readDump } from '../../../src-main/core/dumps';
import { writeSparseKernelDump } from '../../support/dump-writer';

describe('large kernel dumps', () => {
  const dir = mkdtempSync(join(tmpdir(), 'driverlab-sparse-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a 1 GB bitmap kernel dump by offset, touching only the header', () => {
    const path = join(dir, 'MEMORY.DMP');
    const size = 1024 * 1024 * 1024;
    writeSparseKernelDump(path, size, {
      dumpType: 6,
      bugcheckCode: 0xd1,
      bitmap: { firstPage: 0x20000n, presentPages: 0x3fff0n, pages: 0x40000n },
    });
    expect(statSync(path).size).toBe(size);

    const source = fileSource(path);
    let bytesRead = 0;
    const counting = {
      size: source.size,
      name: source.name,
      read(offset: number, length: number) {
        const chunk = source.read(offset, length);
        bytesRead += chunk.length;
        return chunk;
      },
    };
    try {
      const report = readDump(counting);
      expect(report.dumpType).toBe('bitmap-kernel');
      expect(report.bugcheck.name).toBe('DRIVER_IRQL_NOT_LESS_OR_EQUAL');
      expect(report.bitmap).toMatchObject({ signature: 'SDMP', presentPages: '0x3fff0' });
    } finally {
      source.close();
    }
    expect(bytesRead).toBeLessThan(64 * 1024);
  });

  it('refuses to read after close', () => {
    const path = join(dir, 'small.dmp');
    writeSparseKernelDump(path, 0x4000);
    const source = fileSource(path);
    source.close();
    expect(() => source.read(0, 8)).toThrow(/closed/);
  });
});
