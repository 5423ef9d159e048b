import { test } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyzePe } from '../../../src-main/core/pe/index';
import { runPefile } from './peTestTools';
import { expectSameAsPefile } from './pefileComparison';
test('all wine', () => {
  const dir = '/tmp/driverlab-wine/root/usr/lib/x86_64-linux-gnu/wine/x86_64-windows';
  const files = readdirSync(dir).filter((f) => /\.(dll|sys|exe|drv|ocx|cpl|acm|ax|com|ds|tlb|msstyles)$/.test(f)).map((f) => join(dir, f));
  const dumps = runPefile('/usr/bin/python3', files);
  let bad = 0;
  files.forEach((f, i) => {
    const ours = analyzePe(readFileSync(f), { fileName: f });
    try { expectSameAsPefile(ours, dumps[i]); } catch (e) { bad++; if (bad < 6) console.log(f, String(e).slice(0, 1500)); }
    if (ours.warnings.length) console.log('WARN', f, ours.warnings);
  });
  console.log('files', files.length, 'bad', bad);
}, 600000);
