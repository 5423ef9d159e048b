import type { Method, Req, Res } from '../contract';

export type Handler<M extends Method> = (request: Req<M>) => Res<M> | Promise<Res<M>>;

/** The handlers of one domain: exactly the methods named in its part of the contract. */
export type Handlers<Ms extends Method> = { [M in Ms]: Handler<M> };
