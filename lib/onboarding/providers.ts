import "server-only";
import { listProviders, type ProviderSummary } from "@/lib/finch/connect";

const TTL_MS = 60 * 60 * 1000;
/** A failure is remembered this long, so a Finch outage costs one bounded wait, not one per view. */
const FAILURE_TTL_MS = 60 * 1000;
/** Pages wait at most this long for the list, once, with no retries. */
const PAGE_TIMEOUT_MS = 3_000;

const cache = globalThis as unknown as {
  perchProviders?: { expiresAt: number; providers: Promise<ProviderSummary[]> };
};

/** Finch's provider list, fetched at most hourly; an outage yields an empty list, not an error. */
export async function cachedProviders(): Promise<ProviderSummary[]> {
  const now = Date.now();
  if (!cache.perchProviders || now > cache.perchProviders.expiresAt) {
    const entry = {
      expiresAt: now + TTL_MS,
      providers: listProviders({ timeout: PAGE_TIMEOUT_MS, maxRetries: 0 }).catch((error) => {
        console.error("[perch] could not load Finch's provider list:", String(error));
        entry.expiresAt = Date.now() + FAILURE_TTL_MS;
        return [];
      }),
    };
    cache.perchProviders = entry;
  }
  return cache.perchProviders.providers;
}

export async function providerName(providerId: string): Promise<string | null> {
  const providers = await cachedProviders();
  return providers.find((p) => p.id === providerId)?.name ?? null;
}
