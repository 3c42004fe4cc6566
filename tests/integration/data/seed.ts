import { randomUUID } from "node:crypto";
import { getDb } from "@/db";
import { users } from "@/db/schema";

/** A staff user with the given role, for API-key ownership and session tests. */
export async function seedUser(role: "admin" | "operator" | "viewer") {
  const db = await getDb();
  const [user] = await db
    .insert(users)
    .values({ email: `${role}-${randomUUID().slice(0, 6)}@example.com`, role })
    .returning();
  return user;
}
