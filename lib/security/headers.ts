/**
 * The security headers the proxy sets on every response. Pure: the caller passes the mode and
 * URLs from the environment and a fresh nonce per response.
 */
export interface HeaderSettings {
  mode: "demo" | "sandbox" | "production";
  connectUrl: string;
  development: boolean;
  publicUrl: string;
  onVercel: boolean;
}

export function contentSecurityPolicy(nonce: string, settings: HeaderSettings): string {
  const connectOrigin = settings.mode === "demo" ? "'self'" : new URL(settings.connectUrl).origin;
  return [
    "default-src 'self'",
    // Only scripts carrying this response's nonce run, and what they load ('strict-dynamic').
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${settings.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    `frame-src ${connectOrigin}`,
    "frame-ancestors 'self'",
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}

/** HSTS only where Perch is served over HTTPS: a declared https PERCH_URL, or Vercel. */
export function strictTransportSecurity(settings: HeaderSettings): string | null {
  return settings.onVercel || settings.publicUrl.startsWith("https://")
    ? "max-age=63072000; includeSubDomains"
    : null;
}
