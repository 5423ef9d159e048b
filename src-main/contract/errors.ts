/** Error codes every transport carries unchanged; messages are written for the user, never stack traces. */
export const ERROR_CODES = [
  'INVALID_REQUEST',
  'UNKNOWN_METHOD',
  'NOT_FOUND',
  'CONFLICT',
  'NOTEBOOK_TOO_NEW',
  'NOTEBOOK_UNREADABLE',
  'UNSUPPORTED_FORMAT',
  'CANCELLED',
  'UNAUTHORIZED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorData {
  code: ErrorCode;
  message: string;
  /** Where in the request the problem is, e.g. `input.title`. */
  field?: string;
}

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toData(): ApiErrorData {
    return this.field ? { code: this.code, message: this.message, field: this.field } : { code: this.code, message: this.message };
  }

  static fromData(data: ApiErrorData): ApiError {
    return new ApiError(data.code, data.message, data.field);
  }
}

export function isApiErrorData(value: unknown): value is ApiErrorData {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.message === 'string' && (ERROR_CODES as readonly unknown[]).includes(record.code);
}
