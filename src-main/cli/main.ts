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
  cwd: process.cwd(),
});
// stdout is flushed before exit because writes to pipes and files complete synchronously in Node's CLI streams.
process.exit(code);
