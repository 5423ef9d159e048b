// Checks what the built CLI reads from the real triage dump kept outside the repository (../shared/fixtures/
// triage_x64.dmp, from rizinorg/rizin-testbins) against the facts written down in ../shared/fixtures/PROVENANCE.md.
// Usage: npm run build && node scripts/check-fixture-dump.mjs. Exits 0 with a note when the fixture is absent (users'
// clones do not have it), 1 on any MISMATCH.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = resolve(root, '..', 'shared', 'fixtures');
const dump = join(fixtures, 'triage_x64.dmp');
const provenance = join(fixtures, 'PROVENANCE.md');
const cli = join(root, 'out', 'main', 'cli.js');

if (!existsSync(dump)) {
  console.log(`No fixture at ${dump}: nothing to check (it is kept outside the repository).`);
  process.exit(0);
}
if (!existsSync(cli)) {
  console.error('The CLI is not built: run `npm run build` first (this script checks what users run).');
  process.exit(1);
}

/**
 * The expected values, read from PROVENANCE.md so the two never drift apart; the numbers after `??` are what it said
 * when this script was written, used only if its wording changes.
 */
function expectations() {
  const text = existsSync(provenance) ? readFileSync(provenance, 'utf8') : '';
  const hex = (pattern, fallback) => {
    const match = pattern.exec(text);
    return match ? BigInt(match[1]) : fallback;
  };
  return {
    build: Number(hex(/MinorVersion\s+(0x[0-9a-f]+)/i, 0x4a61n)),
    param1: hex(/BugCheckParameter1\s+(0x[0-9a-f]+)/i, 0xffffffffc0000005n),
    code: hex(/bugcheck\s+(0x[0-9a-f]+)/i, 0x1000007en),
    processors: Number(/(\d+)\s+processors/i.exec(text)?.[1] ?? 16),
    drivers: Number(hex(/(0x[0-9a-f]+)\s+\(\d+\)\s+entries/i, 0x97n)),
    dumpType: /DumpType\s+(\d+)/i.exec(text)?.[1] ?? '4',
    signature: /\((PAGEDU64|PAGEDUMP)/.exec(text)?.[1] ?? 'PAGEDU64',
  };
}

const result = spawnSync(process.execPath, [cli, 'dump', dump, '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
if (result.status !== 0) {
  console.error(`driverlab dump failed (exit ${result.status}):\n${result.stderr}`);
  process.exit(1);
}
const report = JSON.parse(result.stdout);
const expected = expectations();
const checks = [
  ['signature', report.signature, expected.signature],
  ['DumpType', String(report.dumpTypeCode), expected.dumpType],
  [
    'build (MinorVersion)',
    `${report.build} (0x${report.build.toString(16).toUpperCase()})`,
    `${expected.build} (0x${expected.build.toString(16).toUpperCase()})`,
  ],
  ['bug check code', report.bugcheck.code, `0x${expected.code.toString(16)}`],
  ['BugCheckParameter1', report.bugcheck.params[0], `0x${expected.param1.toString(16)}`],
  ['processors', String(report.processors), String(expected.processors)],
  [
    'triage driver entries',
    `${report.drivers.length} (0x${report.drivers.length.toString(16)})`,
    `${expected.drivers} (0x${expected.drivers.toString(16)})`,
  ],
];

let failed = 0;
console.log(`driverlab dump ${dump} --json`);
for (const [label, got, want] of checks) {
  const ok = got === want;
  if (!ok) failed++;
  console.log(
    `  ${label.padEnd(22)} read ${String(got).padEnd(22)} PROVENANCE.md ${String(want).padEnd(22)} ${ok ? 'OK' : 'MISMATCH'}`,
  );
}
console.log('Also read (not in PROVENANCE.md):');
console.log(`  bug check name        ${report.bugcheck.name}`);
console.log(`  machine               ${report.machine}, ${report.dumpTypeLabel}`);
console.log(
  `  caused by             ${report.causedBy ? `${report.causedBy.module}+${report.causedBy.offset} (${report.causedBy.reason})` : 'none'}`,
);
console.log(
  `  frames                ${report.frames.length}; top: ${report.frames
    .slice(0, 3)
    .map((f) => (f.module ? `${f.module}+${f.offset}` : f.address))
    .join(', ')}`,
);
console.log(`  unloaded drivers      ${report.unloadedDrivers.length}`);
console.log(`  warnings              ${report.warnings.length ? report.warnings.join(' | ') : 'none'}`);
process.exit(failed ? 1 : 0);
