import type { DefaultSession } from "next-auth";
import type { Role } from "@/db/schema";

declare module "next-auth" {
  interface Session {
    user: { id: string; role: Role } & DefaultSession["user"];
    /** The database could not be reached to check this session (see lib/auth.ts). */
    unavailable?: boolean;
  }
}
