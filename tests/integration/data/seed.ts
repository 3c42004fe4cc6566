import { randomUUID } from "node:crypto";
import { getDb } from "@/db";
import { connections, employers, users, type Connection, type Employer } from "@/db/schema";
import { getDemoEmulator } from "@/lib/demo/emulator";
import { env } from "@/lib/env";
import { finchForApp } from "@/lib/finch/client";
import { introspectConnection } from "@/lib/finch/introspect";
import { encryptToken } from "@/lib/token-encryption";

/**
 * A connected employer for the data tests: a Connect session through the real SDK, the
 * emulator's Connect completion, a real code exchange and introspection, then our rows.
 */
export async function seedConnectedEmployer(options: {
  assisted: boolean;
  products?: string[];
  name?: string;
}): Promise<{ employer: Employer; connection: Connection; accessToken: string }> {
  const products = options.products ?? [
    "company",
    "directory",
    "individual",
    "employment",
    "payment",
    "pay_statement",
    "benefits",
  ];
  const customerId = `cust-${randomUUID().slice(0, 8)}`;
  const name = options.name ?? (options.assisted ? "Assisted Co" : "Automated Co");
  const app = await finchForApp();
  const session = await app.connect.sessions.new({
    customer_id: customerId,
    customer_name: name,
    products: products as never,
    manual: options.assisted,
  });
  const emulator = await getDemoEmulator()!;
  const completed = await emulator.handle(
    new Request(`${env().publicUrl}/authorize/complete`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        session_id: session.session_id,
        provider_id: options.assisted ? "paycom" : "gusto",
        auth_method: options.assisted ? "assisted" : "oauth",
        ...(options.assisted ? { outcome: "success" } : {}),
      }),
    }),
  );
  const { code } = (await completed.json()) as { code?: string };
  if (!code) throw new Error("Connect completion returned no code");
  const exchanged = await app.accessTokens.create({ code });
  const snapshot = await introspectConnection(exchanged.access_token);
  const db = await getDb();
  const [employer] = await db.insert(employers).values({ name, customerId }).returning();
  const encrypted = encryptToken(exchanged.access_token);
  const [connection] = await db
    .insert(connections)
    .values({
      employerId: employer.id,
      finchConnectionId: snapshot.finchConnectionId,
      providerId: snapshot.providerId,
      providerName: options.assisted ? "Paycom" : "Gusto",
      authMethod: snapshot.authMethod,
      assisted: snapshot.assisted,
      products: snapshot.products,
      status: snapshot.status,
      statusChangedAt: emulator.now(),
      accessTokenCiphertext: encrypted.ciphertext,
      accessTokenKeyId: encrypted.keyId,
    })
    .returning();
  return { employer, connection, accessToken: exchanged.access_token };
}

export async function seedUser(role: "admin" | "operator" | "viewer") {
  const db = await getDb();
  const [user] = await db
    .insert(users)
    .values({ email: `${role}-${randomUUID().slice(0, 6)}@example.com`, role })
    .returning();
  return user;
}
