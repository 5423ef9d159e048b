/**
 * A tiny schema language for contract requests. It lives in the contract (which imports nothing) so that the
 * request types are inferred from the same schemas core validates with: one source of truth per method.
 */
export class SchemaError extends Error {
  constructor(
    readonly path: string,
    readonly expectation: string,
  ) {
    super(`${path || 'request'}: ${expectation}`);
    this.name = 'SchemaError';
  }
}

export interface Schema<T> {
  readonly kind: string;
  parse(value: unknown, path?: string): T;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

function make<T>(kind: string, parse: (value: unknown, path: string) => T): Schema<T> {
  return { kind, parse: (value, path = '') => parse(value, path) };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? 'a string' : `${typeof value}`;
}

export interface StringRules {
  min?: number;
  max?: number;
  pattern?: RegExp;
  patternHint?: string;
  trim?: boolean;
}

function string(rules: StringRules = {}): Schema<string> {
  const max = rules.max ?? 10_000;
  return make('string', (value, path) => {
    if (typeof value !== 'string') throw new SchemaError(path, `expected text, got ${describe(value)}`);
    const text = rules.trim ? value.trim() : value;
    if (rules.min !== undefined && text.length < rules.min)
      throw new SchemaError(path, rules.min === 1 ? 'must not be empty' : `must be at least ${rules.min} characters`);
    if (text.length > max) throw new SchemaError(path, `must be at most ${max} characters`);
    if (rules.pattern && !rules.pattern.test(text))
      throw new SchemaError(path, rules.patternHint ?? `does not match ${rules.pattern}`);
    return text;
  });
}

function int(rules: { min?: number; max?: number } = {}): Schema<number> {
  return make('int', (value, path) => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value))
      throw new SchemaError(path, `expected a whole number, got ${describe(value)}`);
    if (rules.min !== undefined && value < rules.min) throw new SchemaError(path, `must be at least ${rules.min}`);
    if (rules.max !== undefined && value > rules.max) throw new SchemaError(path, `must be at most ${rules.max}`);
    return value;
  });
}

function boolean(): Schema<boolean> {
  return make('boolean', (value, path) => {
    if (typeof value !== 'boolean') throw new SchemaError(path, `expected true or false, got ${describe(value)}`);
    return value;
  });
}

function oneOf<const T extends readonly string[]>(values: T): Schema<T[number]> {
  return make('enum', (value, path) => {
    if (typeof value !== 'string' || !values.includes(value))
      throw new SchemaError(path, `must be one of ${values.join(', ')}`);
    return value as T[number];
  });
}

/** 64-bit values travel as `0x…` hex strings; normalised to lowercase without leading zeros. */
function hex64(): Schema<string> {
  return make('hex64', (value, path) => {
    if (typeof value !== 'string' || !/^0x[0-9a-fA-F`]{1,17}$/.test(value))
      throw new SchemaError(path, 'expected a hexadecimal value such as 0x7e');
    const digits = value.slice(2).replace(/`/g, '');
    if (digits.length === 0 || digits.length > 16) throw new SchemaError(path, 'must fit in 64 bits');
    return `0x${BigInt(`0x${digits}`).toString(16)}`;
  });
}

function optional<T>(inner: Schema<T>): Schema<T | undefined> {
  return make(`optional ${inner.kind}`, (value, path) => (value === undefined ? undefined : inner.parse(value, path)));
}

function nullable<T>(inner: Schema<T>): Schema<T | null> {
  return make(`nullable ${inner.kind}`, (value, path) => (value === null ? null : inner.parse(value, path)));
}

function array<T>(item: Schema<T>, rules: { max?: number; min?: number } = {}): Schema<T[]> {
  const max = rules.max ?? 10_000;
  return make('array', (value, path) => {
    if (!Array.isArray(value)) throw new SchemaError(path, `expected a list, got ${describe(value)}`);
    if (value.length > max) throw new SchemaError(path, `must have at most ${max} items`);
    if (rules.min !== undefined && value.length < rules.min)
      throw new SchemaError(path, `must have at least ${rules.min} item${rules.min === 1 ? '' : 's'}`);
    return value.map((entry, index) => item.parse(entry, `${path}[${index}]`));
  });
}

type Shape = Record<string, Schema<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: undefined extends Infer<S[K]> ? K : never }[keyof S];
type RequiredKeys<S extends Shape> = Exclude<keyof S, OptionalKeys<S>>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};
export type ObjectOf<S extends Shape> = Simplify<
  { [K in RequiredKeys<S>]: Infer<S[K]> } & { [K in OptionalKeys<S>]?: Infer<S[K]> }
>;

/** Unknown keys are rejected: a typo in a request should be an error, not silently ignored. */
function object<S extends Shape>(shape: S): Schema<ObjectOf<S>> {
  return make('object', (value, path) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new SchemaError(path, `expected an object, got ${describe(value)}`);
    const input = value as Record<string, unknown>;
    for (const key of Object.keys(input)) {
      if (!(key in shape)) throw new SchemaError(path ? `${path}.${key}` : key, 'is not a known field');
    }
    const out: Record<string, unknown> = {};
    for (const [key, schema] of Object.entries(shape)) {
      const parsed = schema.parse(input[key], path ? `${path}.${key}` : key);
      if (parsed !== undefined) out[key] = parsed;
    }
    return out as ObjectOf<S>;
  });
}

export const s = { string, int, boolean, oneOf, hex64, optional, nullable, array, object };
