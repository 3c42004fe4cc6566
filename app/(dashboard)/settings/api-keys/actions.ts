"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getApiKeyById, revokeApiKey } from "@/db/queries/api-keys";
import { recordEvent } from "@/db/queries/events";
import { API_KEY_SCOPES, createApiKey as issueApiKey } from "@/lib/api-keys";
import { appNow } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { protectedAction } from "@/lib/safe-action";

const createApiKeyInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Give the key a name, such as the service that will use it")
    .max(80, "Keep the name under 80 characters"),
  /** Keys read unless made to write deductions too (data:write). */
  scope: z.enum(API_KEY_SCOPES).default("data:read"),
});

export const createApiKey = protectedAction(
  { role: "admin", schema: createApiKeyInput, name: "createApiKey" },
  async ({ name, scope }, { user }) => {
    const { key, record } = await issueApiKey({ name, scope, createdBy: user.id });
    await recordEvent({
      occurredAt: await appNow(),
      source: "staff",
      type: "api_key.created",
      actorUserId: user.id,
      actorLabel: user.email,
      summary: `${user.email} created the API key “${name}” (${record.prefix}…)`,
      data: { apiKeyId: record.id, prefix: record.prefix, scope: record.scope },
    });
    revalidatePath("/settings/api-keys");
    return { name: record.name, key };
  },
);

export const revokeApiKeyAction = protectedAction(
  { role: "admin", schema: z.object({ apiKeyId: z.uuid() }), name: "revokeApiKey" },
  async ({ apiKeyId }, { user }) => {
    const existing = await getApiKeyById({ id: apiKeyId });
    if (!existing) throw new AppError("not_found", "That API key no longer exists.");
    const at = await appNow();
    const revoked = await revokeApiKey({ id: apiKeyId, at });
    if (revoked) {
      await recordEvent({
        occurredAt: at,
        source: "staff",
        type: "api_key.revoked",
        actorUserId: user.id,
        actorLabel: user.email,
        summary: `${user.email} revoked the API key “${existing.name}” (${existing.prefix}…)`,
        data: { apiKeyId, prefix: existing.prefix },
      });
    }
    revalidatePath("/settings/api-keys");
    return { revoked: true };
  },
);
