#!/usr/bin/env node
// better-sqlite3's bundled binaries need Node 22: on older Node they crash the process without a word, so say it first.
// (npm scripts and `npx driverlab` run the project's own Node 22 from the `node` devDependency.)
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  process.stderr.write(
    `driverlab needs Node.js 22 or newer; this is ${process.version}.\n` +
      'Run it as `npx driverlab …` from the project folder (it brings its own Node 22), or install Node 22.\n',
  );
  process.exit(1);
}
const { runCli } = await import('./run');

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

// A module (top-level await above), with nothing to export.
export {};
