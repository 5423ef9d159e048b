import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_DIR_NAME = 'DriverLab';
export const NOTEBOOK_EXTENSION = '.driverlab';

/**
 * The per-user data folder, the same one Electron's app.getPath('userData') gives for an app named DriverLab,
 * so the desktop app, `serve` and the CLI open the same notebook by default.
 */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.DRIVERLAB_HOME) return env.DRIVERLAB_HOME;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_DIR_NAME);
}

export function defaultNotebookPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(userDataDir(env), `notebook${NOTEBOOK_EXTENSION}`);
}
