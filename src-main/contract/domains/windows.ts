import { method } from '../method';
import { s } from '../schema';

export interface WindowsVersion {
  build: number;
  name: string;
  release: string | null;
  branch: string | null;
  notes: string;
  experimentCount: number;
}

export const windowsMethods = {
  'windows.list': method<WindowsVersion[]>()('Windows builds known to the notebook', s.object({})),
  'windows.upsert': method<WindowsVersion>()(
    'Add a Windows build or change its name and notes',
    s.object({
      build: s.int({ min: 1, max: 999_999 }),
      name: s.string({ min: 1, max: 100, trim: true }),
      release: s.optional(s.nullable(s.string({ max: 40, trim: true }))),
      branch: s.optional(s.nullable(s.string({ max: 60, trim: true }))),
      notes: s.optional(s.string({ max: 20_000 })),
    }),
  ),
};
