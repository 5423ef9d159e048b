import { describe, expect, test } from 'vitest';
import { ApiError } from '../../src-main/contract';
import { useCore } from '../support/core';

const newCore = useCore();

describe('notes service', () => {
  test('create, search, update, delete', async () => {
    const { api } = newCore();
    const note = await api.call('notes.create', { title: 'Hypothesis', body: 'Session is **NULL** in PID 4', tags: ['win32k'] });
    expect(note).toMatchObject({ title: 'Hypothesis', tags: ['win32k'] });
    await api.call('notes.create', { title: 'Other' });
    expect((await api.call('notes.list', { search: 'null' })).map((n) => n.title)).toEqual(['Hypothesis']);
    expect((await api.call('notes.list', { search: '100%' }))).toEqual([]);
    const updated = await api.call('notes.update', { id: note.id, body: 'changed' });
    expect(updated).toMatchObject({ title: 'Hypothesis', body: 'changed', tags: ['win32k'] });
    expect(await api.call('notes.delete', { id: note.id })).toMatchObject({ id: note.id, body: 'changed' });
    await expect(api.call('notes.get', { id: note.id })).rejects.toThrow(ApiError);
    await expect(api.dispatch('notes.create', { title: '' })).rejects.toMatchObject({ code: 'INVALID_REQUEST', field: 'title' });
  });
});
