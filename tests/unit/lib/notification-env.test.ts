import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

const tmp = () => mkdtempSync(path.join(os.tmpdir(), "perch-env-"));
const secret = `whsec_${Buffer.alloc(32, 9).toString("base64")}`;

function problemsOf(overrides: Record<string, string>): string {
  try {
    parseEnv({ PERCH_DATA_DIR: tmp(), ...overrides });
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as Error).message;
  }
  return "";
}

describe("notification variables", () => {
  it("leaves every channel unconfigured by default, with a sender on Perch's host", () => {
    const env = parseEnv({ PERCH_DATA_DIR: tmp(), PERCH_URL: "https://perch.example.com" });
    expect(env.notifications).toEqual({
      smtpUrl: undefined,
      mailFrom: "Perch <perch@perch.example.com>",
      slackWebhookUrl: undefined,
      webhookUrl: undefined,
      webhookSecret: undefined,
    });
  });

  it("accepts smtp:// and smtps:// with or without credentials", () => {
    for (const url of [
      "smtp://mail.example.com",
      "smtp://mail.example.com:587",
      "smtps://user:p%40ss@mail.example.com:465",
      "smtp://apikey:secret@127.0.0.1:2525",
    ]) {
      expect(parseEnv({ PERCH_DATA_DIR: tmp(), SMTP_URL: url }).notifications.smtpUrl).toBe(url);
    }
  });

  it("names the variable and the expected form for a bad SMTP_URL", () => {
    for (const url of ["mail.example.com", "http://mail.example.com", "smtp://"]) {
      expect(problemsOf({ SMTP_URL: url })).toMatch(/SMTP_URL: expected smtp:\/\//);
    }
  });

  it("requires a whsec_ base64 secret with PERCH_WEBHOOK_URL", () => {
    expect(problemsOf({ PERCH_WEBHOOK_URL: "https://example.com/hook" })).toMatch(
      /PERCH_WEBHOOK_SECRET: required with PERCH_WEBHOOK_URL/,
    );
    expect(
      problemsOf({ PERCH_WEBHOOK_URL: "https://example.com/hook", PERCH_WEBHOOK_SECRET: "abc" }),
    ).toMatch(/PERCH_WEBHOOK_SECRET: expected "whsec_"/);
    expect(
      problemsOf({
        PERCH_WEBHOOK_URL: "https://example.com/hook",
        PERCH_WEBHOOK_SECRET: Buffer.alloc(32, 1).toString("base64"),
      }),
    ).toMatch(/PERCH_WEBHOOK_SECRET/);
    const env = parseEnv({
      PERCH_DATA_DIR: tmp(),
      PERCH_WEBHOOK_URL: "https://example.com/hook",
      PERCH_WEBHOOK_SECRET: secret,
    });
    expect(env.notifications.webhookSecret).toBe(secret);
  });

  it("rejects a Slack URL that is not http(s) and a malformed MAIL_FROM", () => {
    expect(problemsOf({ SLACK_WEBHOOK_URL: "hooks.slack.com/services/x" })).toMatch(
      /SLACK_WEBHOOK_URL: expected an http\(s\) URL/,
    );
    expect(problemsOf({ MAIL_FROM: "not an address" })).toMatch(/MAIL_FROM/);
    expect(
      parseEnv({ PERCH_DATA_DIR: tmp(), MAIL_FROM: "Acme Ops <ops@acme.example>" }).notifications
        .mailFrom,
    ).toBe("Acme Ops <ops@acme.example>");
  });
});
