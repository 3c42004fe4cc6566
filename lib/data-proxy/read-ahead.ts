import "server-only";
import type { EntityRef, ProxyConnection } from "@/db/queries/data-proxy";
import { accessTokenFor } from "@/lib/connections/access-token";
import type { EmployerRef } from "@/lib/data-proxy/employers";
import {
  connectionHasProduct,
  type ProductQueryMap,
  type ProxyProduct,
} from "@/lib/data-proxy/params";
import { askFinch, type FinchAnswer } from "@/lib/data-proxy/read";
import { entityScope } from "@/lib/status/entities";

/**
 * Asking Finch while the database answers. A proxied call needs the employer's connection (its
 * token) before it can call Finch, and the caller's session check before it may answer; one query
 * reads both (getProxyContext). When the same signed-in user read the same employer through this
 * process moments ago, the Finch call starts at once from what that query returned then, while the
 * query runs again. The early answer is used only when the fresh query shows the same connection,
 * token, products and entities (so the call made would have been exactly the same) and the caller
 * passes the session check on the fresh row; otherwise it is dropped and Finch asked again.
 * Nothing is recorded or sent from an early answer before then.
 *
 * Only a session that decrypts and that passed the check on this employer within the last minute
 * starts a call early: an API key, an unknown cookie or another employer never does, so nobody can
 * make Perch call Finch without having been allowed to a moment before.
 */

/** How long a served context may start the next call early. */
export const READ_AHEAD_MS = 60_000;
const LIMIT = 1_000;

export type ReadContext = { connection: ProxyConnection; entities: readonly EntityRef[] };

interface Served {
  context: ReadContext;
  inputs: string;
  at: number;
  /**
   * The context's access token, decrypted by the first early call and kept while the inputs
   * (ciphertext included) stay the same: decrypting costs more than the rest of starting a call.
   * It stays in this process's memory for at most READ_AHEAD_MS after the last read.
   */
  token?: string;
}

/** Everything in a context that decides the Finch call a read makes. */
export function readInputs({ connection, entities }: ReadContext): string {
  return JSON.stringify([
    connection.id,
    connection.accessTokenCiphertext,
    connection.accessTokenKeyId,
    connection.products,
    entities.map((e) => [e.finchEntityId, e.status]),
  ]);
}

function memoryKey(userId: string, ref: EmployerRef): string {
  return "id" in ref ? `${userId}\nid:${ref.id}` : `${userId}\ncustomer:${ref.customerId}`;
}

/** One process's memory of the contexts it served, by user and employer. */
export class ReadAhead {
  private readonly served = new Map<string, Served>();

  private readonly limit: number;
  private readonly now: () => number;
  private readonly ask: typeof askFinch;

  constructor({
    limit = LIMIT,
    now = Date.now,
    ask = askFinch,
  }: { limit?: number; now?: () => number; ask?: typeof askFinch } = {}) {
    this.limit = limit;
    this.now = now;
    this.ask = ask;
  }

  /** After `userId` passed the session check on `context`, read fresh for this request. */
  remember(userId: string, ref: EmployerRef, context: ReadContext): void {
    const key = memoryKey(userId, ref);
    const inputs = readInputs(context);
    const before = this.served.get(key);
    this.served.delete(key);
    if (this.served.size >= this.limit) this.served.delete(this.served.keys().next().value!);
    const token = before?.inputs === inputs ? before.token : undefined;
    this.served.set(key, { context, inputs, at: this.now(), token });
  }

  /** Forgets what `userId` was served (the session check failed on a fresh row). */
  forget(userId: string, ref: EmployerRef): void {
    this.served.delete(memoryKey(userId, ref));
  }

  /**
   * Starts the Finch call this request will most likely make, from the context served last time;
   * null when there is none within READ_AHEAD_MS or the call could not be made from it (the
   * request is then judged and made as usual, errors included).
   */
  start<P extends ProxyProduct>(input: {
    userId: string;
    ref: EmployerRef;
    query: { product: P; params: ProductQueryMap[P] };
    requestedEntity: string | null;
  }): EarlyRead<P> | null {
    const served = this.served.get(memoryKey(input.userId, input.ref));
    if (!served || this.now() - served.at > READ_AHEAD_MS) return null;
    const { connection, entities } = served.context;
    if (!connectionHasProduct(connection.products, input.query.product)) return null;
    const scope = entityScope(entities, input.requestedEntity);
    if (scope.kind === "invalid") return null;
    try {
      served.token ??= accessTokenFor(connection);
    } catch {
      return null;
    }
    const answer = this.ask(
      served.token,
      input.query,
      scope.kind === "entity" ? scope.finchEntityId : null,
    );
    // Dropped answers must not surface as unhandled rejections.
    answer.catch(() => undefined);
    return { inputs: served.inputs, answer };
  }
}

export interface EarlyRead<P extends ProxyProduct = ProxyProduct> {
  inputs: string;
  answer: Promise<FinchAnswer<P>>;
}

/** The early answer, when the fresh context makes exactly the call it made. */
export function earlyAnswerFor<P extends ProxyProduct>(
  early: EarlyRead<P> | null,
  fresh: ReadContext,
): Promise<FinchAnswer<P>> | undefined {
  return early && early.inputs === readInputs(fresh) ? early.answer : undefined;
}
