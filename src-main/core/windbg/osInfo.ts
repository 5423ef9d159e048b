/**
 * Windows version facts from dump banners, `vertarget`, `!analyze` fields and BlueScreenView.
 * Release names come from the shared build table (`reference/windows-builds.ts`, DOMAIN.md "Windows builds").
 */
import { describeBuild } from '../reference/windows-builds';
import { normalizeHex } from './hex';
import type { ParsedOs } from './types';


const LAB_ARCH: Record<string, string> = { amd64: 'x64', x86: 'x86', arm64: 'arm64', arm: 'arm', wow64: 'x64' };

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
    const known = describeBuild(this.os.build);
    if (known !== null) this.os.release = `${known.name} ${known.release}`;
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
