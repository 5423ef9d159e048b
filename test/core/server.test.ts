import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../../src-main/server/http';
import { useCore } from '../support/core';
import { useTempDir } from '../support/temp';

const newCore = useCore();
const tempDir = useTempDir();
let server: RunningServer;

beforeEach(async () => {
  const rendererDir = join(tempDir(), 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>DriverLab</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(tempDir(), 'secret.txt'), 'secret');
  server = await startServer({ api: newCore().api, rendererDir });
});
afterEach(() => server.close());

/** Raw HTTP, so the Host header can be forged the way a DNS-rebinding page would. */
function raw(path: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: server.port, path, method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

describe('driverlab serve', () => {
  test('binds to 127.0.0.1 and prints a tokenised address', () => {
    expect(server.server.address()).toMatchObject({ address: '127.0.0.1' });
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
  });

  test('answers 401 without the token, for the page and for the API', async () => {
    expect((await raw('/')).status).toBe(401);
    expect((await raw('/assets/app.js')).status).toBe(401);
    const api = await raw('/api/call/app.info', { 'content-type': 'application/json' }, 'POST', '{}');
    expect(api.status).toBe(401);
    expect(JSON.parse(api.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect((await raw('/', { cookie: 'driverlab_token=wrong' })).status).toBe(401);
    expect((await raw('/?token=wrong')).status).toBe(401);
  });

  test('trades the query token for an HttpOnly cookie, then serves the page with a strict CSP', async () => {
    const first = await raw(`/?token=${server.token}`);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await raw('/', { cookie: cookie.split(';')[0] });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>DriverLab</title>');
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(page.headers['x-frame-options']).toBe('DENY');
    const asset = await raw('/assets/app.js', { cookie: cookie.split(';')[0] });
    expect(asset.headers['content-type']).toMatch(/javascript/);
  });

  test('rejects a Host other than 127.0.0.1 or localhost on this port (DNS rebinding)', async () => {
    const token = { 'x-driverlab-token': server.token };
    expect((await raw('/', { ...token, host: 'evil.example:' + server.port })).status).toBe(421);
    expect((await raw('/', { ...token, host: `127.0.0.1:${server.port + 1}` })).status).toBe(421);
    expect((await raw('/', { ...token, host: `localhost:${server.port}` })).status).toBe(200);
  });

  test('never serves files outside the renderer folder', async () => {
    const token = { 'x-driverlab-token': server.token };
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const response = await raw(path, token);
      expect(response.body).not.toContain('secret');
    }
  });

  test('API errors are typed JSON, not stack traces', async () => {
    const headers = { 'x-driverlab-token': server.token, 'content-type': 'application/json' };
    const bad = await raw('/api/call/experiments.create', headers, 'POST', '{"input":{"title":""}}');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toEqual({ ok: false, error: { code: 'INVALID_REQUEST', message: expect.stringMatching(/title/), field: 'input.title' } });
    const notJson = await raw('/api/call/app.info', headers, 'POST', '{nope');
    expect(JSON.parse(notJson.body).error.message).toMatch(/not valid JSON/);
    expect((await raw('/api/call/nope.nothing', headers, 'POST', '{}')).status).toBe(404);
    expect((await raw('/api/call/app.info', { 'x-driverlab-token': server.token, 'content-type': 'text/plain' }, 'POST', '{}')).status).toBe(415);
    expect((await raw('/api/call/app.info', headers, 'GET')).status).toBe(405);
  });

  test('pushes events to the page over server-sent events', async () => {
    const controller = new AbortController();
    const response = await fetch(`http://127.0.0.1:${server.port}/api/events`, {
      headers: { 'x-driverlab-token': server.token },
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    await reader.read();
    await fetch(`http://127.0.0.1:${server.port}/api/call/experiments.create`, {
      method: 'POST',
      headers: { 'x-driverlab-token': server.token, 'content-type': 'application/json' },
      body: JSON.stringify({ input: { title: 'pushed' } }),
    });
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toContain('event: experiments.changed\ndata: {"id":1,"action":"created"}');
    controller.abort();
  });
});
