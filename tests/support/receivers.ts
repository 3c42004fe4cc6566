import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";
import { listen, type RunningServer } from "@/lib/emulator/node-server";

export interface ReceivedMail {
  envelopeTo: string[];
  auth: string | null;
  mail: ParsedMail;
}

export interface SmtpReceiver {
  url: string;
  messages: ReceivedMail[];
  close(): Promise<void>;
}

/** A real SMTP server on loopback (the `smtp-server` package), keeping what it receives. */
export async function startSmtpReceiver({
  user,
  password,
}: { user?: string; password?: string } = {}): Promise<SmtpReceiver> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: user ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
    allowInsecureAuth: true,
    authOptional: !user,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === password) {
        callback(null, { user: auth.username });
      } else {
        callback(new Error("Invalid username or password"));
      }
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push({
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
            auth: typeof session.user === "string" ? session.user : null,
            mail,
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  const credentials = user
    ? `${encodeURIComponent(user)}:${encodeURIComponent(password ?? "")}@`
    : "";
  return {
    url: `smtp://${credentials}127.0.0.1:${port}`,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface ReceivedRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface HttpReceiver extends RunningServer {
  requests: ReceivedRequest[];
  /** Status codes to answer with, in turn; 200 once they run out. */
  failNext(...statuses: number[]): void;
  /** Forgets the received requests and any failures still queued. */
  reset(): void;
}

/** A real HTTP server on loopback standing in for Slack and for a customer's webhook endpoint. */
export async function startHttpReceiver(): Promise<HttpReceiver> {
  const requests: ReceivedRequest[] = [];
  const answers: number[] = [];
  const server = await listen(async (request) => {
    const body = await request.text();
    requests.push({
      path: new URL(request.url).pathname,
      headers: Object.fromEntries(request.headers.entries()),
      body,
    });
    const status = answers.shift() ?? 200;
    return new Response(status === 200 ? "ok" : "no", { status });
  });
  return {
    ...server,
    requests,
    failNext: (...statuses) => answers.push(...statuses),
    reset: () => {
      requests.length = 0;
      answers.length = 0;
    },
  };
}
