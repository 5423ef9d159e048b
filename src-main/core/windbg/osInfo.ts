/**
 * Windows version facts from dump banners, `vertarget`, `!analyze` fields and BlueScreenView.
 * Build names come from DOMAIN.md "Windows builds" (source: nvaccess/nvda `source/winVersion.py`).
 */
import { normalizeHex } from './hex';
import type { ParsedOs } from './types';

/** DOMAIN.md build table (nvaccess/nvda `source/winVersion.py`). */
export const WINDOWS_BUILDS: ReadonlyMap<number, string> = new Map([
  [7600, 'Windows 7'],
  [7601, 'Windows 7 SP1'],
  [9200, 'Windows 8'],
  [9600, 'Windows 8.1'],
  [10240, 'Windows 10 1507'],
  [10586, 'Windows 10 1511'],
  [14393, 'Windows 10 1607'],
  [15063, 'Windows 10 1703'],
  [16299, 'Windows 10 1709'],
  [17134, 'Windows 10 1803'],
  [17763, 'Windows 10 1809'],
  [18362, 'Windows 10 1903'],
  [18363, 'Windows 10 1909'],
  [19041, 'Windows 10 2004'],
  [19042, 'Windows 10 20H2'],
  [19043, 'Windows 10 21H1'],
  [19044, 'Windows 10 21H2'],
  [19045, 'Windows 10 22H2'],
  [20348, 'Windows Server 2022'],
  [22000, 'Windows 11 21H2'],
  [22621, 'Windows 11 22H2'],
  [22631, 'Windows 11 23H2'],
  [26100, 'Windows 11 24H2'],
  [26200, 'Windows 11 25H2'],
]);

const LAB_ARCH: Record<string, string> = { amd64: 'x64', x86: 'x86', arm64: 'arm64', arm: 'arm', wow64: 'x64' };

/** Which source a fact came from; stronger sources overwrite weaker ones. */
export type OsStrength = 1 | 2 | 3;

export class OsCollector {
  private os: ParsedOs | null = null;
  private buildStrength = 0;

  /** `18362.1.amd64fre.19h1_release.190318-1202` (Built by / Edition build lab / BUILD_VERSION_STRING). */
  buildLab(lab: string): boolean {
    const m = /^(\d{4,5})\.(\d+)\.([a-z0-9]+?)(?:fre|chk)\.([A-Za-z0-9_]+)\.(\d{6}-\d{4})/.exec(lab.trim());
    if (!m) return false;
    this.setBuild(Number(m[1]), 3);
    const os = this.ensure();
    os.revision = Number(m[2]);
    os.arch = LAB_ARCH[m[3]] ?? os.arch ?? m[3];
    os.branch = m[4];
    os.buildLab = m[0];
    return true;
  }

  /** `10.0.22621.1928` (OS_VERSION, WER.OS.Version). */
  version(text: string): boolean {
    const m = /^\s*10\.0\.(\d{4,5})(?:\.(\d+))?/.exec(text) ?? /^\s*6\.[0-3]\.(\d{4})(?:\.(\d+))?/.exec(text);
    if (!m) return false;
    this.setBuild(Number(m[1]), 2);
    const os = this.ensure();
    if (m[2] !== undefined && os.revision === undefined) os.revision = Number(m[2]);
    return true;
  }

  /** `Windows 10 Kernel Version 18362 MP (2 procs) Free x64`, `Connected to Windows 10 16299 x64 target`. */
  kernelLine(text: string): boolean {
    const k = /Kernel Version (\d{4,5})\b.*?\b(x64|x86|ARM64|ARM)\s*$/i.exec(text);
    const c = /Connected to Windows .*? (\d{4,5}) (x64|x86|ARM64|ARM) target/i.exec(text);
    const m = k ?? c;
    if (!m) return false;
    this.setBuild(Number(m[1]), 1);
    const os = this.ensure();
    if (os.arch === undefined) os.arch = m[2].toLowerCase();
    return true;
  }

  branch(text: string): void {
    const b = text.trim();
    if (!/^[A-Za-z0-9_]+$/.test(b)) return;
    const os = this.ensure();
    if (os.branch === undefined) os.branch = b;
  }

  arch(text: string): void {
    const a = text.trim().toLowerCase();
    if (!/^(x64|x86|arm64|arm)$/.test(a)) return;
    const os = this.ensure();
    if (os.arch === undefined) os.arch = a;
  }

  /** BlueScreenView "Minor version" is the build number. */
  bsvBuild(build: number): void {
    if (build >= 2000 && build < 100000) this.setBuild(build, 1);
  }

  kernelBase(text: string): boolean {
    const m = /Kernel base = (\S+) PsLoadedModuleList = (\S+)/.exec(text);
    if (!m) return false;
    const os = this.ensure();
    os.kernelBase = normalizeHex(m[1]) ?? undefined;
    os.psLoadedModuleList = normalizeHex(m[2]) ?? undefined;
    return true;
  }

  result(): ParsedOs | null {
    if (this.os === null || this.os.build === 0) return null;
    const release = WINDOWS_BUILDS.get(this.os.build);
    if (release !== undefined) this.os.release = release;
    return this.os;
  }

  private ensure(): ParsedOs {
    if (this.os === null) this.os = { build: 0 };
    return this.os;
  }

  private setBuild(build: number, strength: number): void {
    const os = this.ensure();
    if (strength >= this.buildStrength) {
      if (os.build !== build && this.buildStrength > 0 && strength > this.buildStrength) {
        // A stronger source disagrees: its revision/branch describe another build, start over.
        delete os.revision;
      }
      os.build = build;
      this.buildStrength = strength;
    }
  }
}
