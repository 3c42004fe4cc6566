import { desc, sql } from "drizzle-orm";
import { connections, employers } from "@/db/schema";

/**
 * An employer's current connection is its newest live one, else its newest: the first row in this
 * order among its connections.
 */
export const CURRENT_CONNECTION_FIRST = [
  sql`${connections.disconnectedAt} is not null`,
  desc(connections.createdAt),
] as const;

/** The outer query's employer's connections (the condition of a lateral current-connection lookup). */
export const OF_OUTER_EMPLOYER = sql`${connections.employerId} = ${employers.id}`;
