// Crash-dump reading speed, as ratios to baselines measured in the same run (`node scripts/bench-dumps.mjs`; `npm run
// bench` runs it too). Two synthetic dumps from test/support/dump-writer.ts:
//   - a triage dump (Minidump\*.dmp) with 151 drivers, like the real Windows 10 one in ../shared/fixtures;
//   - a 1 GB sparse bitmap kernel dump (MEMORY.DMP), of which the reader must touch only the header.
// In process: readDump against reading the same bytes with fs (the floor any reader pays).
// As users run it: `driverlab dump FILE --json` (the built CLI) against the bare start of Node (`node -e ''`).
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'out', 'main', 'cli.js');
const work = mkdtempSync(join(tmpdir(), 'driverlab-bench-dumps-'));
const GiB = 1024 * 1024 * 1024;

function ms(start) {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Mean milliseconds per call of `work`, after a warm-up. */
function perCall(iterations, work) {
  for (let i = 0; i < Math.min(50, iterations); i++) work();
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) work();
  return ms(start) / iterations;
}

/** The reader and the dump writer are TypeScript; rolldown (Vite's bundler, already installed) makes them importable. */
async function loadModules() {
  const { build } = await import('rolldown');
  const dir = join(work, 'bundle');
  await build({
    input: { reader: join(root, 'src-main/core/dumps/index.ts'), writer: join(root, 'test/support/dump-writer.ts') },
    platform: 'node',
    output: { dir, format: 'esm' },
    write: true,
    logLevel: 'silent',
  });
  const reader = await import(pathToFileURL(join(dir, 'reader.js')).href);
  const writer = await import(pathToFileURL(join(dir, 'writer.js')).href);
  return { reader, writer };
}

function triageSpec() {
  const drivers = [];
  for (let i = 0; i < 151; i++) {
    drivers.push({
      path: i === 0 ? '\\SystemRoot\\system32\\ntoskrnl.exe' : `\\SystemRoot\\System32\\drivers\\driver${i}.sys`,
      base: 0xfffff80470000000n + BigInt(i) * 0x200000n,
      size: 0x100000,
      timeDateStamp: 0x5f000000 + i,
    });
  }
  const values = [];
  for (let i = 0; i < 0x400; i++) values.push(i % 3 === 0 ? drivers[i % drivers.length].base + 0x1234n : BigInt(i));
  return {
    build: 19041,
    processors: 16,
    bugcheckCode: 0x1000007e,
    bugcheckParams: [0xffffffffc0000005n, drivers[77].base + 0x1772n, 0n, 0n],
    context: { pc: drivers[77].base + 0x1772n, sp: 0xffff850429890000n, fp: 0xffff850429891000n },
    triage: { drivers, stack: { base: 0xffff850429890000n, values } },
  };
}

/** A DumpSource that remembers which byte ranges the reader asked for. */
function recordingSource(reader, path, ranges) {
  const inner = reader.fileSource(path);
  return {
    size: inner.size,
    name: path,
    read(offset, length) {
      ranges.push([offset, length]);
      return inner.read(offset, length);
    },
    close: () => inner.close(),
  };
}

function readRanges(path, ranges) {
  const fd = openSync(path, 'r');
  try {
    for (const [offset, length] of ranges) readSync(fd, Buffer.allocUnsafe(length), 0, length, offset);
  } finally {
    closeSync(fd);
  }
}

function runNode(args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const elapsed = ms(start);
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed (${result.status}): ${result.stderr.slice(-1000)}`);
  return elapsed;
}

function row(label, value, baseline, baselineLabel) {
  const ratio = value / baseline;
  console.log(`  ${label.padEnd(44)} ${value.toFixed(3).padStart(9)} ms   ${ratio.toFixed(2).padStart(6)}x ${baselineLabel}`);
}

try {
  const started = process.hrtime.bigint();
  const { reader, writer } = await loadModules();
  const triage = join(work, 'Mini011926-01.dmp');
  const big = join(work, 'MEMORY.DMP');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(triage, writer.writeSyntheticDump(triageSpec()).bytes);
  writer.writeSparseKernelDump(big, GiB, { build: 19041, processors: 16 });
  const report = reader.readDumpFile(triage);
  if (report.drivers.length !== 151 || report.causedBy?.module !== 'driver77.sys')
    throw new Error(
      `the synthetic triage dump read wrong: ${report.drivers.length} drivers, caused by ${report.causedBy?.module}`,
    );

  console.log(
    `Crash dumps: triage ${statSync(triage).size} bytes (151 drivers, ${report.frames.length} frames); kernel dump ${statSync(big).size / GiB} GiB (sparse)`,
  );
  console.log('In process (mean per read):');
  const triageFloor = perCall(2000, () => readFileSync(triage));
  const triageRead = perCall(2000, () => reader.readDumpFile(triage));
  row('readDumpFile(triage)', triageRead, triageFloor, 'readFileSync of the same file');
  const triageJson = perCall(2000, () => JSON.stringify(reader.readDumpFile(triage)));
  row('readDumpFile(triage) + JSON.stringify', triageJson, triageFloor, 'readFileSync of the same file');

  const ranges = [];
  const source = recordingSource(reader, big, ranges);
  const bigReport = reader.readDump(source);
  source.close();
  const touched = ranges.reduce((sum, [, length]) => sum + length, 0);
  const bigFloor = perCall(2000, () => readRanges(big, ranges));
  const bigRead = perCall(2000, () => reader.readDumpFile(big));
  row(`readDumpFile(1 GiB ${bigReport.dumpType})`, bigRead, bigFloor, `open + readSync of the ${ranges.length} ranges it reads`);
  console.log(`  bytes read from the 1 GiB dump: ${touched} (${((touched / GiB) * 100).toFixed(4)} % of the file)`);

  if (existsSync(cli)) {
    console.log('As users run it (mean wall time per process, `driverlab dump FILE --json`):');
    const runs = 12;
    runNode(['-e', '']);
    runNode([cli, 'dump', triage, '--json']);
    let startup = 0;
    let cliTriage = 0;
    let cliBig = 0;
    // Interleaved so that machine noise hits all three alike.
    for (let i = 0; i < runs; i++) {
      startup += runNode(['-e', '']) / runs;
      cliTriage += runNode([cli, 'dump', triage, '--json']) / runs;
      cliBig += runNode([cli, 'dump', big, '--json']) / runs;
    }
    row("node -e ''", startup, startup, "node -e ''");
    row('driverlab dump Mini011926-01.dmp --json', cliTriage, startup, "node -e ''");
    row('driverlab dump MEMORY.DMP (1 GiB) --json', cliBig, startup, "node -e ''");
  } else {
    console.log('Built CLI not found: run `npm run build` to measure `driverlab dump` as users run it.');
  }
  console.log(`(dump benchmark took ${(ms(started) / 1000).toFixed(1)} s)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
