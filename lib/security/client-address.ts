/**
 * The client's address, taken only from infrastructure the operator declared trustworthy.
 * A browser can send any X-Forwarded-For it likes; only entries appended by our own proxies
 * are believed. Pure: the caller passes the headers and the trust settings.
 */
export interface AddressTrust {
  /** Reverse proxies in front of Perch that append to X-Forwarded-For (PERCH_TRUSTED_PROXIES). */
  trustedProxies: number;
  /** On Vercel the edge network overwrites x-vercel-forwarded-for / x-real-ip itself. */
  onVercel: boolean;
}

const ADDRESS = /^[0-9A-Fa-f:.]{2,45}$/;

function normalize(value: string | null | undefined): string | null {
  const candidate = value?.trim();
  return candidate && ADDRESS.test(candidate) ? candidate.toLowerCase() : null;
}

/** Null when no trusted source names the client: callers must not key anything on a guess. */
export function clientAddress(headers: Headers, trust: AddressTrust): string | null {
  if (trust.onVercel) {
    return (
      normalize(headers.get("x-vercel-forwarded-for")?.split(",")[0]) ??
      normalize(headers.get("x-real-ip"))
    );
  }
  if (trust.trustedProxies < 1) return null;
  const hops = (headers.get("x-forwarded-for") ?? "").split(",").map((h) => h.trim());
  // Each trusted proxy appends the address it saw; the outermost one saw the client.
  const index = hops.length - trust.trustedProxies;
  return index >= 0 ? normalize(hops[index]) : null;
}
