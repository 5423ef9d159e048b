#!/usr/bin/env node
import { runCli } from './run';

const interrupted = new Promise<void>((resolve) => {
  process.once('SIGINT', resolve);
  process.once('SIGTERM', resolve);
});

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  interrupted,
  env: process.env,
  stderrIsTTY: process.stderr.isTTY === true,
  cwd: process.cwd(),
  readStdin: async () => {
    // Bounded: commands that read stdin cut their input far below this anyway.
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of process.stdin) {
      chunks.push(Buffer.from(chunk as Uint8Array));
      size += chunks[chunks.length - 1].length;
      if (size > 64 * 1024 * 1024) break;
    }
    return Buffer.concat(chunks).toString('utf8');
  },
});
// Writes to pipes are asynchronous: wait until both streams have drained before exiting, or large --json output is cut.
const flushed = (stream: NodeJS.WriteStream) => new Promise<void>((resolve) => stream.write('', () => resolve()));
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(code);
