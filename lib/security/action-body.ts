/**
 * Whether a server-action request body is one React's client could have sent. Next.js answers
 * a body it cannot decode (broken JSON, a torn multipart form, a reference to a part that is not
 * there) with a 500; the proxy answers 400 instead, before the action runs. Pure.
 *
 * The body is the action's arguments encoded by React's `encodeReply`: JSON in which strings that
 * start with "$" are either escaped text ("$$…"), a few scalars, or a reference to another part
 * of a multipart body ("$K1" is a FormData whose fields are named "1_…", "$Q2" a Map in part 2…).
 */
const SCALARS = /^\$(undefined|NaN|Infinity|-Infinity|-0|D.*|n-?\d+)$/s;
const REFERENCE = /^\$([A-Za-z@])([0-9a-f]+)$/;

function referencesResolve(value: unknown, parts: ReadonlySet<string>, depth = 0): boolean {
  if (depth > 64) return false;
  if (typeof value === "string") {
    if (!value.startsWith("$") || value.startsWith("$$") || SCALARS.test(value)) return true;
    const ref = REFERENCE.exec(value);
    if (!ref) return false;
    // A FormData may be empty, so its fields need not exist; any other kind names a part.
    return ref[1] === "K" || parts.has(String(parseInt(ref[2], 16)));
  }
  if (Array.isArray(value)) return value.every((v) => referencesResolve(v, parts, depth + 1));
  if (value && typeof value === "object") {
    return Object.values(value).every((v) => referencesResolve(v, parts, depth + 1));
  }
  return true;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** A plain-text body: the arguments as one JSON array, with nothing to refer to. */
export function isWellFormedTextReply(body: string): boolean {
  const parsed = parseJson(body);
  return parsed.ok && Array.isArray(parsed.value) && referencesResolve(parsed.value, new Set());
}

/** A multipart body: part "0" holds the arguments; numbered parts are JSON that may refer on. */
export function isWellFormedFormReply(fields: ReadonlyMap<string, string | null>): boolean {
  if (typeof fields.get("0") !== "string") return false;
  const names = new Set(fields.keys());
  for (const [name, value] of fields) {
    if (!/^\d+$/.test(name) || value === null) continue;
    const parsed = parseJson(value);
    if (!parsed.ok || !referencesResolve(parsed.value, names)) return false;
  }
  return true;
}
