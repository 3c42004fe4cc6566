import "server-only";
import { getDemoEmulator } from "@/lib/demo/emulator";

/**
 * Perch's notion of "now". In demo mode it follows the emulator's clock, so advancing simulated
 * time moves countdowns, freshness and Finch's answers together; otherwise it is real time.
 */
export async function appNow(): Promise<Date> {
  const emulator = getDemoEmulator();
  return emulator ? (await emulator).now() : new Date();
}
