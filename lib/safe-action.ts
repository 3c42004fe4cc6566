import "server-only";
import { z } from "zod";
import type { Role } from "@/db/schema";
import { publicError } from "@/lib/errors";
import { requireUser, type SessionUser } from "@/lib/session";

export type FieldErrors = Record<string, string[] | undefined>;

export type ActionResult<T> =
  | { ok: true; data: T; message?: string }
  | { ok: false; error: string; code: string; fieldErrors?: FieldErrors };

export type ActionState<T> = ActionResult<T> | null;

function formDataToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    const values = formData.getAll(key).filter((v): v is string => typeof v === "string");
    out[key] = key.endsWith("[]") ? values : values.length > 1 ? values : values[0];
  }
  for (const key of Object.keys(out)) {
    if (key.endsWith("[]")) {
      out[key.slice(0, -2)] = out[key];
      delete out[key];
    }
  }
  return out;
}

/**
 * Every ops server action goes through here: the signed-in user and role are checked, the
 * input is parsed with zod (FormData or a plain object), and errors become a stable code and a
 * plain sentence. Works with `useActionState` (prev state first) and with direct calls.
 */
export function protectedAction<S extends z.ZodType, T>(
  options: { role: Role; schema: S; name: string },
  run: (input: z.infer<S>, ctx: { user: SessionUser }) => Promise<T>,
) {
  return async (_prev: unknown, raw: FormData | z.input<S>): Promise<ActionResult<T>> => {
    try {
      const user = await requireUser(options.role);
      const parsed = options.schema.safeParse(
        raw instanceof FormData ? formDataToObject(raw) : raw,
      );
      if (!parsed.success) {
        return {
          ok: false,
          code: "invalid_input",
          error: "Please correct the highlighted fields.",
          fieldErrors: z.flattenError(parsed.error).fieldErrors as FieldErrors,
        };
      }
      return { ok: true, data: await run(parsed.data, { user }) };
    } catch (error) {
      // redirect() and notFound() work by throwing; let Next handle them.
      if (error && typeof error === "object" && "digest" in error) throw error;
      const err = publicError(error, `action ${options.name}`);
      const fieldErrors = err.details?.fieldErrors as FieldErrors | undefined;
      return { ok: false, code: err.code, error: err.message, fieldErrors };
    }
  };
}
