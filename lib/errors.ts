/**
 * One error type with a stable code and an HTTP status. Its message is written for the person
 * who sees it; internal details go to the server log only.
 */
export type ErrorCode =
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "invalid_input"
  | "conflict"
  | "rate_limited"
  | "finch_pending"
  | "finch_unavailable"
  | "finch_auth"
  | "finch_error"
  | "unavailable"
  | "internal";

const STATUS: Record<ErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  invalid_input: 400,
  conflict: 409,
  rate_limited: 429,
  finch_pending: 202,
  finch_unavailable: 503,
  finch_auth: 502,
  finch_error: 502,
  unavailable: 503,
  internal: 500,
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
    this.status = STATUS[code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Turns anything thrown into what a caller may see; unknown errors are logged and hidden. */
export function publicError(error: unknown, context = "request"): AppError {
  if (isAppError(error)) return error;
  console.error(`[perch] ${context} failed:`, error);
  return new AppError("internal", "Something went wrong on our side. Please try again.");
}

export function errorResponse(error: unknown, context?: string, headers?: HeadersInit): Response {
  const err = publicError(error, context);
  return Response.json(
    { error: { code: err.code, message: err.message, ...(err.details ?? {}) } },
    { status: err.status, headers },
  );
}
