import { method } from '../method';
import { s } from '../schema';

/** Pushed as `jobs.progress` while a long import runs. */
export interface JobProgress {
  jobId: string;
  kind: string;
  done: number;
  total: number;
  failed: number;
  current: string | null;
  state: 'running' | 'finished' | 'cancelled';
}

/** Chosen by the page so it can cancel a job before the call that started it returns. */
export const jobIdSchema = s.string({ min: 8, max: 64, pattern: /^[A-Za-z0-9_-]+$/, patternHint: 'letters, digits, - and _ only' });

/** A file sent from the page (browser uploads and drops). Large files are better imported from a path. */
export const uploadSchema = s.object({
  name: s.string({ min: 1, max: 260 }),
  dataBase64: s.string({ max: 700_000_000, pattern: /^[A-Za-z0-9+/]*={0,2}$/, patternHint: 'must be base64' }),
});

export const jobsMethods = {
  'jobs.cancel': method<{ cancelled: boolean }>()(
    'Ask a running import to stop after the file it is on',
    s.object({ jobId: jobIdSchema }),
  ),
};
