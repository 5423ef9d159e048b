/**
 * The one DriverLab API. Method name -> request schema + response type, pushed events, error codes.
 * Pure TypeScript that imports nothing outside this folder: core implements it, the Electron preload, the HTTP server and
 * the CLI carry it, and the renderer imports its types only.
 */
import { appMethods } from './domains/app';
import { experimentsMethods } from './domains/experiments';
import { windowsMethods } from './domains/windows';
import { jobsMethods } from './domains/jobs';
import { notesMethods } from './domains/notes';
import { loaderMethods } from './domains/loader';
import { driversMethods } from './domains/drivers';
import { stacksMethods } from './domains/stacks';
import { dumpsMethods } from './domains/dumps';
import type { MethodSpec } from './method';
import type { EventMap, EventName } from './events';

export const contract = {
  ...appMethods,
  ...experimentsMethods,
  ...windowsMethods,
  ...jobsMethods,
  ...notesMethods,
  ...loaderMethods,
  ...driversMethods,
  ...stacksMethods,
  ...dumpsMethods,
};

export type Contract = typeof contract;
export type Method = keyof Contract;
export type Req<M extends Method> = Contract[M] extends MethodSpec<infer R, unknown> ? R : never;
export type Res<M extends Method> = Contract[M] extends MethodSpec<unknown, infer R> ? R : never;

export const METHOD_NAMES = Object.keys(contract) as Method[];

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** What every transport offers the renderer. */
export interface Transport {
  call<M extends Method>(method: M, request: Req<M>): Promise<Res<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
  readonly kind: 'ipc' | 'http' | 'memory';
}

/** What the Electron preload exposes as `window.driverlab`: nothing but contract calls and events. */
export interface PreloadBridge {
  invoke(method: string, request: unknown): Promise<{ ok: true; result: unknown } | { ok: false; error: unknown }>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  /** Absolute path of a dropped File, for imports that read from disk (Electron only). */
  pathForFile(file: File): string;
}

export const IPC_CALL_CHANNEL = 'driverlab:call';
export const IPC_EVENT_CHANNEL = 'driverlab:event';

export * from './errors';
export * from './events';
export * from './schema';
export * from './method';
export * from './domains/app';
export * from './domains/experiments';
export * from './domains/windows';
export * from './domains/jobs';
export * from './domains/notes';
export * from './domains/loader';
export * from './domains/drivers';
export * from './domains/pe';
export * from './domains/stacks';
export * from './domains/dumps';
