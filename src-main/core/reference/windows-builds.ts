/**
 * Windows build numbers → product and release, and the full version format.
 *
 * Build → release table and the branch tags vb_release (19041), co_release (22000),
 * ni_release (22621) and ge_release (26100): DOMAIN.md, from nvaccess/nvda `source/winVersion.py`.
 * Enablement-package releases share the branch of the build they update (19042–19045 → vb_release,
 * 22631 → ni_release, 26200 → ge_release). Branch tags of older builds are the ones their
 * `BuildLab` strings carry (e.g. `18362.1.amd64fre.19h1_release.190318-1202`, quoted in DOMAIN.md).
 */

/** One known Windows build. */
export interface WindowsBuild {
  /** Build number, the dump header's MinorVersion (e.g. 19041). */
  build: number;
  /** Product name, e.g. `Windows 10`, `Windows Server 2022`. */
  name: string;
  /** Release label within the product: `SP1`, `2004`, `22H2`, `RTM`… */
  release: string;
  /** Kernel version `major.minor` (6.1 for Windows 7, 10.0 from Windows 10 on). */
  kernelVersion: string;
  /** Source-branch tag seen in BuildLab strings and dump banners, when known (e.g. `vb_release`). */
  branch: string | null;
}

const BUILDS: readonly WindowsBuild[] = [
  { build: 7600, name: 'Windows 7', release: 'RTM', kernelVersion: '6.1', branch: 'win7_rtm' },
  { build: 7601, name: 'Windows 7', release: 'SP1', kernelVersion: '6.1', branch: 'win7sp1_rtm' },
  { build: 9200, name: 'Windows 8', release: 'RTM', kernelVersion: '6.2', branch: 'win8_rtm' },
  { build: 9600, name: 'Windows 8.1', release: 'RTM', kernelVersion: '6.3', branch: 'winblue_rtm' },
  { build: 10240, name: 'Windows 10', release: '1507', kernelVersion: '10.0', branch: 'th1' },
  { build: 10586, name: 'Windows 10', release: '1511', kernelVersion: '10.0', branch: 'th2_release' },
  { build: 14393, name: 'Windows 10', release: '1607', kernelVersion: '10.0', branch: 'rs1_release' },
  { build: 15063, name: 'Windows 10', release: '1703', kernelVersion: '10.0', branch: 'rs2_release' },
  { build: 16299, name: 'Windows 10', release: '1709', kernelVersion: '10.0', branch: 'rs3_release' },
  { build: 17134, name: 'Windows 10', release: '1803', kernelVersion: '10.0', branch: 'rs4_release' },
  { build: 17763, name: 'Windows 10', release: '1809', kernelVersion: '10.0', branch: 'rs5_release' },
  { build: 18362, name: 'Windows 10', release: '1903', kernelVersion: '10.0', branch: '19h1_release' },
  { build: 18363, name: 'Windows 10', release: '1909', kernelVersion: '10.0', branch: '19h1_release' },
  { build: 19041, name: 'Windows 10', release: '2004', kernelVersion: '10.0', branch: 'vb_release' },
  { build: 19042, name: 'Windows 10', release: '20H2', kernelVersion: '10.0', branch: 'vb_release' },
  { build: 19043, name: 'Windows 10', release: '21H1', kernelVersion: '10.0', branch: 'vb_release' },
  { build: 19044, name: 'Windows 10', release: '21H2', kernelVersion: '10.0', branch: 'vb_release' },
  { build: 19045, name: 'Windows 10', release: '22H2', kernelVersion: '10.0', branch: 'vb_release' },
  { build: 20348, name: 'Windows Server 2022', release: '21H2', kernelVersion: '10.0', branch: 'fe_release' },
  { build: 22000, name: 'Windows 11', release: '21H2', kernelVersion: '10.0', branch: 'co_release' },
  { build: 22621, name: 'Windows 11', release: '22H2', kernelVersion: '10.0', branch: 'ni_release' },
  { build: 22631, name: 'Windows 11', release: '23H2', kernelVersion: '10.0', branch: 'ni_release' },
  { build: 26100, name: 'Windows 11', release: '24H2', kernelVersion: '10.0', branch: 'ge_release' },
  { build: 26200, name: 'Windows 11', release: '25H2', kernelVersion: '10.0', branch: 'ge_release' },
];

const BY_BUILD: ReadonlyMap<number, WindowsBuild> = new Map(BUILDS.map((b) => [b.build, b]));

/** Every known build, oldest first (for pickers and outcome-matrix columns). */
export function knownWindowsBuilds(): readonly WindowsBuild[] {
  return BUILDS;
}

/** The known build with exactly this number, or null (Insider and unlisted builds are not guessed). */
export function describeBuild(build: number): WindowsBuild | null {
  const found = BY_BUILD.get(build);
  return found ? { ...found } : null;
}

/**
 * Kernel builds that later releases kept: an enablement package raises the build users see in winver but not the
 * kernel's, so a dump or `vertarget` from Windows 10 22H2 reports 19041 (`Built by: 19041.1.amd64fre.vb_release…`).
 */
const SHARED_KERNEL_RELEASES = new Map<number, string>([
  [19041, '2004–22H2'],
  [22621, '22H2–23H2'],
  [26100, '24H2–25H2'],
]);

/**
 * The release a kernel build number names, e.g. `Windows 10 2004–22H2 (19041)` for a build that several releases
 * share; an unknown build reads `build 12345`.
 */
export function buildLabel(build: number): string {
  const known = BY_BUILD.get(build);
  if (!known) return `build ${build}`;
  return `${known.name} ${SHARED_KERNEL_RELEASES.get(build) ?? known.release} (${build})`;
}

/** A full Windows version: major.minor.build.revision, the revision being the UBR. */
export interface WindowsVersion {
  major: number;
  minor: number;
  build: number;
  /** Update build revision (UBR); null when only major.minor.build is known. */
  revision: number | null;
}

/** `10.0.19045.3803` or `10.0.19045` (no revision). */
export function formatWindowsVersion(v: WindowsVersion): string {
  const head = `${v.major}.${v.minor}.${v.build}`;
  return v.revision === null ? head : `${head}.${v.revision}`;
}

/**
 * Parses `10.0.19045.3803` or `10.0.19045` (as in `WER.OS.Version` or `OS_VERSION` lines).
 * Returns null for anything else; each part must be a decimal number below 2^32.
 */
export function parseWindowsVersion(text: string): WindowsVersion | null {
  const match = /^\s*(\d{1,10})\.(\d{1,10})\.(\d{1,10})(?:\.(\d{1,10}))?\s*$/.exec(text);
  if (!match) return null;
  const parts = [match[1], match[2], match[3], match[4]].map((p) => (p === undefined ? null : Number(p)));
  if (parts.some((p) => p !== null && p > 0xffffffff)) return null;
  const [major, minor, build, revision] = parts;
  if (major === null || minor === null || build === null) return null;
  return { major, minor, build, revision };
}
