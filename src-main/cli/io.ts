/** Where a command writes; tests pass buffers, the real CLI passes the process streams. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Resolves when the command should stop (Ctrl+C for `serve`). */
  interrupted: Promise<void>;
  env: NodeJS.ProcessEnv;
  /** True when stderr is a terminal: progress can then redraw one line instead of printing many. */
  stderrIsTTY?: boolean;
  cwd: string;
  /** All of standard input as text (for `-` file arguments); absent where there is no stdin. */
  readStdin?: () => Promise<string>;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
