import { describe, expect, test } from 'vitest';
import type { JobProgress } from '../../src-main/contract';
import { EventBus } from '../../src-main/core/events';
import { JobRegistry } from '../../src-main/core/jobs';

describe('jobs', () => {
  test('report progress and stop at the next checkpoint when cancelled', () => {
    const events = new EventBus();
    const seen: JobProgress[] = [];
    events.subscribe((name, payload) => name === 'jobs.progress' && seen.push(payload as JobProgress));
    const jobs = new JobRegistry(events);
    const job = jobs.start('job-abcdefgh', 'drivers.import', 3);
    job.progress({ done: 1, current: 'a.sys' });
    expect(jobs.cancel('job-abcdefgh')).toBe(true);
    expect(() => job.checkpoint()).toThrow(/Cancelled/);
    job.finish();
    expect(seen.map((p) => [p.done, p.state])).toEqual([[0, 'running'], [1, 'running'], [1, 'cancelled']]);
    expect(() => jobs.start('job-abcdefgh', 'x', 1).finish()).not.toThrow();
  });

  test('a cancel that arrives before its job starts is not lost', () => {
    const jobs = new JobRegistry(new EventBus());
    expect(jobs.cancel('job-early-1')).toBe(false);
    expect(jobs.start('job-early-1', 'drivers.import', 5).cancelled).toBe(true);
    expect(jobs.start('job-other-1', 'drivers.import', 5).cancelled).toBe(false);
    for (let i = 0; i < 1000; i++) jobs.cancel(`never-${i}`);
    expect(jobs.start('never-999', 'x', 1).cancelled).toBe(true);
    expect(jobs.start('never-0', 'x', 1).cancelled).toBe(false);
  });
});
