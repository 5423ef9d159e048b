import { defineConfig } from 'electron-vite';
import vue from '@vitejs/plugin-vue';
import { chmodSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Three bundles: the main process (plus the `driverlab` CLI, which shares core with it), the sandboxed preload
 * (CommonJS, as sandboxed preloads must be), and the renderer.
 */
/** `driverlab` is the bundled out/main/cli.js: make it executable, as npm would for an installed bin. */
const executableCli = {
  name: 'driverlab-executable-cli',
  writeBundle() {
    const cli = resolve(__dirname, 'out/main/cli.js');
    if (existsSync(cli)) chmodSync(cli, 0o755);
  },
};

export default defineConfig({
  main: {
    plugins: [executableCli],
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/electron/main.ts'),
          cli: resolve(__dirname, 'src-main/cli/main.ts'),
          'pe-worker': resolve(__dirname, 'src-main/core/drivers/analyze-worker.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: true,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    plugins: [vue()],
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
    },
  },
});
