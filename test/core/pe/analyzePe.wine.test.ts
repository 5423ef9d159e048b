/**
 * analyzePe against python3-pefile on a sample of Wine's PE files (Debian's libwine, fetched
 * with `apt-get download libwine` into the temp dir, or any folder named by DRIVERLAB_WINE_DIR).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { analyzePe } from '../../../src-main/core/pe/index';
import { findPefilePython, prepareWineSample, runPefile, WINE_SAMPLE_SIZE } from './peTestTools';
import type { PefileDump } from './peTestTools';
import { expectSameAsPefile } from './pefileComparison';

const pefilePython = findPefilePython();

describe.skipIf(pefilePython === null)(
  `Wine's PE files${pefilePython ? '' : ' (skipped: needs apt package python3-pefile)'}`,
  () => {
    let files: string[] = [];
    let skipReason: string | null = null;
    let dumps: PefileDump[] = [];

    beforeAll(() => {
      const sample = prepareWineSample();
      if ('skip' in sample) {
        skipReason = sample.skip;
        return;
      }
      files = sample.files;
      dumps = runPefile(pefilePython ?? 'python3', files);
    });

    test('the sample is complete and includes drivers', (context) => {
      if (skipReason) context.skip(skipReason);
      expect(files).toHaveLength(WINE_SAMPLE_SIZE);
      expect(files.filter((f) => f.endsWith('.sys')).length).toBeGreaterThanOrEqual(5);
    });

    test(`each of ${WINE_SAMPLE_SIZE} files matches pefile field by field`, (context) => {
      if (skipReason) context.skip(skipReason);
      let forwarders = 0;
      for (const [index, file] of files.entries()) {
        const ours = analyzePe(readFileSync(file), { fileName: basename(file) });
        try {
          expectSameAsPefile(ours, dumps[index]);
        } catch (error) {
          throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        }
        forwarders += ours.exports.filter((e) => e.forwarder !== null).length;
      }
      // kernel32.dll forwards to kernelbase/ntdll: the forwarder path is exercised on real data.
      expect(forwarders).toBeGreaterThan(0);
    });
  },
);
