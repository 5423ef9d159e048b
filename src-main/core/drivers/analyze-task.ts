import { readFileSync } from 'node:fs';
import type { PeAnalysis } from '../../contract';
import { writeContent } from '../files/attachments';
import { analyzePe } from '../pe';

export interface AnalyzeTask {
  id: number;
  path: string;
  name: string;
  sessionImages: string[];
  /** Content store folder: a valid image's bytes are placed there by whoever analysed them. */
  storeRoot: string;
}

export type AnalyzeReply = { id: number; ok: true; analysis: PeAnalysis; stored: boolean } | { id: number; ok: false; reason: string };

/**
 * One unit of an import: read, analyse and (when the image is valid) place the original in the content store. Runs on a
 * worker thread so hashing, parsing and writing the copy all happen off the thread that owns the database.
 */
export function analyzeAndStore(task: AnalyzeTask): AnalyzeReply {
  try {
    const bytes = readFileSync(task.path);
    const analysis = analyzePe(bytes, { fileName: task.name, sessionImages: task.sessionImages });
    const stored = analysis.error === undefined;
    if (stored) writeContent(task.storeRoot, analysis.sha256, bytes);
    return { id: task.id, ok: true, analysis, stored };
  } catch (error) {
    return { id: task.id, ok: false, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message };
  }
}
