import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { basename, join } from 'node:path';
import type { Db } from '../db/notebook';

export interface StoredAttachment {
  sha256: string;
  size: number;
  /** False when identical content was already in the notebook. */
  added: boolean;
}

const CHUNK = 4 * 1024 * 1024;

export function contentPath(root: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`Not a SHA-256: ${sha256}`);
  return join(root, sha256.slice(0, 2), sha256);
}

/**
 * Puts bytes under their hash in a content store folder: written to a temporary name and renamed, so a crash never
 * leaves a half-written file under its hash. Safe to call from worker threads (no database involved).
 */
export function writeContent(root: string, sha256: string, bytes: Uint8Array): void {
  const target = contentPath(root, sha256);
  if (existsSync(target)) return;
  mkdirSync(join(root, sha256.slice(0, 2)), { recursive: true });
  const temp = join(root, `.incoming-${randomBytes(8).toString('hex')}`);
  writeFileSync(temp, bytes);
  if (existsSync(target)) rmSync(temp, { force: true });
  else renameSync(temp, target);
}

/**
 * Content-addressed files kept beside the notebook (`NAME.driverlab-files/ab/abcdef…`), so original driver images and
 * dumps can be analysed again when the analysers improve. Files are written to a temporary name and renamed, so a
 * crash never leaves a half-written attachment under its hash.
 */
export class AttachmentStore {
  readonly root: string;

  constructor(
    private readonly db: Db,
    notebookPath: string,
    private readonly now: () => Date,
  ) {
    this.root = `${notebookPath}-files`;
  }

  pathOf(sha256: string): string {
    return contentPath(this.root, sha256);
  }

  has(sha256: string): boolean {
    return existsSync(this.pathOf(sha256));
  }

  /** Records a file already placed in the store (by a worker thread, with writeContent). */
  record(sha256: string, size: number, mediaType: string, originalName: string): boolean {
    const result = this.db
      .prepare(
        `INSERT INTO attachments (sha256, size, media_type, original_name, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(sha256) DO NOTHING`,
      )
      .run(sha256, size, mediaType, basename(originalName), this.now().toISOString());
    return result.changes > 0;
  }

  private tempPath(): string {
    mkdirSync(this.root, { recursive: true });
    return join(this.root, `.incoming-${randomBytes(8).toString('hex')}`);
  }

  private place(temp: string, sha256: string): void {
    const target = this.pathOf(sha256);
    mkdirSync(join(this.root, sha256.slice(0, 2)), { recursive: true });
    if (existsSync(target)) rmSync(temp, { force: true });
    else renameSync(temp, target);
  }

  /** Stores bytes already in memory (uploads, driver images). */
  putBytes(bytes: Uint8Array, originalName: string, mediaType: string, knownSha256?: string): StoredAttachment {
    const sha256 = knownSha256 ?? createHash('sha256').update(bytes).digest('hex');
    writeContent(this.root, sha256, bytes);
    const added = this.record(sha256, bytes.length, mediaType, originalName);
    return { sha256, size: bytes.length, added };
  }

  /**
   * Copies a file from disk into the store while hashing it, streaming in chunks and yielding to the event loop, so a
   * multi-gigabyte MEMORY.DMP neither sits in memory nor freezes the app. Records nothing in the database: call
   * `record` in the transaction that stores what refers to it.
   */
  async placeFile(path: string): Promise<{ sha256: string; size: number }> {
    const temp = this.tempPath();
    const hash = createHash('sha256');
    let size = 0;
    try {
      await pipeline(
        createReadStream(path, { highWaterMark: CHUNK }),
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            hash.update(chunk);
            size += chunk.length;
            yield chunk;
          }
        },
        createWriteStream(temp),
      );
    } catch (error) {
      rmSync(temp, { force: true });
      throw error;
    }
    const sha256 = hash.digest('hex');
    this.place(temp, sha256);
    return { sha256, size };
  }
}
