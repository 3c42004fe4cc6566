import "server-only";
import { after } from "next/server";

/**
 * Runs `task` once the response has been sent (Next's `after()`), so recording what a Finch
 * call returned never delays the caller or the page that made it. Outside a Next request (tests,
 * scripts) there is no response to wait for, and the task runs at once. A failed task is
 * logged: the answer already went out, and the next call records afresh.
 */
export async function afterResponse(label: string, task: () => Promise<unknown>): Promise<void> {
  const run = async () => {
    try {
      await task();
    } catch (error) {
      console.error(`[perch] ${label} failed after the response:`, error);
    }
  };
  try {
    after(run);
  } catch {
    // `after` throws only when there is no request scope.
    await run();
  }
}
