import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { ApiError, EVENT_NAMES } from '../contract';
import type { Api } from '../core/api';
import { toApiError } from '../core/api';
import { CONTENT_SECURITY_POLICY } from './csp';

export const TOKEN_COOKIE = 'driverlab_token';
export const TOKEN_HEADER = 'x-driverlab-token';
/** Uploads (driver images, dumps) travel base64-encoded inside JSON; beyond this use the CLI or a path import. */
export const MAX_BODY_BYTES = 512 * 1024 * 1024;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface ServeOptions {
  api: Api;
  /** Folder of the built renderer (out/renderer). */
  rendererDir: string;
  port?: number;
  token?: string;
}

export interface RunningServer {
  server: Server;
  port: number;
  token: string;
  url: string;
  close(): Promise<void>;
}

function sameToken(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(request: IncomingMessage): string | undefined {
  const header = request.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === TOKEN_COOKIE) return rest.join('=');
  }
  return undefined;
}

function send(response: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  response.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
  });
  response.end(body);
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  send(response, status, JSON.stringify(value), 'application/json; charset=utf-8');
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES)
      throw new ApiError('INVALID_REQUEST', `The request is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB; import large files from disk instead.`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * `driverlab serve`: the renderer and the contract over HTTP, for browsers and the E2E tests.
 * Bound to 127.0.0.1 only; every request needs the per-start token (query on first load, then an HttpOnly cookie or a
 * header); the Host header must name this server, which defeats DNS rebinding.
 */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  let port = options.port ?? 0;
  const sseClients = new Set<ServerResponse>();

  const unsubscribe = options.api.events.subscribe((event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const client of sseClients) client.write(frame);
  });

  async function serveStatic(pathname: string, response: ServerResponse): Promise<void> {
    const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
    const file = join(options.rendererDir, relative === '' ? 'index.html' : relative);
    if (!file.startsWith(options.rendererDir + sep) && file !== options.rendererDir) return send(response, 404, 'Not found');
    try {
      const body = await readFile(file);
      const headers: Record<string, string> = {
        'content-type': MIME[extname(file)] ?? 'application/octet-stream',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'x-frame-options': 'DENY',
        'cache-control': extname(file) === '.html' ? 'no-store' : 'max-age=3600',
      };
      if (extname(file) === '.html') headers['content-security-policy'] = CONTENT_SECURITY_POLICY;
      response.writeHead(200, headers);
      response.end(body);
    } catch {
      if (extname(file) === '') return serveStatic('/index.html', response);
      send(response, 404, 'Not found');
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const host = request.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`)
      return send(response, 421, 'DriverLab only answers requests addressed to 127.0.0.1 or localhost.');
    const url = new URL(request.url ?? '/', `http://${host}`);
    const queryToken = url.searchParams.get('token') ?? undefined;
    const given = (request.headers[TOKEN_HEADER] as string | undefined) ?? cookieToken(request) ?? queryToken;
    if (!sameToken(token, given))
      return url.pathname.startsWith('/api/')
        ? sendJson(response, 401, { ok: false, error: { code: 'UNAUTHORIZED', message: 'Missing or wrong DriverLab token.' } })
        : send(response, 401, 'DriverLab: open the address printed by `driverlab serve`; it carries the access token.');

    if (queryToken && request.method === 'GET' && !url.pathname.startsWith('/api/')) {
      // Trade the token in the address bar for a cookie, so it does not linger in history or bookmarks.
      response.writeHead(303, {
        location: url.pathname,
        'set-cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        'cache-control': 'no-store',
      });
      return void response.end();
    }

    if (url.pathname === '/api/events' && request.method === 'GET') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      response.write(`: connected ${EVENT_NAMES.length} event types\n\n`);
      sseClients.add(response);
      request.on('close', () => sseClients.delete(response));
      return;
    }

    const callMatch = /^\/api\/call\/([a-zA-Z.]+)$/.exec(url.pathname);
    if (callMatch) {
      if (request.method !== 'POST') return sendJson(response, 405, { ok: false, error: { code: 'INVALID_REQUEST', message: 'Use POST.' } });
      if (!(request.headers['content-type'] ?? '').startsWith('application/json'))
        return sendJson(response, 415, { ok: false, error: { code: 'INVALID_REQUEST', message: 'Send JSON.' } });
      try {
        const text = await readBody(request);
        let body: unknown;
        try {
          body = text.length === 0 ? {} : JSON.parse(text);
        } catch {
          throw new ApiError('INVALID_REQUEST', 'The request body is not valid JSON.');
        }
        const result = await options.api.dispatch(callMatch[1], body);
        return sendJson(response, 200, { ok: true, result });
      } catch (error) {
        const apiError = toApiError(error, callMatch[1]);
        const status = apiError.code === 'NOT_FOUND' || apiError.code === 'UNKNOWN_METHOD' ? 404 : apiError.code === 'INTERNAL' ? 500 : 400;
        return sendJson(response, status, { ok: false, error: apiError.toData() });
      }
    }
    if (url.pathname.startsWith('/api/')) return sendJson(response, 404, { ok: false, error: { code: 'UNKNOWN_METHOD', message: 'No such endpoint.' } });
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'Method not allowed');
    return serveStatic(url.pathname, response);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error('[driverlab] request failed:', error);
      if (!response.headersSent) send(response, 500, 'Internal error');
      else response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        for (const client of sseClients) client.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
