import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { employers, type Employer } from "@/db/schema";

export async function getEmployerById({ id }: { id: string }): Promise<Employer | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const db = await getDb();
  const [row] = await db.select().from(employers).where(eq(employers.id, id)).limit(1);
  return row;
}
