import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { analyzePe } from '../pe';
import type { AnalyzeTask, AnalyzeReply } from './analyze-pool';

/** Worker thread entry (built as out/main/pe-worker.js): reads and analyses one file per message. */
parentPort?.on('message', (task: AnalyzeTask) => {
  let reply: AnalyzeReply;
  try {
    const bytes = readFileSync(task.path);
    const analysis = analyzePe(bytes, { fileName: task.name, sessionImages: task.sessionImages });
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    reply = { id: task.id, ok: true, analysis, bytes: buffer };
    parentPort?.postMessage(reply, [buffer]);
  } catch (error) {
    reply = { id: task.id, ok: false, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message };
    parentPort?.postMessage(reply);
  }
});
