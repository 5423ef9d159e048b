import {
  ApiError,
  EVENT_NAMES,
  isApiErrorData,
  type EventMap,
  type EventName,
  type Method,
  type PreloadBridge,
  type Req,
  type Res,
  type Transport,
} from '../../src-main/contract';

function unwrap<T>(reply: unknown): T {
  if (typeof reply === 'object' && reply !== null && 'ok' in reply) {
    if (reply.ok === true && 'result' in reply) return reply.result as T;
    if (reply.ok === false && 'error' in reply && isApiErrorData(reply.error)) throw ApiError.fromData(reply.error);
  }
  throw new ApiError('INTERNAL', 'DriverLab received a reply it does not understand.');
}

type Listener = (payload: unknown) => void;

/** Inside Electron: the preload's bridge. */
export function ipcTransport(bridge: PreloadBridge): Transport {
  return {
    kind: 'ipc',
    call: async <M extends Method>(method: M, request: Req<M>) => unwrap<Res<M>>(await bridge.invoke(method, request)),
    on: <E extends EventName>(event: E, listener: (payload: EventMap[E]) => void) =>
      bridge.on(event, listener as Listener),
  };
}

/** In a browser against `driverlab serve`: same-origin fetch (the token travels as an HttpOnly cookie) and SSE. */
export function httpTransport(base = ''): Transport {
  const listeners = new Map<EventName, Set<Listener>>();
  let source: EventSource | null = null;
  function connect(): void {
    if (source || typeof EventSource === 'undefined') return;
    source = new EventSource(`${base}/api/events`);
    for (const name of EVENT_NAMES) {
      source.addEventListener(name, (message) => {
        const payload: unknown = JSON.parse((message as MessageEvent<string>).data);
        for (const listener of listeners.get(name) ?? []) listener(payload);
      });
    }
  }
  return {
    kind: 'http',
    async call<M extends Method>(method: M, request: Req<M>): Promise<Res<M>> {
      let response: Response;
      try {
        response = await fetch(`${base}/api/call/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(request),
          credentials: 'same-origin',
        });
      } catch {
        throw new ApiError('INTERNAL', 'DriverLab is not reachable: is `driverlab serve` still running?');
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        throw new ApiError('INTERNAL', `DriverLab answered with HTTP ${response.status} and no readable body.`);
      }
      return unwrap<Res<M>>(body);
    },
    on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void) {
      connect();
      const set = listeners.get(event) ?? new Set<Listener>();
      set.add(listener as Listener);
      listeners.set(event, set);
      return () => set.delete(listener as Listener);
    },
  };
}

/** The page finds its transport once, at startup. */
export function findTransport(): Transport {
  return window.driverlab ? ipcTransport(window.driverlab) : httpTransport();
}
