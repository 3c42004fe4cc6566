import "server-only";
import Finch from "@tryfinch/finch-api";
import { AppError } from "@/lib/errors";
import { parseRetryAfter } from "@/lib/finch/rate-limits";

export interface FinchFailure {
  status: number | null;
  finchCode: string | null;
  name: string | null;
  requestId: string | null;
  retryAfterSeconds: number | null;
  message: string;
}

/** What Finch said when a call failed, read from the SDK's error without its internals. */
export function describeFinchError(error: unknown): FinchFailure | null {
  if (error instanceof Finch.APIConnectionError) {
    return {
      status: null,
      finchCode: null,
      name: "connection_error",
      requestId: null,
      retryAfterSeconds: null,
      message: "Finch could not be reached.",
    };
  }
  if (!(error instanceof Finch.APIError)) return null;
  const body = (error.error ?? {}) as { finch_code?: string; name?: string; message?: string };
  const retryAfter = parseRetryAfter(error.headers?.get("retry-after"), Date.now());
  return {
    status: error.status ?? null,
    finchCode: body.finch_code ?? null,
    name: body.name ?? null,
    requestId: error.headers?.get("finch-request-id") ?? null,
    retryAfterSeconds: retryAfter,
    message: body.message ?? error.message,
  };
}

/** The status a Finch auth failure implies for the connection, if any. */
export function statusFromFinchFailure(failure: FinchFailure): string | null {
  if (failure.finchCode === "reauthenticate_user") return "reauth";
  if (failure.finchCode === "account_setup_required") return "error_no_account_setup";
  if (failure.finchCode === "insufficient_account_permissions") return "error_permissions";
  if (failure.status === 401 && failure.name === "invalid_token_error") return "disconnected";
  return null;
}

/** A Finch failure as shown to Perch's users: a stable code and a plain sentence. */
export function finchAppError(error: unknown, doing: string): AppError {
  const failure = describeFinchError(error);
  if (!failure)
    return error instanceof AppError ? error : new AppError("internal", `Could not ${doing}.`);
  const ref = failure.requestId ? { finchRequestId: failure.requestId } : undefined;
  if (failure.status === null) {
    return new AppError(
      "finch_unavailable",
      `Could not ${doing}: Finch did not answer. Try again shortly.`,
      ref,
    );
  }
  if (failure.status === 429) {
    return new AppError(
      "rate_limited",
      `Could not ${doing}: Finch is rate-limiting requests.${failure.retryAfterSeconds ? ` Try again in ${failure.retryAfterSeconds} s.` : " Try again shortly."}`,
      { ...ref, retryAfterSeconds: failure.retryAfterSeconds },
    );
  }
  if (failure.status >= 500) {
    return new AppError(
      "finch_unavailable",
      `Could not ${doing}: Finch had a server error. Try again shortly.`,
      ref,
    );
  }
  if (failure.status === 401 || failure.status === 403) {
    return new AppError("finch_auth", `Could not ${doing}: ${failure.message}`, {
      ...ref,
      finchCode: failure.finchCode,
    });
  }
  return new AppError("finch_error", `Could not ${doing}: ${failure.message}`, {
    ...ref,
    finchCode: failure.finchCode,
  });
}
