import { randomBytes } from "node:crypto";
import { createEmployer } from "@/db/queries/employers";
import type { Connection, Employer } from "@/db/schema";
import { appNow } from "@/lib/clock";
import { createSandboxConnection } from "@/lib/finch/connect";
import { storeConnectionFromToken } from "@/lib/onboarding/store";

export interface ConnectedEmployerOptions {
  /** Assisted (ADP Workforce Now, third-party admin) or automated (ADP Run, credentials). */
  assisted: boolean;
  products?: string[];
  name?: string;
  /** Defaults to "ADP Workforce Now" for assisted and "ADP Run" for automated. */
  providerId?: string;
}

export interface ConnectedEmployer {
  employer: Employer;
  connection: Connection;
  /** The plaintext Finch token, for tests that call the emulator directly. Never shown in the app. */
  accessToken: string;
}

/**
 * An employer with a Finch connection, made the way onboarding makes one: a sandbox connection
 * created with the real SDK against the demo emulator (POST /sandbox/connections), then
 * introspected, encrypted, upserted and given its status exactly as the code exchange does.
 * Needs `installTestEnv()` and `setDatabaseForTests()` first.
 */
export async function createConnectedEmployer(
  options: ConnectedEmployerOptions,
): Promise<ConnectedEmployer> {
  const suffix = randomBytes(4).toString("hex");
  const employer = await createEmployer({
    name: options.name ?? `Test employer ${suffix}`,
    customerId: `test-${suffix}`,
    contactEmail: null,
    createdBy: null,
  });
  if (!employer) throw new Error("createConnectedEmployer: the customer id was taken");
  const { accessToken } = await createSandboxConnection({
    providerId: options.providerId ?? (options.assisted ? "adp_workforce_now" : "adp_run"),
    authenticationType: options.assisted ? "assisted" : "credential",
    products: options.products,
  });
  const { connection } = await storeConnectionFromToken({
    employerId: employer.id,
    accessToken,
    at: await appNow(),
    actor: { userId: null, label: "Test setup" },
  });
  return { employer, connection, accessToken };
}
