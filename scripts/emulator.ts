/**
 * Standalone Finch emulator:
 * `npm run emulator -- --port 4010 [--host 127.0.0.1] [--data <dir>] [--rate-limits documented|relaxed|off]`.
 * Rate limits default to FINCH_EMULATOR_RATE_LIMITS, else Finch's documented values.
 * Credentials come from FINCH_EMULATOR_CLIENT_ID / FINCH_EMULATOR_CLIENT_SECRET (generated if unset);
 * webhooks go to FINCH_EMULATOR_WEBHOOK_URL, signed with FINCH_EMULATOR_WEBHOOK_SECRET (base64).
 */
import { randomBytes, randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { createEmulator, parseRateLimitMode } from "../lib/emulator";
import { listen } from "../lib/emulator/node-server";
import { generateWebhookSecret } from "../lib/emulator/webhooks";

function usage(message: string): never {
  console.error(
    `${message}\nUsage: npm run emulator -- --port 4010 [--host 127.0.0.1] [--data <dir>] [--rate-limits documented|relaxed|off]`,
  );
  process.exit(2);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "4010" },
      host: { type: "string", default: "127.0.0.1" },
      data: { type: "string" },
      "rate-limits": { type: "string" },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    usage(`Invalid --port '${values.port}'`);

  let rateLimits;
  try {
    rateLimits = values["rate-limits"]
      ? parseRateLimitMode(values["rate-limits"], "--rate-limits")
      : parseRateLimitMode(process.env.FINCH_EMULATOR_RATE_LIMITS, "FINCH_EMULATOR_RATE_LIMITS");
  } catch (error) {
    usage((error as Error).message);
  }

  const clientId = process.env.FINCH_EMULATOR_CLIENT_ID || randomUUID();
  const clientSecret =
    process.env.FINCH_EMULATOR_CLIENT_SECRET || randomBytes(24).toString("base64url");
  const webhookUrl = process.env.FINCH_EMULATOR_WEBHOOK_URL || null;
  const webhookSecret =
    process.env.FINCH_EMULATOR_WEBHOOK_SECRET || (webhookUrl ? generateWebhookSecret() : null);
  if (webhookSecret && Buffer.from(webhookSecret, "base64").toString("base64") !== webhookSecret) {
    usage(
      "FINCH_EMULATOR_WEBHOOK_SECRET must be base64 (as Finch issues it), e.g. the output of `openssl rand -base64 32`",
    );
  }

  const emulator = await createEmulator({
    clientId,
    clientSecret,
    webhookUrl,
    webhookSecret,
    dataDir: values.data ?? null,
    rateLimits,
  });
  const server = await listen((request, info) => emulator.handle(request, info), {
    port,
    host: values.host,
  });

  const lines = [
    "Finch emulator running",
    `  API            ${server.url}   (FINCH_BASE_URL)`,
    `  Connect page   ${server.url}/authorize?session=<session_id>`,
    `  Control        ${server.url}/_emulator/clock | faults | rate-limits | scenario | connections | webhooks`,
    `  Rate limits    ${rateLimits}${rateLimits === "documented" ? " (Finch's: per application and product per minute, 1000 per IP per 5 min)" : ""}`,
    `  Client ID      ${clientId}${process.env.FINCH_EMULATOR_CLIENT_ID ? "" : "   (generated)"}`,
    `  Client secret  ${clientSecret}${process.env.FINCH_EMULATOR_CLIENT_SECRET ? "" : "   (generated)"}`,
    `  Webhooks       ${webhookUrl ?? "off (set FINCH_EMULATOR_WEBHOOK_URL)"}`,
    ...(webhookUrl
      ? [
          `  Webhook secret ${webhookSecret}${process.env.FINCH_EMULATOR_WEBHOOK_SECRET ? "" : "   (generated)"}`,
        ]
      : []),
    `  State          ${values.data ? `${values.data}/state.json` : "in memory"}`,
  ];
  console.log(lines.join("\n"));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal} received, shutting down`);
    await server.close();
    await emulator.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
