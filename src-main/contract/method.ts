import type { Schema } from './schema';

/** A contract method: the schema its request must satisfy and (as a phantom type) its response. */
export interface MethodSpec<Req, Res> {
  readonly request: Schema<Req>;
  readonly summary: string;
  /** Never set: carries the response type. */
  readonly response?: Res;
}

export function method<Res>() {
  return <Req>(summary: string, request: Schema<Req>): MethodSpec<Req, Res> => ({ summary, request });
}
