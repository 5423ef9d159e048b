import type { JobProgress } from './domains/jobs';

/** Events core pushes to every connected page (IPC `send`, HTTP server-sent events, in-process emitter). */
export interface EventMap {
  'experiments.changed': { id: number | null; action: 'created' | 'updated' | 'deleted' | 'restored' | 'seeded' };
  'windows.changed': { build: number };
  'jobs.progress': JobProgress;
}
export type EventName = keyof EventMap;
export const EVENT_NAMES: readonly EventName[] = ['experiments.changed', 'windows.changed', 'jobs.progress'];
