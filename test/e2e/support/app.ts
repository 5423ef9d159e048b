import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const ROOT = resolve(__dirname, '../../..');
export const SCREENSHOT_DIR = join(ROOT, 'test-results', 'screenshots');
const CHROMIUM = process.env.DRIVERLAB_CHROMIUM ?? '/usr/bin/chromium';

export interface RunningApp {
  url: string;
  port: number;
  token: string;
  notebook: string;
  context: BrowserContext;
  page: Page;
  stop(): Promise<void>;
}

/** Starts the built `driverlab serve` on a temp notebook, exactly as a user would, and a real Chromium on it. */
export async function startApp(options: { colorScheme?: 'light' | 'dark'; notebook?: string } = {}): Promise<RunningApp> {
  const cli = join(ROOT, 'out', 'main', 'cli.js');
  if (!existsSync(cli)) throw new Error('The app is not built: run `npm run build` before the E2E tests.');
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install it with \`apt-get install -y chromium\`.`);
  const work = mkdtempSync(join(tmpdir(), 'driverlab-e2e-'));
  const notebook = options.notebook ?? join(work, 'e2e.driverlab');
  const server: ChildProcess = spawn(process.execPath, [cli, 'serve', '--notebook', notebook, '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, DRIVERLAB_HOME: join(work, 'home') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  server.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolvePromise, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out} ${stderr}`)), 30_000);
    server.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolvePromise(match[1]);
      }
    });
    server.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
  const parsed = new URL(url);
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(join(work, 'chromium'), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1360, height: 820 },
      colorScheme: options.colorScheme ?? 'light',
    });
  } catch (error) {
    server.kill('SIGTERM');
    throw error;
  }
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    // The browser logs every non-2xx fetch; a refused API call is answered with a typed error the page shows itself.
    const apiRefusal = message.text().startsWith('Failed to load resource') && message.location().url.includes('/api/call/');
    if (message.type() === 'error' && !apiRefusal) pageErrors.push(message.text());
  });
  await page.goto(url);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    url,
    port: Number(parsed.port),
    token: parsed.searchParams.get('token') ?? '',
    notebook,
    context,
    page,
    async stop() {
      await context.close();
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
      rmSync(work, { recursive: true, force: true });
      if (pageErrors.length) throw new Error(`The page reported errors:\n${pageErrors.join('\n')}`);
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
