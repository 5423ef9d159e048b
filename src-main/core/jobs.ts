import { ApiError } from '../contract/errors';
import type { JobProgress } from '../contract/domains/jobs';
import type { EventBus } from './events';

export interface Job {
  readonly id: string;
  readonly cancelled: boolean;
  /** Throws CANCELLED if the user cancelled; call between units of work. */
  checkpoint(): void;
  progress(update: { done: number; failed?: number; current?: string | null; total?: number }): void;
  finish(): void;
}

/**
 * Long imports (a folder of drivers, a large dump) report progress as `jobs.progress` events and can be cancelled with
 * `jobs.cancel`. The page chooses the job id, so it can cancel before the import call returns.
 */
export class JobRegistry {
  private readonly running = new Map<string, { cancelled: boolean }>();
  /** Cancels that arrived before their job started (the page cancels while its upload is still in flight). */
  private readonly cancelledEarly = new Set<string>();

  constructor(private readonly events: EventBus) {}

  start(jobId: string, kind: string, total: number): Job {
    if (this.running.has(jobId)) throw new ApiError('CONFLICT', `A job with id ${jobId} is already running.`);
    const state = { cancelled: this.cancelledEarly.delete(jobId) };
    this.running.set(jobId, state);
    const snapshot: JobProgress = { jobId, kind, done: 0, total, failed: 0, current: null, state: 'running' };
    // At most ~200 progress events per job (plus one every 250 ms), however many files it has.
    let lastEmit = 0;
    let lastDone = 0;
    const emit = (force = false) => {
      const now = Date.now();
      const step = Math.max(1, Math.floor(snapshot.total / 200));
      if (!force && snapshot.done - lastDone < step && now - lastEmit < 250) return;
      lastEmit = now;
      lastDone = snapshot.done;
      this.events.emit('jobs.progress', { ...snapshot });
    };
    emit(true);
    return {
      id: jobId,
      get cancelled() {
        return state.cancelled;
      },
      checkpoint: () => {
        if (state.cancelled) throw new ApiError('CANCELLED', 'Cancelled.');
      },
      progress: (update) => {
        snapshot.done = update.done;
        if (update.failed !== undefined) snapshot.failed = update.failed;
        if (update.current !== undefined) snapshot.current = update.current;
        if (update.total !== undefined) snapshot.total = update.total;
        emit();
      },
      finish: () => {
        this.running.delete(jobId);
        snapshot.state = state.cancelled ? 'cancelled' : 'finished';
        snapshot.current = null;
        emit(true);
      },
    };
  }

  cancel(jobId: string): boolean {
    const state = this.running.get(jobId);
    if (!state) {
      // Remember a bounded number: a cancel for a job that never starts must not grow memory forever.
      if (this.cancelledEarly.size >= 256) this.cancelledEarly.delete(this.cancelledEarly.values().next().value!);
      this.cancelledEarly.add(jobId);
      return false;
    }
    state.cancelled = true;
    return true;
  }
}
