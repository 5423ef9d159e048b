import type { Method, Req } from '../../src-main/contract';

/**
 * One valid request per contract method, in an order where each succeeds on a fresh notebook.
 * The mapped type makes adding a method without a sample a compile error.
 */
export const SAMPLE_REQUESTS: { [M in Method]: Req<M> } = {
  'notebook.seedDemo': {},
  'jobs.cancel': { jobId: 'no-such-job' },
  'app.info': {},
  'windows.list': {},
  'windows.upsert': { build: 27000, name: 'Windows 11 Insider' },
  'experiments.create': { input: { title: 'sample', windowsBuild: 19045 } },
  'experiments.list': {},
  'experiments.get': { id: 1 },
  'experiments.update': { id: 1, patch: { outcome: 'loaded' } },
  'experiments.delete': { id: 1 },
  'experiments.restore': { id: 1, createdAt: '2026-01-01T00:00:00.000Z', input: { title: 'sample' } },
};
