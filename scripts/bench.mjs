// `npm run bench`: speed targets measured against baselines taken in the same run, printed as ratios.
// 1. Importing Wine's x86_64 PE set (~690 files, ~640 MB, from Debian's libwine) into a fresh notebook with the built
//    CLI, against python3-pefile computing the same fields (2 processes, as DriverLab uses 2 worker threads here) and
//    against the floor of reading and SHA-256-hashing the same bytes. Targets: <= 0.3x pefile, <= 1.5x the floor.
// 2. Crash dumps (scripts/bench-dumps.mjs).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, openSync, readSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'out', 'main', 'cli.js');
const cache = join(tmpdir(), 'driverlab-bench');
const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.slice(0, 3).join(' ')} … failed (${result.status}): ${result.stderr?.slice(-2000)}`);
  return result;
}

function wineFolder() {
  const dir = join(cache, 'wine', 'usr', 'lib', 'x86_64-linux-gnu', 'wine', 'x86_64-windows');
  if (existsSync(dir)) return dir;
  mkdirSync(cache, { recursive: true });
  console.log('Fetching Wine PE files (apt-get download libwine)…');
  run('apt-get', ['download', 'libwine'], { cwd: cache });
  const deb = readdirSync(cache).find((name) => name.startsWith('libwine_') && name.endsWith('.deb'));
  if (!deb) throw new Error('apt-get download libwine produced no .deb');
  run('dpkg', ['-x', join(cache, deb), join(cache, 'wine')]);
  return dir;
}

function isPe(path) {
  const fd = openSync(path, 'r');
  const head = Buffer.alloc(2);
  readSync(fd, head, 0, 2, 0);
  closeSync(fd);
  return head[0] === 0x4d && head[1] === 0x5a;
}

function seconds(work) {
  const start = process.hrtime.bigint();
  const value = work();
  return { value, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

function benchPe() {
  if (!existsSync(cli)) throw new Error('Build first: npm run build');
  const dir = wineFolder();
  const files = readdirSync(dir).map((name) => join(dir, name)).filter((path) => statSync(path).isFile() && isPe(path));
  const bytes = files.reduce((sum, path) => sum + statSync(path).size, 0);
  console.log(`PE set: ${files.length} files, ${(bytes / 1e6).toFixed(0)} MB (Wine, x86_64-windows)`);

  // Warm the page cache so every contender reads from memory.
  for (const path of files) readFileSync(path);
  const floor = seconds(() => {
    for (const path of files) createHash('sha256').update(readFileSync(path)).digest();
  });

  const work = mkdtempSync(join(tmpdir(), 'driverlab-bench-'));
  try {
    const notebook = join(work, 'bench.driverlab');
    const driverlab = seconds(() => run(process.execPath, [cli, 'import', dir, '--notebook', notebook, '--json']));
    const result = JSON.parse(driverlab.value.stdout);
    const pefile = seconds(() => run(python, [join(root, 'scripts', 'bench', 'pefile_fields.py'), ...files], { env: { ...process.env, BENCH_WORKERS: '2' } }));
    console.log(
      `  imported ${result.imported.length}, duplicates ${result.duplicates.length}, failed ${result.failed.length}, skipped ${result.skipped}`,
    );
    const rows = [
      ['read + SHA-256 (floor, 1 thread)', floor.seconds, 1, null],
      ['python3-pefile, same fields (2 processes)', pefile.seconds, pefile.seconds / floor.seconds, 1],
      ['driverlab import (CLI, fresh notebook)', driverlab.seconds, driverlab.seconds / floor.seconds, driverlab.seconds / pefile.seconds],
    ];
    console.log('  contender                                    seconds   x floor   x pefile');
    for (const [name, s, xf, xp] of rows)
      console.log(`  ${name.padEnd(44)} ${s.toFixed(2).padStart(7)}   ${xf.toFixed(2).padStart(7)}   ${xp === null ? '      -' : xp.toFixed(3).padStart(8)}`);
    const vsPefile = driverlab.seconds / pefile.seconds;
    const vsFloor = driverlab.seconds / floor.seconds;
    console.log(`  target <= 0.3x pefile: ${vsPefile.toFixed(3)} ${vsPefile <= 0.3 ? 'MET' : 'NOT MET'}`);
    console.log(`  target <= 1.5x floor:  ${vsFloor.toFixed(2)} ${vsFloor <= 1.5 ? 'MET' : 'NOT MET'}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

benchPe();
const dumps = join(root, 'scripts', 'bench-dumps.mjs');
if (existsSync(dumps)) {
  console.log('');
  run(process.execPath, [dumps], { stdio: 'inherit' });
}
