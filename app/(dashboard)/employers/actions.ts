"use server";

import { randomBytes } from "node:crypto";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import {
  createEmployer as insertEmployer,
  getEmployerById,
  setEmployerArchived,
  updateEmployer as saveEmployer,
} from "@/db/queries/employers";
import { recordEvent } from "@/db/queries/events";
import { appNow } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { protectedAction } from "@/lib/safe-action";

const employerInput = z.object({
  name: z
    .string({ message: "Enter the employer's name" })
    .trim()
    .min(1, "Enter the employer's name")
    .max(255, "Keep the name under 255 characters"),
  customerId: z
    .string()
    .trim()
    .max(255, "Keep the customer id under 255 characters")
    .regex(/^[A-Za-z0-9._:@-]*$/, "Use letters, digits and . _ : @ - only")
    .optional()
    .transform((v) => v || null),
  contactEmail: z
    .string()
    .trim()
    .toLowerCase()
    .max(320, "Keep the e-mail under 320 characters")
    .optional()
    .transform((v) => v || null)
    .pipe(z.email("Enter a valid e-mail address").nullable()),
});

const taken = (customerId: string) =>
  new AppError("conflict", "Another employer already uses that customer id.", {
    fieldErrors: { customerId: [`"${customerId}" is already used by another employer`] },
  });

/** Our customer id, sent to Finch; generated when ops leave it blank. */
function generatedCustomerId(): string {
  return `emp_${randomBytes(6).toString("hex")}`;
}

export const createEmployer = protectedAction(
  { role: "operator", schema: employerInput, name: "createEmployer" },
  async (input, { user }) => {
    const customerId = input.customerId ?? generatedCustomerId();
    // The app clock, so demo mode dates the employer (and its CSV row) on the demo's day.
    const now = await appNow();
    const employer = await insertEmployer({
      name: input.name,
      customerId,
      contactEmail: input.contactEmail,
      createdBy: user.id,
      createdAt: now,
    });
    if (!employer) throw taken(customerId);
    await recordEvent({
      occurredAt: now,
      source: "staff",
      type: "employer.created",
      employerId: employer.id,
      actorUserId: user.id,
      actorLabel: user.email,
      summary: `${user.email} added ${employer.name} (customer id ${employer.customerId})`,
      data: { customerId, contactEmail: employer.contactEmail },
    });
    revalidatePath("/employers");
    return { id: employer.id };
  },
);

export const updateEmployer = protectedAction(
  {
    role: "operator",
    schema: employerInput.extend({ id: z.uuid() }),
    name: "updateEmployer",
  },
  async ({ id, ...input }, { user }) => {
    const before = await getEmployerById({ id });
    if (!before) throw new AppError("not_found", "That employer no longer exists.");
    const customerId = input.customerId ?? before.customerId;
    const employer = await saveEmployer({
      id,
      name: input.name,
      customerId,
      contactEmail: input.contactEmail,
    });
    if (!employer) throw taken(customerId);
    const changed = (["name", "customerId", "contactEmail"] as const).filter(
      (field) => before[field] !== employer[field],
    );
    if (changed.length) {
      await recordEvent({
        occurredAt: await appNow(),
        source: "staff",
        type: "employer.updated",
        employerId: id,
        actorUserId: user.id,
        actorLabel: user.email,
        summary: `${user.email} changed the ${changed
          .map(
            (f) => ({ name: "name", customerId: "customer id", contactEmail: "contact e-mail" })[f],
          )
          .join(", ")}`,
        data: Object.fromEntries(changed.map((f) => [f, { from: before[f], to: employer[f] }])),
      });
    }
    revalidatePath(`/employers/${id}`);
    revalidatePath("/employers");
    return { id };
  },
);

export const archiveEmployer = protectedAction(
  {
    role: "operator",
    schema: z.object({
      id: z.uuid(),
      archived: z.enum(["true", "false"]).transform((v) => v === "true"),
    }),
    name: "archiveEmployer",
  },
  async ({ id, archived }, { user }) => {
    const now = await appNow();
    const employer = await setEmployerArchived({ id, archivedAt: archived ? now : null });
    if (!employer) throw new AppError("not_found", "That employer no longer exists.");
    await recordEvent({
      occurredAt: now,
      source: "staff",
      type: archived ? "employer.archived" : "employer.updated",
      employerId: id,
      actorUserId: user.id,
      actorLabel: user.email,
      summary: archived
        ? `${user.email} archived ${employer.name}`
        : `${user.email} restored ${employer.name} from the archive`,
      data: { archived },
    });
    revalidatePath(`/employers/${id}`);
    revalidatePath("/employers");
    return { archived };
  },
);
