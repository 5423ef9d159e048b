import type { EventMap, EventName, Method, Req, Res, Transport } from '../../src-main/contract';

type Responder = { [M in Method]?: (request: Req<M>) => Res<M> };

/** A transport that answers from canned functions and records every call, for component and store tests. */
export function fakeTransport(responders: Responder) {
  const calls: { method: Method; request: unknown }[] = [];
  const listeners = new Map<string, ((payload: unknown) => void)[]>();
  const transport: Transport = {
    kind: 'memory',
    async call<M extends Method>(method: M, request: Req<M>): Promise<Res<M>> {
      calls.push({ method, request });
      const responder = responders[method] as ((request: Req<M>) => Res<M>) | undefined;
      if (!responder) throw new Error(`fake transport: no answer for ${method}`);
      return responder(request);
    },
    on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void) {
      const list = listeners.get(event) ?? [];
      list.push(listener as (payload: unknown) => void);
      listeners.set(event, list);
      return () => undefined;
    },
  };
  return {
    transport,
    calls,
    emit<E extends EventName>(event: E, payload: EventMap[E]) {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
  };
}
