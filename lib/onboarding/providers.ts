import "server-only";
import { listProviders, type ProviderSummary } from "@/lib/finch/connect";

const TTL_MS = 60 * 60 * 1000;
const cache = globalThis as unknown as {
  perchProviders?: { at: number; providers: Promise<ProviderSummary[]> };
};

/** Finch's provider list, fetched at most hourly; an outage yields an empty list, not an error. */
export async function cachedProviders(): Promise<ProviderSummary[]> {
  const now = Date.now();
  if (!cache.perchProviders || now - cache.perchProviders.at > TTL_MS) {
    const providers = listProviders().catch((error) => {
      console.error("[perch] could not load Finch's provider list:", error);
      cache.perchProviders = undefined;
      return [];
    });
    cache.perchProviders = { at: now, providers };
  }
  return cache.perchProviders.providers;
}

export async function providerName(providerId: string): Promise<string | null> {
  const providers = await cachedProviders();
  return providers.find((p) => p.id === providerId)?.name ?? null;
}
