import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSyntheticDump } from './dump-writer';

/**
 * Two small triage dumps for the contract's sample requests: one sent as an upload, one read from disk. The file is
 * written once per test process and removed when it exits.
 */
const drivers = [
  { path: '\\SystemRoot\\system32\\ntoskrnl.exe', base: 0xfffff8047ba00000n, size: 0x1046000, timeDateStamp: 1 },
  { path: '\\??\\C:\\lab\\sample.sys', base: 0xfffff8048b580000n, size: 0x2f000, timeDateStamp: 2 },
];

function sampleDump(bugcheckCode: number): Uint8Array {
  return writeSyntheticDump({
    build: 19041,
    bugcheckCode,
    bugcheckParams: [0xffffffffc0000005n, 0xfffff8048b581772n, 0n, 0n],
    context: { pc: 0xfffff8048b581772n, sp: 0xffff850429891000n, fp: 0xffff850429891100n },
    triage: { drivers, stack: { base: 0xffff850429891000n, values: [0xfffff8047bc0f4e1n] } },
  }).bytes;
}

export const SAMPLE_DUMP_BASE64 = Buffer.from(sampleDump(0x1000007e)).toString('base64');

const folder = mkdtempSync(join(tmpdir(), 'driverlab-sample-dump-'));
process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
export const SAMPLE_DUMP_PATH = join(folder, 'MEMORY-sample.dmp');
writeFileSync(SAMPLE_DUMP_PATH, sampleDump(0x3b));
