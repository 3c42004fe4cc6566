import Finch from "@tryfinch/finch-api";
import { describe, expect, it } from "vitest";
import { generateWebhookSecret, newEventId, signWebhook } from "@/lib/emulator/webhooks";

describe("webhook signatures", () => {
  it("produce headers the official SDK verifies", () => {
    const secret = generateWebhookSecret();
    const body = JSON.stringify({ event_type: "account.updated", data: { status: "connected" } });
    const id = newEventId();
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      "finch-event-id": id,
      "finch-timestamp": String(timestamp),
      "finch-signature": signWebhook(secret, id, timestamp, body),
    };
    const client = new Finch({ accessToken: "unused", webhookSecret: secret });
    expect(client.webhooks.unwrap(body, headers)).toEqual(JSON.parse(body));
    expect(() => client.webhooks.unwrap(`${body} `, headers)).toThrow(/signature/);
    expect(() =>
      client.webhooks.unwrap(body, { ...headers, "finch-timestamp": String(timestamp - 600) }),
    ).toThrow(/too old/);
  });

  it("matches a known HMAC-SHA256 vector keyed with the base64-decoded secret", () => {
    const secret = Buffer.from("key").toString("base64");
    expect(signWebhook(secret, "msg_1", 1_700_000_000, "{}")).toBe(
      "v1,XaXLFEFQ69Q4+demDWPEv5ydXczDW2mM5crCUEFcFBA=",
    );
  });

  it("uses Svix-style event ids", () => {
    expect(newEventId()).toMatch(/^msg_[0-9A-Za-z]{27}$/);
    expect(newEventId()).not.toBe(newEventId());
  });
});
