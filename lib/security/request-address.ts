import "server-only";
import { env } from "@/lib/env";
import { clientAddress } from "@/lib/security/client-address";

/** The requesting client's address under this deployment's trust settings, or null. */
export function requestAddress(headers: Headers): string | null {
  const { trustedProxies, onVercel } = env();
  return clientAddress(headers, { trustedProxies, onVercel });
}
