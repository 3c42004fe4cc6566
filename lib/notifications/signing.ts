import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Standard Webhooks signing (standardwebhooks.com): HMAC-SHA256 with the base64 key after the
 * "whsec_" prefix, over "<webhook-id>.<webhook-timestamp>.<body>", sent as "v1,<base64>".
 * Written out here (a dozen lines of node:crypto) rather than depending on a package at run
 * time; the tests verify our signatures with the reference `standardwebhooks` library.
 */
export function signStandardWebhook({
  secret,
  id,
  timestampSeconds,
  body,
}: {
  secret: string;
  id: string;
  timestampSeconds: number;
  body: string;
}): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const mac = createHmac("sha256", key)
    .update(`${id}.${timestampSeconds}.${body}`)
    .digest("base64");
  return `v1,${mac}`;
}

/** Checks a "v1,<sig> v1,<sig>" header against our signature (for receivers and tests). */
export function verifyStandardWebhook(args: {
  secret: string;
  id: string;
  timestampSeconds: number;
  body: string;
  header: string;
}): boolean {
  const expected = Buffer.from(signStandardWebhook(args));
  return args.header.split(" ").some((candidate) => {
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
