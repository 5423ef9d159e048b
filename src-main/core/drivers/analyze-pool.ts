import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { analyzeAndStore, type AnalyzeReply, type AnalyzeTask } from './analyze-task';

// The bundle puts the worker at out/main/pe-worker.js, beside cli.js/index.js or one level above shared chunks.
const WORKER_CANDIDATES = ['./pe-worker.js', '../pe-worker.js'];

export type AnalyzedFile = Omit<Extract<AnalyzeReply, { ok: true }>, 'id'> | Omit<Extract<AnalyzeReply, { ok: false }>, 'id'>;

/**
 * Reads, analyses and stores files on worker threads when the bundled worker is present (the built app and CLI),
 * otherwise on the calling thread (tests run from source). Results come back per call, in any order.
 */
export class AnalyzePool {
  private readonly workers: Worker[] = [];
  private readonly load = new Map<Worker, number>();
  private readonly pending = new Map<number, (reply: AnalyzeReply) => void>();
  private nextId = 1;

  constructor(
    private readonly storeRoot: string,
    size = Math.max(1, Math.min(4, availableParallelism())),
  ) {
    const workerFile = WORKER_CANDIDATES.map((name) => fileURLToPath(new URL(name, import.meta.url))).find((file) => existsSync(file));
    if (!workerFile) return;
    for (let i = 0; i < size; i++) {
      const worker = new Worker(workerFile);
      worker.on('message', (reply: AnalyzeReply) => {
        this.load.set(worker, (this.load.get(worker) ?? 1) - 1);
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
    const task: AnalyzeTask = { id: this.nextId++, path, name, sessionImages, storeRoot: this.storeRoot };
    if (!this.threaded) return Promise.resolve(analyzeAndStore(task));
    // The least busy worker gets the task: file sizes vary a lot (a few KB to 100 MB).
    const worker = this.workers.reduce((best, w) => ((this.load.get(w) ?? 0) < (this.load.get(best) ?? 0) ? w : best));
    this.load.set(worker, (this.load.get(worker) ?? 0) + 1);
    return new Promise((resolve) => {
      this.pending.set(task.id, resolve);
      worker.postMessage(task);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
    this.workers.length = 0;
  }
}
