/**
 * The one check for every return address Perch follows (`from` on the login page, sign-in and
 * SSO callbacks, invite flows): only a path on this site, never another origin. Anything odd —
 * backslashes, control characters or whitespace, `//`, a scheme, percent-encoded variants of
 * those — falls back to `fallback`. Pure.
 */
const BASE = "http://perch.invalid";

export function safeRedirectPath(candidate: unknown, fallback = "/"): string {
  if (typeof candidate !== "string" || candidate.length === 0 || candidate.length > 2048) {
    return fallback;
  }
  if (!candidate.startsWith("/") || candidate.startsWith("//")) return fallback;
  // Browsers treat "\" as "/" and drop tabs and newlines, so "/\evil" and "/\t/evil" leave the
  // site; refuse them and their percent-encoded forms outright.
  if (/[\\\u0000-\u001f\u007f\s]/.test(candidate)) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(candidate);
  } catch {
    return fallback;
  }
  if (/[\\\u0000-\u001f\u007f]/.test(decoded) || decoded.startsWith("//")) return fallback;
  let url: URL;
  try {
    url = new URL(candidate, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
