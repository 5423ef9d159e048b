import { describe, expect, test } from 'vitest';
import { latestOnly } from '../../src-renderer/composables/useLatest';

describe('stores apply only the latest answer', () => {
  test('an older request answering last does not overwrite a newer one', async () => {
    const latest = latestOnly();
    let applied = '';
    let releaseOld: (value: string) => void = () => undefined;
    const old = latest(() => new Promise<string>((resolve) => (releaseOld = resolve)), (v) => (applied = v));
    const fresh = latest(async () => 'new', (v) => (applied = v));
    await fresh;
    releaseOld('old');
    await old;
    expect(applied).toBe('new');
  });
});
