import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tinyPe } from './tiny-pe';

/** A driver image on disk for the contract's path-import sample; written once per test process. */
const folder = mkdtempSync(join(tmpdir(), 'driverlab-sample-driver-'));
process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
export const SAMPLE_DRIVER_PATH = join(folder, 'ntonly.sys');
writeFileSync(SAMPLE_DRIVER_PATH, tinyPe({ imports: { 'ntoskrnl.exe': ['DbgPrint', 'IoCreateDevice'] } }));
