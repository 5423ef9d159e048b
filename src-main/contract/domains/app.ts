import { method } from '../method';
import { s } from '../schema';

export interface AppInfo {
  name: 'DriverLab';
  version: string;
  notebookPath: string;
  schemaVersion: number;
  counts: { experiments: number; drivers: number; stacks: number; dumps: number; notes: number };
}

export interface DemoSeedResult {
  experiments: number;
  notes: number;
  drivers: number;
  stacks: number;
}

export const appMethods = {
  'app.info': method<AppInfo>()('What notebook is open and what it holds', s.object({})),
  'notebook.seedDemo': method<DemoSeedResult>()(
    'Fill an empty notebook with the demo experiment from the win32k import study',
    s.object({}),
  ),
};
