import { describe, expect, test } from 'vitest';
import { analyzePe, predictLoadOutcomes } from '../../../src-main/core/pe/index';
import type { LoadPrediction } from '../../../src-main/core/pe/index';
import { buildSyntheticPe, SectionWriter } from './syntheticPe';

/** A driver-shaped image importing one function from `module` (regular or delay-load). */
function driverImporting(module: string, delayLoad = false): Uint8Array {
  const w = new SectionWriter(0x200);
  if (delayLoad) {
    w.u32(0, 1).u32(4, 0x1040).u32(12, 0x1100).u32(16, 0x1100);
  } else {
    w.u32(0, 0x1100).u32(12, 0x1040).u32(16, 0x1100);
  }
  w.ascii(0x40, module).u16(0x80, 0).ascii(0x82, 'SomeFunction').u64(0x100, 0x1080n);
  return buildSyntheticPe({ sections: [{ name: '.idata', data: w.bytes }], directories: { [delayLoad ? 13 : 1]: [0x1000, 40] } });
}

function byMethod(predictions: LoadPrediction[], method: LoadPrediction['loadMethod']): LoadPrediction {
  const found = predictions.find((p) => p.loadMethod === method);
  if (!found) throw new Error(`no prediction for ${method}`);
  return found;
}

describe('predictLoadOutcomes', () => {
  test('win32k imports: NtLoadDriver bugchecks in MiSessionLookupImage, the GDI-driver path resolves', () => {
    const analysis = analyzePe(driverImporting('WIN32K.SYS'), { fileName: 'drv.sys' });
    expect(analysis.sessionImports).toEqual(['WIN32K.SYS']);
    const predictions = predictLoadOutcomes(analysis);
    expect(predictions.map((p) => p.loadMethod)).toEqual(['NtLoadDriver', 'SystemLoadGdiDriverInformation', 'ManualMap']);

    const scm = byMethod(predictions, 'NtLoadDriver');
    expect(scm.predicted).toBe('bugcheck');
    expect(scm.modules).toEqual(['WIN32K.SYS']);
    expect(scm.context).toMatch(/System-process \(PID 4\)/);
    for (const step of [
      'MiResolveImageReferences',
      'PsLoadedModuleList',
      'MiSessionReferenceImage',
      'MiSessionLookupImage',
      'Session + 0x58',
    ]) {
      expect(scm.reason).toContain(step);
    }
    expect(byMethod(predictions, 'SystemLoadGdiDriverInformation')).toMatchObject({
      predicted: 'loads',
      modules: ['WIN32K.SYS'],
    });
    expect(byMethod(predictions, 'ManualMap').predicted).toBe('unknown');
  });

  test('no session imports: no session-related failure for any method', () => {
    const predictions = predictLoadOutcomes(analyzePe(driverImporting('ntoskrnl.exe'), { fileName: 'drv.sys' }));
    expect(byMethod(predictions, 'NtLoadDriver')).toMatchObject({ predicted: 'loads', modules: [] });
    expect(byMethod(predictions, 'NtLoadDriver').reason).toMatch(/no session-related failure/);
    expect(byMethod(predictions, 'SystemLoadGdiDriverInformation').predicted).toBe('loads');
  });

  test('delay-load imports from win32k are not resolved by the kernel loader, so they do not count', () => {
    const analysis = analyzePe(driverImporting('win32k.sys', true), { fileName: 'drv.sys' });
    expect(analysis.imports).toEqual([{ module: 'win32k.sys', delayLoad: true, functions: [{ name: 'SomeFunction', hint: 0 }] }]);
    expect(analysis.sessionImports).toEqual([]);
    expect(byMethod(predictLoadOutcomes(analysis), 'NtLoadDriver').predicted).toBe('loads');
  });

  test('a caller-supplied session list is honoured', () => {
    const analysis = analyzePe(driverImporting('tsddd.dll'), { fileName: 'drv.sys', sessionImages: ['win32k.sys', 'TSDDD.DLL'] });
    expect(analysis.sessionImports).toEqual(['tsddd.dll']);
    expect(byMethod(predictLoadOutcomes(analysis), 'NtLoadDriver').predicted).toBe('bugcheck');
  });

  test('an unreadable image predicts nothing', () => {
    const predictions = predictLoadOutcomes(analyzePe(new Uint8Array(10), { fileName: 'broken.sys' }));
    expect(predictions.map((p) => p.predicted)).toEqual(['unknown', 'unknown', 'unknown']);
  });
});
