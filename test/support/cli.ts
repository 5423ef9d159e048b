import { runCli } from '../../src-main/cli/run';

/** Runs `driverlab …` in-process and captures what it prints. */
export async function cli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  stdin?: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    interrupted: Promise.resolve(),
    env,
    cwd: process.cwd(),
    readStdin: stdin === undefined ? undefined : async () => stdin,
  });
  return { code, stdout, stderr };
}
