import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { contract, IPC_CALL_CHANNEL, METHOD_NAMES, type Method } from '../../src-main/contract';
import { HandlerRegistry } from '../../src-main/core/api';
import { registerIpc } from '../../src-main/electron/ipc';
import { startServer } from '../../src-main/server/http';
import { useCore } from '../support/core';
import { SAMPLE_REQUESTS } from '../support/samples';
import { useTempDir } from '../support/temp';

const newCore = useCore();
const tempDir = useTempDir();

describe('the contract', () => {
  test('every method has exactly one handler and a summary', () => {
    const { api } = newCore();
    expect(api.registry.missing()).toEqual([]);
    for (const name of METHOD_NAMES) {
      expect(api.registry.get(name), name).toBeTypeOf('function');
      expect(contract[name].summary.length, name).toBeGreaterThan(5);
    }
    const registry = new HandlerRegistry();
    registry.register({ 'app.info': api.registry.get('app.info') });
    expect(() => registry.register({ 'app.info': api.registry.get('app.info') })).toThrow(/registered twice/);
  });

  test('every method is reachable over HTTP', async () => {
    const core = newCore();
    const rendererDir = join(tempDir(), 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>x</title>');
    const server = await startServer({ api: core.api, rendererDir });
    try {
      for (const method of Object.keys(SAMPLE_REQUESTS) as Method[]) {
        const response = await fetch(`http://127.0.0.1:${server.port}/api/call/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-driverlab-token': server.token },
          body: JSON.stringify(SAMPLE_REQUESTS[method]),
        });
        const body = (await response.json()) as { ok: boolean; error?: { message: string } };
        expect(body.error?.message, method).toBeUndefined();
        expect(body.ok, method).toBe(true);
      }
    } finally {
      await server.close();
    }
  });

  test('every method is reachable through the IPC registration', async () => {
    const core = newCore();
    let handler: ((event: unknown, method: unknown, request: unknown) => Promise<unknown>) | null = null;
    const fakeIpcMain = {
      handle: (channel: string, listener: typeof handler) => {
        expect(channel).toBe(IPC_CALL_CHANNEL);
        handler = listener;
      },
      removeHandler: () => {
        handler = null;
      },
    };
    const unregister = registerIpc(fakeIpcMain as unknown as Parameters<typeof registerIpc>[0], () => core.api);
    const topFrame = { senderFrame: { parent: null } };
    for (const method of Object.keys(SAMPLE_REQUESTS) as Method[]) {
      const reply = (await handler!(topFrame, method, SAMPLE_REQUESTS[method])) as { ok: boolean; error?: unknown };
      expect(reply.error, method).toBeUndefined();
      expect(reply.ok, method).toBe(true);
    }
    expect(await handler!(topFrame, 'fs.readFile', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await handler!({ senderFrame: { parent: {} } }, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    unregister();
    expect(handler).toBeNull();
  });
});
