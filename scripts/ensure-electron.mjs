// `npm start` / `npm run dev` need Electron's binary. Electron 45 has no install script: requiring the package from
// Node fetches the binary the first time. Do that here, on the user's start, never during `npm install`, tests or CI.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
try {
  const binary = require('electron');
  if (typeof binary !== 'string') throw new Error('unexpected answer from the electron package');
} catch (error) {
  console.error(
    `\nDriverLab could not get the Electron runtime (${error instanceof Error ? error.message : error}).\n` +
      'Where Electron cannot be downloaded, run DriverLab in your browser instead:\n' +
      '  npm run serve    then open the printed http://127.0.0.1:…/?token=… address.\n',
  );
  process.exit(1);
}
