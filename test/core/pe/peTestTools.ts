/**
 * Test support for the PE analyser: builds the mingw-w64 fixtures from test/fixtures/pe-src,
 * runs the reference tools (python3-pefile, objdump -p) and fetches a sample of Wine's PE files.
 * Everything is synchronous so it can run in beforeAll; every missing tool is reported by name.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PE_SRC_DIR = fileURLToPath(new URL('../../fixtures/pe-src/', import.meta.url));
const PEFILE_DUMP = fileURLToPath(new URL('./reference/pefile_dump.py', import.meta.url));
export const OBJDUMP = 'x86_64-w64-mingw32-objdump';

export function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v "$1" >/dev/null 2>&1`, 'sh', name]).status === 0;
}

/** Why the mingw fixtures cannot be built here, or null when they can. */
export function missingBuildTools(): string | null {
  const missing = ['x86_64-w64-mingw32-gcc', 'x86_64-w64-mingw32-dlltool', 'x86_64-w64-mingw32-windres', OBJDUMP].filter(
    (tool) => !hasCommand(tool),
  );
  return missing.length === 0
    ? null
    : `needs ${missing.join(', ')} (apt packages gcc-mingw-w64-x86-64, binutils-mingw-w64-x86-64)`;
}

export const X86_LINKER = 'i686-w64-mingw32-ld';

/**
 * Builds the fixtures once per content of test/fixtures/pe-src into a cache folder in the
 * temp dir. Parallel test files may race: each builds into its own folder and the first rename wins.
 */
export function buildPeFixtures(): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(PE_SRC_DIR).sort()) {
    hash.update(name).update(readFileSync(join(PE_SRC_DIR, name)));
  }
  hash.update(hasCommand(X86_LINKER) ? 'x86' : 'no-x86');
  const root = join(tmpdir(), 'driverlab-pe-fixtures');
  const target = join(root, hash.digest('hex').slice(0, 16));
  if (existsSync(join(target, '.complete'))) return target;
  mkdirSync(root, { recursive: true });
  const work = mkdtempSync(join(root, 'build-'));
  execFileSync('sh', [join(PE_SRC_DIR, 'build.sh'), work], { stdio: ['ignore', 'ignore', 'pipe'] });
  writeFileSync(join(work, '.complete'), '');
  try {
    renameSync(work, target);
  } catch {
    rmSync(work, { recursive: true, force: true });
  }
  return target;
}

/** A python3 that can import pefile (Debian's python3-pefile lives under /usr/bin/python3). */
export function findPefilePython(): string | null {
  for (const candidate of ['python3', '/usr/bin/python3']) {
    if (spawnSync(candidate, ['-c', 'import pefile']).status === 0) return candidate;
  }
  return null;
}

export interface PefileFunction {
  byOrdinal: boolean;
  ordinal: number | null;
  name: string | null;
  hint: number | null;
}

export interface PefileDump {
  error?: string;
  machine: string | null;
  timeDateStamp: number;
  magic: number;
  subsystem: string | null;
  sizeOfImage: number;
  imageBase: string;
  entryPointRva: number;
  dllCharacteristics: string[];
  checksumStored: number;
  checksumComputed: number;
  imphash: string;
  sections: Array<{
    name: string;
    virtualAddress: number;
    virtualSize: number;
    rawSize: number;
    characteristics: number;
    entropy: number;
  }>;
  imports: Array<{ module: string; delayLoad: boolean; functions: PefileFunction[] }>;
  exports: Array<{ name: string | null; ordinal: number; rva: number; forwarder: string | null }>;
  codeView: { data1: number; data2: number; data3: number; data4: string; age: number; pdbPath: string } | null;
  version: { fileVersionMS: number; fileVersionLS: number; strings: Record<string, string> } | null;
}

export function runPefile(python: string, files: readonly string[]): PefileDump[] {
  const out = execFileSync(python, [PEFILE_DUMP, ...files], { maxBuffer: 512 * 1024 * 1024, encoding: 'utf8' });
  return JSON.parse(out) as PefileDump[];
}

