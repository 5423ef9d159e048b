import { describe, expect, it } from 'vitest';
import {
  buildLabel,
  describeBuild,
  formatWindowsVersion,
  knownWindowsBuilds,
  parseWindowsVersion,
} from '../../../src-main/core/reference/windows-builds';

describe('describeBuild', () => {
  it.each([
    [7600, 'Windows 7', 'RTM'],
    [7601, 'Windows 7', 'SP1'],
    [9600, 'Windows 8.1', 'RTM'],
    [10240, 'Windows 10', '1507'],
    [18362, 'Windows 10', '1903'],
    [19041, 'Windows 10', '2004'],
    [19045, 'Windows 10', '22H2'],
    [20348, 'Windows Server 2022', '21H2'],
    [22000, 'Windows 11', '21H2'],
    [22631, 'Windows 11', '23H2'],
    [26100, 'Windows 11', '24H2'],
    [26200, 'Windows 11', '25H2'],
  ])('describes %i as %s %s', (build, name, release) => {
    expect(describeBuild(build)).toMatchObject({ build, name, release });
  });

  it('carries the branch tags seen in dumps', () => {
    expect(describeBuild(19041)?.branch).toBe('vb_release');
    expect(describeBuild(22000)?.branch).toBe('co_release');
    expect(describeBuild(22621)?.branch).toBe('ni_release');
    expect(describeBuild(26100)?.branch).toBe('ge_release');
  });

  it('gives the kernel version of each generation', () => {
    expect(describeBuild(7601)?.kernelVersion).toBe('6.1');
    expect(describeBuild(9200)?.kernelVersion).toBe('6.2');
    expect(describeBuild(22621)?.kernelVersion).toBe('10.0');
  });

  it('does not guess unknown builds', () => {
    expect(describeBuild(19046)).toBeNull();
    expect(describeBuild(0)).toBeNull();
    expect(describeBuild(-1)).toBeNull();
    expect(buildLabel(12345)).toBe('build 12345');
    // Windows 10 20H2–22H2 run the 19041 kernel (enablement packages), so a dump's build 19041 names them all.
    expect(buildLabel(19041)).toBe('Windows 10 2004–22H2 (19041)');
    expect(buildLabel(19045)).toBe('Windows 10 22H2 (19045)');
  });

  it('lists builds in ascending order without duplicates', () => {
    const builds = knownWindowsBuilds().map((b) => b.build);
    expect(builds).toEqual([...builds].sort((a, b) => a - b));
    expect(new Set(builds).size).toBe(builds.length);
  });
});

describe('Windows versions', () => {
  it('parses and formats major.minor.build.revision', () => {
    const v = parseWindowsVersion('10.0.19045.3803');
    expect(v).toEqual({ major: 10, minor: 0, build: 19045, revision: 3803 });
    expect(v && formatWindowsVersion(v)).toBe('10.0.19045.3803');
  });

  it('accepts a version without revision', () => {
    expect(parseWindowsVersion('6.1.7601')).toEqual({ major: 6, minor: 1, build: 7601, revision: null });
    expect(formatWindowsVersion({ major: 6, minor: 1, build: 7601, revision: null })).toBe('6.1.7601');
  });

  it('rejects anything else', () => {
    for (const bad of ['', '10', '10.0', '10.0.x.1', '10.0.19045.3803.1', 'Windows 10', '10.0.99999999999.1']) {
      expect(parseWindowsVersion(bad), bad).toBeNull();
    }
  });
});
