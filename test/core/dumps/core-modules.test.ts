import { describe, expect, it } from 'vitest';
import { isCoreModule } from '../../../src-main/core/dumps';

describe('isCoreModule', () => {
  it.each([
    'ntoskrnl.exe',
    'NTKRNLMP.EXE',
    'ntkrpamp.exe',
    'hal.dll',
    'halmacpi.dll',
    'kdcom.dll',
    'kd.dll',
    'kdnet.dll',
    'CI.dll',
    'CLFS.SYS',
    'FLTMGR.SYS',
    'ndis.sys',
    'tcpip.sys',
    'win32k.sys',
    'win32kfull.sys',
    'win32kbase.sys',
    'cdd.dll',
    'PSHED.dll',
    'Wdf01000.sys',
  ])('treats %s as core', (name) => {
    expect(isCoreModule(name)).toBe(true);
  });

  it.each(['injdrv.sys', 'amdppm.sys', 'ntfs.sys', 'nvlddmkm.sys', 'kdnic.sys', 'halo.sys', 'ntoskrnl.sys', 'VBoxNetAdp6.sys'])(
    'blames %s',
    (name) => {
      expect(isCoreModule(name)).toBe(false);
    },
  );
});
