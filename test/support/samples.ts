import type { Method, Req } from '../../src-main/contract';
import { SAMPLE_DUMP_BASE64, SAMPLE_DUMP_PATH } from './sample-dumps';
import { SAMPLE_DRIVER_PATH } from './sample-drivers';
import { tinyPeBase64 } from './tiny-pe';

/**
 * One valid request per contract method, in an order where each succeeds on a fresh notebook.
 * The mapped type makes adding a method without a sample a compile error.
 */
export const SAMPLE_REQUESTS: { [M in Method]: Req<M> } = {
  'notebook.seedDemo': {},
  'jobs.cancel': { jobId: 'no-such-job' },
  'notes.create': { title: 'sample note', body: '# x' },
  'notes.list': {},
  'notes.get': { id: 1 },
  'notes.update': { id: 1, body: 'changed' },
  'notes.delete': { id: 1 },
  'loader.paths': {},
  'observations.set': { experimentId: 2, stepId: 1, status: 'reached' },
  'observations.list': { experimentId: 2 },
  'matrix.get': {},
  'drivers.importUploads': { files: [{ name: 'w32kimp.sys', dataBase64: tinyPeBase64({ imports: { 'win32k.sys': ['EngCreateBitmap'] } }) }] },
  'drivers.importPaths': { paths: [SAMPLE_DRIVER_PATH], jobId: 'sample-job-1' },
  'drivers.list': {},
  'drivers.get': { id: 1 },
  'drivers.reanalyze': { id: 1 },
  'settings.sessionImages': {},
  'settings.setSessionImages': { names: ['win32k.sys', 'win32kbase.sys', 'win32kfull.sys', 'cdd.dll', 'tsddd.dll'] },
  'drivers.delete': { id: 2 },
  'app.info': {},
  'windows.list': {},
  'windows.upsert': { build: 27000, name: 'Windows 11 Insider' },
  'experiments.create': { input: { title: 'sample', windowsBuild: 19045 } },
  'experiments.list': {},
  'experiments.get': { id: 1 },
  'experiments.update': { id: 1, patch: { outcome: 'loaded' } },
  'experiments.delete': { id: 1 },
  'experiments.restore': { id: 1, createdAt: '2026-01-01T00:00:00.000Z', input: { title: 'sample' } },
  'stacks.parse': { text: 'BugCheck 50, {ffffd00000000000, 0, fffff80000001234, 2}' },
  'stacks.create': {
    text: 'Child-SP          RetAddr           Call Site\nffffd000`224b4c88 fffff800`02d96834 nt!KeBugCheckEx\nffffd000`224b4c90 fffff800`02dfef17 mydrv+0x5d4',
    experimentId: 1,
  },
  'stacks.list': {},
  'stacks.get': { id: 1 },
  'stacks.update': { id: 1, title: 'renamed stack' },
  'frames.annotate': { stackId: 1, position: 1, note: 'the driver', tags: ['culprit'], stepId: 1 },
  'stacks.delete': { id: 1 },
  'dumps.importUpload': { upload: { name: 'upload.dmp', dataBase64: SAMPLE_DUMP_BASE64 }, experimentId: 1 },
  'dumps.importPath': { path: SAMPLE_DUMP_PATH },
  'dumps.inspectPath': { path: SAMPLE_DUMP_PATH },
  'dumps.list': {},
  'dumps.get': { id: 1 },
  'dumps.update': { id: 1, experimentId: null },
  'dumps.delete': { id: 1 },
};
