import { parentPort } from 'node:worker_threads';
import { analyzeAndStore, type AnalyzeTask } from './analyze-task';

/** Worker thread entry (built as out/main/pe-worker.js): reads, analyses and stores one file per message. */
parentPort?.on('message', (task: AnalyzeTask) => {
  parentPort?.postMessage(analyzeAndStore(task));
});
