/** `next start` instances for `npm run bench`, and a signed-in session against each. */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export interface BenchServer {
  name: string;
  url: string;
  child: ChildProcess;
  cookie: string;
  stop(): Promise<void>;
}

const root = process.cwd();

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server at ${url} exited (${child.exitCode})`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`server at ${url} did not become healthy in ${timeoutMs / 1000} s`);
}

/** Auth.js credentials sign-in over HTTP: CSRF token, then the callback; returns the cookie. */
async function signIn(url: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${url}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const response = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${url}/` }),
  });
  const session = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => c.includes("session-token="));
  if (!session) throw new Error(`sign-in at ${url} failed (${response.status})`);
  return session;
}

/**
 * Starts `node scripts/start.mjs` (which builds first when the sources changed) on `port`, waits
 * until healthy and signs in. Start servers one after another so only the first one builds.
 */
export async function startServer({
  name,
  port,
  env,
  dataDir,
  user,
}: {
  name: string;
  port: number;
  env: Record<string, string>;
  /** The server's PERCH_DATA_DIR (demo secrets, the emulator's state). */
  dataDir: string;
  user: { email: string; password: string };
}): Promise<BenchServer> {
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [path.join(root, "scripts", "start.mjs")], {
    cwd: root,
    env: {
      ...process.env,
      ...env,
      NODE_ENV: "production",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      PERCH_URL: url,
      PERCH_DATA_DIR: dataDir,
      // The bench measures its own seeded portfolio, never the demo's.
      PERCH_DEMO_PORTFOLIO: "empty",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log: string[] = [];
  child.stdout?.on("data", (chunk: Buffer) => log.push(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => log.push(chunk.toString()));
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  };
  try {
    await waitForHealth(url, child, 600_000);
    const cookie = await signIn(url, user.email, user.password);
    return { name, url, child, cookie, stop };
  } catch (error) {
    await stop();
    console.error(log.join("").slice(-4000));
    throw error;
  }
}