export function objdumpPrivateHeaders(file: string): string {
  return execFileSync(OBJDUMP, ['-p', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

export function objdumpSectionHeaders(file: string): string {
  return execFileSync(OBJDUMP, ['-h', file], { encoding: 'utf8' });
}

/** Where to find Wine's PE files: $DRIVERLAB_WINE_DIR, or a sample extracted from Debian's libwine. */
export const WINE_SAMPLE_SIZE = 25;
const WINE_PE_EXTENSIONS = /\.(dll|sys|exe|drv|ocx|cpl|acm)$/i;
/** Always in the sample: big export tables with forwarders, ordinal tables imphash needs. */
const WINE_NAMED_PICKS = ['kernel32.dll', 'ntoskrnl.exe', 'ws2_32.dll', 'oleaut32.dll', 'win32u.dll'];

export type WineSample = { files: string[] } | { skip: string };

function sampleOf(paths: readonly string[]): string[] {
  const sorted = [...paths].sort();
  const picked = new Set<string>();
  for (const name of WINE_NAMED_PICKS) {
    const hit = sorted.find((p) => p.toLowerCase().endsWith(`/${name}`));
    if (hit) picked.add(hit);
  }
  const drivers = sorted.filter((p) => /\.sys$/i.test(p));
  for (let i = 0; i < drivers.length && picked.size < 12; i += 2) picked.add(drivers[i]);
  const rest = sorted.filter((p) => !picked.has(p));
  const step = Math.max(1, Math.floor(rest.length / (WINE_SAMPLE_SIZE - picked.size)));
  for (let i = 0; i < rest.length && picked.size < WINE_SAMPLE_SIZE; i += step) picked.add(rest[i]);
  return [...picked];
}

function listPeFiles(dir: string, depth = 0): string[] {
  if (depth > 8) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listPeFiles(path, depth + 1));
    else if (entry.isFile() && WINE_PE_EXTENSIONS.test(entry.name)) out.push(path);
  }
  return out;
}

export function prepareWineSample(): WineSample {
  const fromEnv = process.env.DRIVERLAB_WINE_DIR;
  if (fromEnv) {
    const files = listPeFiles(fromEnv);
    if (files.length === 0) throw new Error(`DRIVERLAB_WINE_DIR=${fromEnv} holds no PE files`);
    return { files: sampleOf(files) };
  }
  const cache = join(tmpdir(), 'driverlab-wine-sample');
  const marker = join(cache, '.complete');
  if (!existsSync(marker)) {
    const missing = ['apt-get', 'dpkg-deb', 'tar'].filter((tool) => !hasCommand(tool));
    if (missing.length > 0) {
      return { skip: `no Wine PE files: set DRIVERLAB_WINE_DIR, or install ${missing.join(', ')} to fetch Debian's libwine` };
    }
    mkdirSync(cache, { recursive: true });
    // Fetches the .deb only (no install): `apt-get download libwine`, then extracts the sample.
    execFileSync('apt-get', ['download', 'libwine'], { cwd: cache, stdio: ['ignore', 'ignore', 'pipe'] });
    const deb = readdirSync(cache).find((name) => name.startsWith('libwine_') && name.endsWith('.deb'));
    if (!deb) throw new Error('apt-get download libwine produced no .deb');
    const debPath = join(cache, deb);
    const members = execFileSync('sh', ['-c', 'dpkg-deb --fsys-tarfile "$1" | tar -t', 'sh', debPath], {
      maxBuffer: 64 * 1024 * 1024,
      encoding: 'utf8',
    })
      .split('\n')
      .filter((path) => /-windows\//.test(path) && WINE_PE_EXTENSIONS.test(path));
    const extracted = join(cache, 'root');
    mkdirSync(extracted, { recursive: true });
    execFileSync('sh', [
      '-c',
      'deb="$1"; dir="$2"; shift 2; dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$dir" "$@"',
      'sh',
      debPath,
      extracted,
      ...sampleOf(members),
    ]);
    rmSync(join(cache, deb));
    writeFileSync(marker, '');
  }
  return { files: sampleOf(listPeFiles(join(cache, 'root'))) };
}

/** Deterministic PRNG (mulberry32) for the fuzz test. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
