import "server-only";
import { createUser, getUserByEmail } from "@/db/queries/users";
import { recordEvent } from "@/db/queries/events";
import { env } from "@/lib/env";
import { hashPassword } from "@/lib/password";

/** Demo mode: make sure the demo administrator exists, and tell the person at the terminal. */
export async function ensureDemoAdmin(): Promise<void> {
  const { demo, publicUrl } = env();
  if (!demo) return;
  if (!(await getUserByEmail({ email: demo.adminEmail }))) {
    const user = await createUser({
      email: demo.adminEmail,
      name: "Demo Admin",
      role: "admin",
      passwordHash: await hashPassword(demo.adminPassword),
    });
    if (user) {
      await recordEvent({
        source: "system",
        type: "user.created",
        actorLabel: "Perch demo setup",
        summary: `Demo administrator ${user.email} created`,
        data: { userId: user.id },
      });
    }
  }
  console.log(
    [
      "",
      "  Perch is running in DEMO mode (built-in Finch emulator, embedded database).",
      `  Open ${publicUrl} and sign in with:`,
      `    e-mail:   ${demo.adminEmail}`,
      `    password: ${demo.adminPassword}`,
      "",
    ].join("\n"),
  );
}
