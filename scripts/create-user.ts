// `npm run user:create -- --email a@b.com --role admin [--name "A B"]`: adds a user with a
// generated password (printed once). For the first administrator of a production instance.
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "@/db/client";
import { ROLES, users, type Role } from "@/db/schema";
import { generatePassword, hashPassword } from "@/lib/password";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    role: { type: "string", default: "admin" },
    name: { type: "string" },
  },
});
const email = values.email?.trim().toLowerCase();
if (!email || !/^[^@\s]+@[^@\s]+$/.test(email) || !ROLES.includes(values.role as Role)) {
  console.error(
    'Usage: npm run user:create -- --email you@example.com [--role admin|operator|viewer] [--name "Your Name"]',
  );
  process.exit(2);
}
const handle = await openDatabase({
  url: process.env.DATABASE_URL || undefined,
  dataDir: path.join(process.env.PERCH_DATA_DIR ?? ".data", "pglite"),
});
const password = generatePassword();
const [created] = await handle.db
  .insert(users)
  .values({
    email,
    name: values.name ?? null,
    role: values.role as Role,
    passwordHash: await hashPassword(password),
  })
  .onConflictDoNothing()
  .returning();
await handle.close();
if (!created) {
  console.error(`A user with the e-mail ${email} already exists.`);
  process.exit(1);
}
console.log(`Created ${created.role} ${created.email}. Password (shown once): ${password}`);
