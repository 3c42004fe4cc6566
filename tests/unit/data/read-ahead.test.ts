import { beforeAll, describe, expect, it } from "vitest";
import type { ProxyConnection } from "@/db/queries/data-proxy";
import type { FinchAnswer } from "@/lib/data-proxy/read";
import {
  earlyAnswerFor,
  READ_AHEAD_MS,
  ReadAhead,
  readInputs,
  type ReadContext,
} from "@/lib/data-proxy/read-ahead";
import { parseProductQuery } from "@/lib/data-proxy/params";
import { encryptToken } from "@/lib/token-encryption";
import { installTestEnv } from "@/tests/support/app-env";

const USER = "7d0c3f5e-1b1a-4c55-9a57-1f8e2a0b6c01";
const OTHER_USER = "7d0c3f5e-1b1a-4c55-9a57-1f8e2a0b6c02";
const REF = { id: "0b8f5a52-2d4e-4a43-9a0e-5f1d7c3b9e10" };
const directory = parseProductQuery("directory", {});

let context: ReadContext;

beforeAll(() => {
  installTestEnv();
  const token = encryptToken("finch-token-1");
  context = {
    connection: {
      id: "c-1",
      products: ["company", "directory"],
      accessTokenCiphertext: token.ciphertext,
      accessTokenKeyId: token.keyId,
      status: "connected",
    } as ProxyConnection,
    entities: [],
  };
});

/** A ReadAhead whose clock and Finch are the test's: each call made is kept. */
function readAhead(limit?: number) {
  let now = 1_000_000;
  const asked: { token: string; product: string; entityId: string | null }[] = [];
  const ahead = new ReadAhead({
    limit,
    now: () => now,
    ask: (token, query, entityId) => {
      asked.push({ token, product: query.product, entityId });
      return Promise.resolve({ kind: "pending", status: 202, headers: {} } as FinchAnswer<never>);
    },
  });
  return { ahead, asked, advance: (ms: number) => (now += ms) };
}

const start = (ahead: ReadAhead, userId = USER, requestedEntity: string | null = null) =>
  ahead.start({ userId, ref: REF, query: directory, requestedEntity });

describe("ReadAhead", () => {
  it("starts nothing for a user and employer it has not served", () => {
    const { ahead, asked } = readAhead();
    expect(start(ahead)).toBeNull();
    ahead.remember(USER, REF, context);
    expect(start(ahead, OTHER_USER)).toBeNull();
    expect(
      ahead.start({
        userId: USER,
        ref: { customerId: "acme" },
        query: directory,
        requestedEntity: null,
      }),
    ).toBeNull();
    expect(asked).toEqual([]);
  });

  it("asks Finch with the served connection's token, up to READ_AHEAD_MS after serving it", () => {
    const { ahead, asked, advance } = readAhead();
    ahead.remember(USER, REF, context);
    advance(READ_AHEAD_MS);
    const early = start(ahead);
    expect(early?.inputs).toBe(readInputs(context));
    expect(asked).toEqual([{ token: "finch-token-1", product: "directory", entityId: null }]);
    advance(1);
    expect(start(ahead)).toBeNull();
    expect(asked).toHaveLength(1);
  });

  it("decrypts the token once while the connection's token stays the same, and again after a swap", () => {
    const { ahead, asked } = readAhead();
    let ciphertextReads = 0;
    const counting = (ciphertext: string | null) => ({
      ...context,
      connection: {
        ...context.connection,
        get accessTokenCiphertext() {
          ciphertextReads += 1;
          return ciphertext;
        },
      },
    });
    ahead.remember(USER, REF, context);
    start(ahead);
    // Remembered again with the same inputs, the decrypted token is kept: starting a call reads
    // the ciphertext no more (decrypting would read it).
    const same = counting(context.connection.accessTokenCiphertext);
    ahead.remember(USER, REF, same);
    const readsAfterRemember = ciphertextReads;
    start(ahead);
    expect(ciphertextReads).toBe(readsAfterRemember);
    const swapped = encryptToken("finch-token-2");
    ahead.remember(USER, REF, {
      ...context,
      connection: {
        ...context.connection,
        accessTokenCiphertext: swapped.ciphertext,
        accessTokenKeyId: swapped.keyId,
      },
    });
    start(ahead);
    expect(asked.map((call) => call.token)).toEqual([
      "finch-token-1",
      "finch-token-1",
      "finch-token-2",
    ]);
  });

  it("forgets a user the session check refused", () => {
    const { ahead } = readAhead();
    ahead.remember(USER, REF, context);
    ahead.forget(USER, REF);
    expect(start(ahead)).toBeNull();
  });

  it("starts nothing the served connection could not answer", () => {
    const { ahead, asked } = readAhead();
    ahead.remember(USER, REF, {
      ...context,
      connection: { ...context.connection, products: ["company"] },
    });
    expect(start(ahead)).toBeNull();
    ahead.remember(USER, REF, {
      ...context,
      connection: { ...context.connection, accessTokenCiphertext: null, status: "disconnected" },
    });
    expect(start(ahead)).toBeNull();
    const twoEntities = [
      { finchEntityId: "e-1", status: "connected" },
      { finchEntityId: "e-2", status: "connected" },
    ];
    ahead.remember(USER, REF, { ...context, entities: twoEntities });
    expect(start(ahead)).toBeNull();
    expect(start(ahead, USER, "e-3")).toBeNull();
    expect(asked).toEqual([]);
    expect(start(ahead, USER, "e-2")).not.toBeNull();
    expect(asked).toEqual([{ token: "finch-token-1", product: "directory", entityId: "e-2" }]);
  });

  it("keeps at most `limit` users' employers, dropping the longest unused", () => {
    const { ahead } = readAhead(2);
    const refs = [{ id: "a" }, { id: "b" }, { id: "c" }];
    ahead.remember(USER, refs[0], context);
    ahead.remember(USER, refs[1], context);
    ahead.remember(USER, refs[0], context);
    ahead.remember(USER, refs[2], context);
    const started = (ref: { id: string }) =>
      ahead.start({ userId: USER, ref, query: directory, requestedEntity: null }) !== null;
    expect(refs.map(started)).toEqual([true, false, true]);
  });
});

describe("earlyAnswerFor", () => {
  it("uses the early answer only when the fresh context makes exactly the same call", () => {
    const { ahead } = readAhead();
    ahead.remember(USER, REF, context);
    const early = start(ahead)!;
    expect(earlyAnswerFor(early, context)).toBe(early.answer);
    expect(earlyAnswerFor(null, context)).toBeUndefined();
    const rotated = encryptToken("finch-token-2");
    for (const changed of [
      { connection: { ...context.connection, id: "c-2" } },
      {
        connection: {
          ...context.connection,
          accessTokenCiphertext: rotated.ciphertext,
          accessTokenKeyId: rotated.keyId,
        },
      },
      { connection: { ...context.connection, products: ["directory"] } },
      { entities: [{ finchEntityId: "e-1", status: "connected" }] },
    ]) {
      const fresh = { ...context, ...changed };
      expect(earlyAnswerFor(early, fresh), JSON.stringify(changed)).toBeUndefined();
    }
    // What does not change the call (the status line, say) does not drop the answer.
    const statusOnly = { ...context, connection: { ...context.connection, status: "reauth" } };
    expect(earlyAnswerFor(early, statusOnly)).toBe(early.answer);
  });
});
