import type { JobProgress } from './domains/jobs';

/** Events core pushes to every connected page (IPC `send`, HTTP server-sent events, in-process emitter). */
export interface EventMap {
  'experiments.changed': { id: number | null; action: 'created' | 'updated' | 'deleted' | 'restored' | 'seeded' };
  'windows.changed': { build: number };
  'jobs.progress': JobProgress;
  'notes.changed': { id: number };
  'drivers.changed': { ids: number[] };
  'stacks.changed': { id: number; action: 'created' | 'updated' | 'deleted' | 'annotated' };
  'dumps.changed': { id: number; action: 'imported' | 'updated' | 'deleted' };
}
export type EventName = keyof EventMap;
export const EVENT_NAMES: readonly EventName[] = ['experiments.changed', 'windows.changed', 'jobs.progress', 'notes.changed', 'stacks.changed', 'dumps.changed', 'drivers.changed'];
