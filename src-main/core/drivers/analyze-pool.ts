import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PeAnalysis } from '../../contract';
import { analyzePe } from '../pe';

const WORKER_CANDIDATES = ['./pe-worker.js', '../pe-worker.js'];

export interface AnalyzeTask {
  id: number;
  path: string;
  name: string;
  sessionImages: string[];
}

export type AnalyzeReply =
  | { id: number; ok: true; analysis: PeAnalysis; bytes: ArrayBuffer }
  | { id: number; ok: false; reason: string };

export type AnalyzedFile = { ok: true; analysis: PeAnalysis; bytes: Uint8Array } | { ok: false; reason: string };

/**
 * Reads and analyses files on worker threads when the bundled worker is present (the built app and CLI), otherwise
 * on the calling thread (tests run from source). Results come back in submission order.
 */
export class AnalyzePool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, (reply: AnalyzeReply) => void>();
  private nextId = 1;
  private next = 0;

  constructor(size = Math.max(1, Math.min(4, availableParallelism()))) {
    // The bundle puts the worker at out/main/pe-worker.js, beside cli.js/index.js or one level above shared chunks.
    const workerFile = WORKER_CANDIDATES.map((name) => fileURLToPath(new URL(name, import.meta.url))).find((file) => existsSync(file));
    if (!workerFile) return;
    for (let i = 0; i < size; i++) {
      const worker = new Worker(workerFile);
      worker.on('message', (reply: AnalyzeReply) => {
        const resolve = this.pending.get(reply.id);
        this.pending.delete(reply.id);
        resolve?.(reply);
      });
      this.workers.push(worker);
    }
  }

  get threaded(): boolean {
    return this.workers.length > 0;
  }

  analyze(path: string, name: string, sessionImages: string[]): Promise<AnalyzedFile> {
    if (!this.threaded) {
      try {
        const bytes = readFileSync(path);
        return Promise.resolve({ ok: true, analysis: analyzePe(bytes, { fileName: name, sessionImages }), bytes });
      } catch (error) {
        return Promise.resolve({ ok: false, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
      }
    }
    const id = this.nextId++;
    const worker = this.workers[this.next++ % this.workers.length];
    return new Promise((resolve) => {
      this.pending.set(id, (reply) =>
        resolve(reply.ok ? { ok: true, analysis: reply.analysis, bytes: new Uint8Array(reply.bytes) } : { ok: false, reason: reply.reason }),
      );
      worker.postMessage({ id, path, name, sessionImages } satisfies AnalyzeTask);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
    this.workers.length = 0;
  }
}
