import { ApiError, SchemaError, contract, isMethod, METHOD_NAMES, type Method, type Req, type Res } from '../contract';
import { openNotebook, type Db } from './db/notebook';
import type { ServiceDeps } from './deps';
import { EventBus } from './events';
import type { Handler } from './handlers';
import { appService } from './services/app';
import { experimentsService } from './services/experiments';
import { windowsService } from './services/windows';
import { AttachmentStore } from './files/attachments';
import { JobRegistry } from './jobs';
import { notesService } from './services/notes';
import { loaderService } from './services/loader';
import { driversService } from './services/drivers';
import { stacksService } from './services/stacks';
import { dumpsService } from './services/dumps';

export const APP_VERSION = '0.1.0';

type AnyHandler = (request: never) => unknown;

/** The registry of handlers: every contract method exactly once. */
export class HandlerRegistry {
  private readonly handlers = new Map<Method, AnyHandler>();

  register(map: Partial<{ [M in Method]: Handler<M> }>): void {
    for (const [name, handler] of Object.entries(map)) {
      if (!isMethod(name)) throw new Error(`Handler registered for ${name}, which is not in the contract`);
      if (this.handlers.has(name)) throw new Error(`Handler for ${name} registered twice`);
      this.handlers.set(name, handler as AnyHandler);
    }
  }

  missing(): Method[] {
    return METHOD_NAMES.filter((name) => !this.handlers.has(name));
  }

  get<M extends Method>(method: M): Handler<M> | undefined {
    return this.handlers.get(method) as Handler<M> | undefined;
  }
}

export interface Api {
  /** Typed call from trusted in-process code (CLI, tests). */
  call<M extends Method>(method: M, request: Req<M>): Promise<Res<M>>;
  /** Entry point for transports: the method name and request are untrusted and validated here. */
  dispatch(method: unknown, request: unknown): Promise<Res<Method>>;
  readonly events: EventBus;
  readonly registry: HandlerRegistry;
}

function sqliteCode(error: unknown): string | null {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : null;
}

/** Turns whatever a handler threw into a typed error a user can read; never forwards a stack trace. */
export function toApiError(error: unknown, method: string): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof SchemaError)
    return new ApiError('INVALID_REQUEST', `Invalid request for ${method}: ${error.message}`, error.path || undefined);
  const code = sqliteCode(error);
  if (code?.startsWith('SQLITE_CONSTRAINT'))
    return new ApiError('CONFLICT', `The change conflicts with what the notebook holds (${code.replace('SQLITE_', '').toLowerCase()}).`);
  if (code === 'SQLITE_BUSY') return new ApiError('CONFLICT', 'The notebook is busy in another DriverLab window; try again.');
  console.error(`[driverlab] ${method} failed:`, error);
  return new ApiError('INTERNAL', `DriverLab could not complete ${method}. The details were written to its log.`);
}

export function createApi(deps: ServiceDeps): Api {
  const registry = new HandlerRegistry();
  registry.register(experimentsService(deps));
  registry.register(windowsService(deps));
  registry.register(appService(deps, (method, request) => dispatch(method, request) as Promise<Res<typeof method>>));
  registry.register(notesService(deps));
  registry.register(loaderService(deps));
  registry.register(driversService(deps));
  registry.register(stacksService(deps));
  registry.register(dumpsService(deps));
  registry.register({ 'jobs.cancel': ({ jobId }) => ({ cancelled: deps.jobs.cancel(jobId) }) });
  const missing = registry.missing();
  if (missing.length > 0) throw new Error(`Contract methods without a handler: ${missing.join(', ')}`);

  async function dispatch(method: unknown, request: unknown): Promise<Res<Method>> {
    const name = typeof method === 'string' ? method.slice(0, 100) : String(method);
    if (!isMethod(method)) throw new ApiError('UNKNOWN_METHOD', `DriverLab has no method called ${name}.`);
    try {
      const parsed = contract[method].request.parse(request ?? {});
      const handler = registry.get(method) as unknown as (request: unknown) => Res<Method> | Promise<Res<Method>>;
      return await handler(parsed);
    } catch (error) {
      throw toApiError(error, method);
    }
  }

  return {
    call: (method, request) => dispatch(method, request) as Promise<Res<typeof method>>,
    dispatch,
    events: deps.events,
    registry,
  };
}

export interface Core {
  api: Api;
  db: Db;
  notebookPath: string;
  backupPath: string | null;
  close(): void;
}

/** Opens a notebook and builds the services over it: what Electron, `serve`, the CLI and the tests all start from. */
export function openCore(notebookPath: string, options: { now?: () => Date } = {}): Core {
  const notebook = openNotebook(notebookPath, { now: options.now });
  const events = new EventBus();
  const now = options.now ?? (() => new Date());
  const api = createApi({
    db: notebook.db,
    notebookPath: notebook.path,
    events,
    now,
    appVersion: APP_VERSION,
    files: new AttachmentStore(notebook.db, notebook.path, now),
    jobs: new JobRegistry(events),
  });
  return {
    api,
    db: notebook.db,
    notebookPath: notebook.path,
    backupPath: notebook.backupPath,
    close: () => notebook.db.close(),
  };
}
