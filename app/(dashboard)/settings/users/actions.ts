"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ROLES } from "@/db/schema";
import { recordEvent } from "@/db/queries/events";
import { appNow } from "@/lib/clock";
import { countActiveAdmins, createUser, getUserById, updateUser } from "@/db/queries/users";
import { AppError } from "@/lib/errors";
import { generatePassword, hashPassword } from "@/lib/password";
import { protectedAction } from "@/lib/safe-action";

const createUserInput = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid e-mail address").max(320),
  name: z
    .string()
    .trim()
    .max(120, "Keep the name under 120 characters")
    .optional()
    .transform((v) => v || null),
  role: z.enum(ROLES, { message: "Choose a role" }),
});

const userIdInput = z.object({ userId: z.uuid() });

async function loadUser(userId: string) {
  const user = await getUserById({ id: userId });
  if (!user) throw new AppError("not_found", "That user no longer exists.");
  return user;
}

/** An instance must always keep one active admin, or nobody could manage users again. */
async function assertNotLastAdmin(user: { role: string; active: boolean }) {
  if (user.role === "admin" && user.active && (await countActiveAdmins()) <= 1) {
    throw new AppError(
      "conflict",
      "This is the only active administrator. Make someone else an admin first.",
    );
  }
}

export const addUser = protectedAction(
  { role: "admin", schema: createUserInput, name: "addUser" },
  async (input, { user: actor }) => {
    const password = generatePassword();
    const created = await createUser({ ...input, passwordHash: await hashPassword(password) });
    if (!created) {
      throw new AppError("conflict", "A user with that e-mail already exists.", {
        fieldErrors: { email: ["A user with that e-mail already exists."] },
      });
    }
    await recordEvent({
      occurredAt: await appNow(),
      source: "staff",
      type: "user.created",
      actorUserId: actor.id,
      actorLabel: actor.email,
      summary: `${actor.email} added ${created.email} as ${created.role}`,
      data: { userId: created.id, role: created.role },
    });
    revalidatePath("/settings/users");
    return { email: created.email, password };
  },
);

export const changeUserRole = protectedAction(
  { role: "admin", schema: userIdInput.extend({ role: z.enum(ROLES) }), name: "changeUserRole" },
  async ({ userId, role }, { user: actor }) => {
    const target = await loadUser(userId);
    if (target.role === role) return { role };
    if (role !== "admin") await assertNotLastAdmin(target);
    await updateUser({ id: userId }, { role });
    await recordEvent({
      occurredAt: await appNow(),
      source: "staff",
      type: "user.role_changed",
      actorUserId: actor.id,
      actorLabel: actor.email,
      summary: `${actor.email} changed ${target.email} from ${target.role} to ${role}`,
      data: { userId, from: target.role, to: role },
    });
    revalidatePath("/settings/users");
    return { role };
  },
);

export const setUserActive = protectedAction(
  {
    role: "admin",
    schema: userIdInput.extend({
      active: z.enum(["true", "false"]).transform((v) => v === "true"),
    }),
    name: "setUserActive",
  },
  async ({ userId, active }, { user: actor }) => {
    const target = await loadUser(userId);
    if (!active) {
      if (target.id === actor.id) throw new AppError("conflict", "You cannot deactivate yourself.");
      await assertNotLastAdmin(target);
    }
    await updateUser({ id: userId }, { active });
    await recordEvent({
      occurredAt: await appNow(),
      source: "staff",
      type: active ? "user.reactivated" : "user.deactivated",
      actorUserId: actor.id,
      actorLabel: actor.email,
      summary: `${actor.email} ${active ? "reactivated" : "deactivated"} ${target.email}`,
      data: { userId },
    });
    revalidatePath("/settings/users");
    return { active };
  },
);

export const resetUserPassword = protectedAction(
  { role: "admin", schema: userIdInput, name: "resetUserPassword" },
  async ({ userId }, { user: actor }) => {
    const target = await loadUser(userId);
    const password = generatePassword();
    await updateUser({ id: userId }, { passwordHash: await hashPassword(password) });
    await recordEvent({
      occurredAt: await appNow(),
      source: "staff",
      type: "user.password_reset",
      actorUserId: actor.id,
      actorLabel: actor.email,
      summary: `${actor.email} reset the password of ${target.email}`,
      data: { userId },
    });
    return { email: target.email, password };
  },
);
