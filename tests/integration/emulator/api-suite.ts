import Finch from "@tryfinch/finch-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ALL_PRODUCTS,
  CLIENT_ID,
  CLIENT_SECRET,
  DAY,
  HOUR,
  SANDBOX_LOGIN,
  startHarness,
  type Harness,
  type Variant,
} from "./harness";

async function apiError(promise: Promise<unknown>): Promise<InstanceType<typeof Finch.APIError>> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Finch.APIError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

function finchBody(error: InstanceType<typeof Finch.APIError>) {
  return error.error as { code: number; name: string; finch_code?: string; message: string };
}

/** The Finch API contract, exercised with the real SDK; run standalone and mounted under a path prefix. */
export function defineApiSuite(variant: Variant): void {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ variant });
  });
  afterAll(async () => {
    await h.close();
  });

  describe(`connect sessions (${variant})`, () => {
    it("creates a session whose connect_url is the emulated Connect page on the caller's origin", async () => {
      const session = await h.client.connect.sessions.new({
        customer_id: "cust-1",
        customer_name: "Acme Payroll Co.",
        products: ["company", "directory"],
      });
      expect(session.session_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(session.connect_url).toBe(`${h.origin}/authorize?session=${session.session_id}`);
      const page = await fetch(session.connect_url);
      expect(page.status).toBe(200);
      expect(page.headers.get("content-type")).toContain("text/html");
      expect(page.headers.get("content-security-policy")).toContain("script-src 'nonce-");
      const html = await page.text();
      expect(html).toContain("Gusto");
      expect(html).not.toContain("Paycom");
    });

    it("lists assisted-only providers on the Connect page only in manual mode", async () => {
      const session = await h.client.connect.sessions.new({
        customer_id: "c",
        customer_name: "Acme",
        products: ["company"],
        manual: true,
      });
      expect(await (await fetch(session.connect_url)).text()).toContain("Paycom");
    });

    it("validates the body like Finch: 400 invalid_request naming the field", async () => {
      const missing = await apiError(
        h.client.connect.sessions.new({ customer_name: "Acme", products: ["company"] } as never),
      );
      expect(missing.status).toBe(400);
      expect(finchBody(missing)).toMatchObject({
        code: 400,
        name: "bad_request",
        finch_code: "invalid_request",
      });
      expect(finchBody(missing).message).toContain("customer_id");

      const alias = await apiError(
        h.client.connect.sessions.new({
          customer_id: "c",
          customer_name: "n",
          products: ["benefits", "deduction"],
        }),
      );
      expect(finchBody(alias).message).toContain("deduction");

      const expiry = await apiError(
        h.client.connect.sessions.new({
          customer_id: "c",
          customer_name: "n",
          products: ["company"],
          minutes_to_expire: 200_000,
        }),
      );
      expect(expiry.status).toBe(400);
      const product = await apiError(
        h.client.connect.sessions.new({
          customer_id: "c",
          customer_name: "n",
          products: ["payroll" as never],
        }),
      );
      expect(product.status).toBe(400);
      const provider = await apiError(
        h.client.connect.sessions.new({
          customer_id: "c",
          customer_name: "n",
          products: ["company"],
          integration: { provider: "nope" },
        }),
      );
      expect(finchBody(provider).message).toContain("nope");
    });

    it("rejects wrong Basic credentials with 401 invalid_client_error", async () => {
      const wrong = new Finch({
        clientID: CLIENT_ID,
        clientSecret: "wrong",
        baseURL: h.baseURL,
        maxRetries: 0,
      });
      const error = await apiError(
        wrong.connect.sessions.new({ customer_id: "c", customer_name: "n", products: ["company"] }),
      );
      expect(error.status).toBe(401);
      expect(finchBody(error).name).toBe("invalid_client_error");
      const sandbox = await apiError(wrong.sandbox.connections.create({ provider_id: "gusto" }));
      expect(sandbox.status).toBe(401);
    });

    it("answers a bad JSON body with 400, not a crash", async () => {
      const response = await fetch(`${h.baseURL}/connect/sessions`, {
        method: "POST",
        headers: {
          authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString("base64")}`,
          "content-type": "application/json",
        },
        body: "{not json",
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        name: "bad_request",
        finch_code: "invalid_request",
      });
      expect(response.headers.get("finch-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe(`code exchange (${variant})`, () => {
    it("exchanges a code once for the full CreateAccessTokenResponse", async () => {
      const session = await h.client.connect.sessions.new({
        customer_id: "exchange-1",
        customer_name: "Exchange Co",
        customer_email: "ops@exchange.example",
        products: ["company", "directory"],
      });
      const wrongPassword = await h.completeConnect(session.session_id, {
        provider_id: "adp_run",
        auth_method: "credential",
        username: "good_user",
        password: "nope",
      });
      expect(wrongPassword.status).toBe(401);
      expect(wrongPassword.error).toEqual({
        type: "invalid_credentials",
        message: "Incorrect username or password",
      });

      const done = await h.completeConnect(session.session_id, {
        provider_id: "adp_run",
        auth_method: "credential",
        ...SANDBOX_LOGIN,
      });
      expect(done.code).toBeTruthy();
      const token = await h.client.accessTokens.create({ code: done.code! });
      expect(token).toMatchObject({
        token_type: "bearer",
        customer_id: "exchange-1",
        customer_name: "Exchange Co",
        client_type: "production",
        connection_type: "provider",
        products: ["company", "directory"],
        provider_id: "adp_run",
      });
      expect(token.entity_ids).toHaveLength(1);
      expect(token.account_id).toBeTruthy();
      expect(token.company_id).toBeTruthy();

      const reused = await apiError(h.client.accessTokens.create({ code: done.code! }));
      expect(reused.status).toBe(400);
      expect(finchBody(reused).name).toBe("invalid_grant_error");

      const again = await h.completeConnect(session.session_id, {
        provider_id: "adp_run",
        auth_method: "credential",
        ...SANDBOX_LOGIN,
      });
      expect(again.status).toBe(410);
    });

    it("rejects unknown and expired codes with invalid_grant_error and a wrong client with invalid_client_error", async () => {
      const unknown = await apiError(h.client.accessTokens.create({ code: "not-a-code" }));
      expect(finchBody(unknown).name).toBe("invalid_grant_error");

      const session = await h.client.connect.sessions.new({
        customer_id: "exp",
        customer_name: "Exp",
        products: ["company"],
      });
      const done = await h.completeConnect(session.session_id, {
        provider_id: "gusto",
        auth_method: "oauth",
      });
      const wrongClient = await apiError(
        h.client.accessTokens.create({ code: done.code!, client_secret: "wrong" }),
      );
      expect(wrongClient.status).toBe(401);
      expect(finchBody(wrongClient).name).toBe("invalid_client_error");

      await h.emulator.advanceClock(11 * 60_000);
      const expired = await apiError(h.client.accessTokens.create({ code: done.code! }));
      expect(expired.status).toBe(400);
      expect(finchBody(expired).name).toBe("invalid_grant_error");
    });

    it("reuses the live connection for the same customer and provider, and keeps it on re-authentication", async () => {
      const first = await h.connect({
        providerId: "gusto",
        authMethod: "oauth",
        products: ["company"],
        customerId: "same-customer",
      });
      const second = await h.connect({
        providerId: "gusto",
        authMethod: "oauth",
        products: ["company"],
        customerId: "same-customer",
      });
      expect(second.connectionId).toBe(first.connectionId);
      expect(second.token).not.toBe(first.token);

      const reauth = await h.client.connect.sessions.reauthenticate({
        connection_id: first.connectionId,
      });
      const done = await h.completeConnect(reauth.session_id, {
        provider_id: "gusto",
        auth_method: "oauth",
      });
      const token = await h.client.accessTokens.create({ code: done.code! });
      expect(token.connection_id).toBe(first.connectionId);
      expect(token.access_token).not.toBe(second.token);
    });

    it("shows an error page for an unknown session", async () => {
      const html = await (
        await fetch(`${h.origin}/authorize?session=00000000-0000-4000-8000-000000000000`)
      ).text();
      expect(html).toContain("Session not found");
    });
  });

  describe(`bearer auth, introspect, disconnect, providers (${variant})`, () => {
    it("distinguishes a missing token from an unknown one", async () => {
      const missing = await apiError(
        h.client.hris.company.retrieve({}, { headers: { Authorization: null } }),
      );
      expect(missing.status).toBe(401);
      expect(finchBody(missing).name).toBe("unauthorized_request_error");
      const unknown = await apiError(
        h.withToken("00000000-0000-4000-8000-000000000000").hris.company.retrieve(),
      );
      expect(unknown.status).toBe(401);
      expect(finchBody(unknown).name).toBe("invalid_token_error");
      expect(unknown.headers?.get("finch-request-id")).toBeTruthy();
    });

    it("introspects with the documented shape", async () => {
      const { api, connectionId } = await h.connect({
        providerId: "bamboo_hr",
        authMethod: "api_token",
        products: ["company", "directory"],
        customerId: "intro",
        customerName: "Intro LLC",
      });
      const info = await api.account.introspect();
      expect(info).toMatchObject({
        client_id: CLIENT_ID,
        client_type: "production",
        connection_id: connectionId,
        connection_type: "provider",
        provider_id: "bamboo_hr",
        products: ["company", "directory"],
        customer_id: "intro",
        customer_name: "Intro LLC",
        manual: false,
        connection_status: { status: "connected" },
        authentication_methods: [{ type: "api_token", connection_status: { status: "connected" } }],
      });
      expect(info.connection_status.last_successful_sync).toBeTruthy();
      expect(info.entities?.[0]).toMatchObject({ status: "connected" });
      expect(info.entities?.[0].name).toBe("Intro LLC");
    });

    it("disconnects: revokes the token, later calls get 401 invalid_token_error", async () => {
      const { api } = await h.connect({
        providerId: "gusto",
        authMethod: "oauth",
        products: ["company"],
      });
      await expect(api.account.disconnect()).resolves.toEqual({ status: "success" });
      const after = await apiError(api.hris.company.retrieve());
      expect(after.status).toBe(401);
      expect(finchBody(after).name).toBe("invalid_token_error");
    });

    it("disconnects an entity", async () => {
      const { api } = await h.connect({
        providerId: "gusto",
        authMethod: "oauth",
        products: ["company"],
      });
      const [entityId] = (await api.account.introspect()).entities!.map((e) => e.id);
      const unknown = await apiError(api.account.disconnectEntity({ entity_ids: ["nope"] }));
      expect(unknown.status).toBe(400);
      await expect(api.account.disconnectEntity({ entity_ids: [entityId] })).resolves.toEqual({
        status: "success",
      });
      expect((await apiError(api.account.introspect())).status).toBe(401);
    });

    it("lists providers with or without a token", async () => {
      const anonymous = await h.client.providers.list({ headers: { Authorization: null } });
      expect(anonymous.items.length).toBeGreaterThanOrEqual(15);
      const gusto = anonymous.items.find((p) => p.id === "gusto")!;
      expect(gusto).toMatchObject({
        display_name: "Gusto",
        manual: false,
        authentication_methods: [{ type: "oauth" }],
      });
      expect(gusto.authentication_methods?.[0].supported_fields).toBeTruthy();
      expect(gusto.authentication_methods?.[0].benefits_support).toBeTruthy();
      const paycom = anonymous.items.find((p) => p.id === "paycom")!;
      expect(paycom.authentication_methods?.map((m) => m.type)).toEqual(["assisted"]);
      const icon = await fetch(gusto.icon!);
      expect(icon.headers.get("content-type")).toBe("image/svg+xml");

      const { api } = await h.connect({
        providerId: "gusto",
        authMethod: "oauth",
        products: ["company"],
      });
      expect((await api.providers.list()).items.length).toBe(anonymous.items.length);
    });

    it("answers unknown routes with a Finch 404", async () => {
      const response = await fetch(`${h.baseURL}/employer/nothing-here`);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ code: 404, name: "not_found_error" });
    });
  });

  describe(`employer data (${variant})`, () => {
    let api: Finch;
    let token: string;
    beforeAll(async () => {
      ({ api, token } = await h.connect({
        providerId: "gusto",
        authMethod: "oauth",
        products: [...ALL_PRODUCTS, "ssn"],
        customerName: "Data Corp",
      }));
    });

    it("serves the company, with freshness headers", async () => {
      const { data, response } = await api.hris.company.retrieve().withResponse();
      expect(data.legal_name).toMatch(/^Data Corp/);
      expect(data.ein).toMatch(/^\d{2}-\d{7}$/);
      expect(data.departments?.some((d) => d?.parent !== null)).toBe(true);
      expect(data.accounts?.[0].account_type).toBe("checking");
      expect(response.headers.get("finch-data-retrieved")).toMatch(
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/,
      );
      expect(response.headers.get("finch-last-attempted-update-result")).toBe("success");
      expect(response.headers.get("finch-last-attempted-update-date")).toBe(
        response.headers.get("finch-data-retrieved"),
      );
      expect(response.headers.get("finch-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    });

    it("auto-paginates the directory with limit/offset and paging.count", async () => {
      const first = await api.hris.directory.list();
      const total = first.paging.count!;
      expect(total).toBe(first.individuals.length);
      expect(total).toBeGreaterThanOrEqual(15);
      const before = h.requests.length;
      const ids: string[] = [];
      for await (const person of api.hris.directory.list({ limit: 7 })) ids.push(person.id);
      expect(ids).toHaveLength(total);
      expect(new Set(ids).size).toBe(total);
      const offsets = h.requests
        .slice(before)
        .map((r) => Number(r.url.searchParams.get("offset") ?? 0));
      expect(offsets).toEqual(Array.from({ length: Math.ceil(total / 7) }, (_, i) => i * 7));
      const page = await api.hris.directory.list({ limit: 5, offset: 5 });
      expect(page.paging).toEqual({ count: total, offset: 5 });
      const managers = new Set(first.individuals.map((p) => p.manager?.id).filter(Boolean));
      expect(first.individuals.filter((p) => p.manager === null)).toHaveLength(1);
      for (const id of managers) expect(ids).toContain(id);
    });

    it("answers individual and employment batches per item, ssn only when asked", async () => {
      const [a, b] = (await api.hris.directory.list()).individuals;
      const individuals = await api.hris.individuals.retrieveMany({
        requests: [{ individual_id: a.id }, { individual_id: "missing" }],
      });
      expect(individuals.responses[0]).toMatchObject({
        individual_id: a.id,
        code: 200,
        body: { id: a.id, first_name: a.first_name, ssn: null },
      });
      expect(individuals.responses[1]).toMatchObject({
        code: 404,
        body: { finch_code: "individual_not_found" },
      });
      const withSsn = await api.hris.individuals.retrieveMany({
        requests: [{ individual_id: a.id }],
        options: { include: ["ssn"] },
      });
      expect((withSsn.responses[0].body as { ssn: string }).ssn).toMatch(/^\d{3}-\d{2}-\d{4}$/);

      const employments = await api.hris.employments.retrieveMany({
        requests: [{ individual_id: b.id }],
      });
      const body = employments.responses[0].body as unknown as Record<string, unknown>;
      expect(body).toMatchObject({
        id: b.id,
        employment: { type: expect.any(String) },
        income: { currency: "usd" },
      });
      expect(["exempt", "non_exempt"]).toContain(body.flsa_status);
    });

    it("lists payments by inclusive pay_date range and requires both dates", async () => {
      const all = await api.hris.payments.list({
        start_date: "2000-01-01",
        end_date: "2100-01-01",
      });
      expect(all.items.length).toBeGreaterThan(40);
      const last = all.items.at(-1)!;
      const exact = await api.hris.payments.list({
        start_date: last.pay_date!,
        end_date: last.pay_date!,
      });
      expect(exact.items.map((p) => p.id)).toEqual([last.id]);
      expect(last.gross_pay!.amount).toBeGreaterThan(last.net_pay!.amount!);
      const missing = await apiError(api.hris.payments.list({ start_date: "2024-01-01" } as never));
      expect(missing.status).toBe(400);
      expect(finchBody(missing).message).toContain("end_date");
      const badDate = await apiError(
        api.hris.payments.list({ start_date: "2024-13-01", end_date: "2024-12-31" }),
      );
      expect(badDate.status).toBe(400);
    });

    it("serves pay statements with inner paging, per-item 404 and a 10-payment cap", async () => {
      const payments = (
        await api.hris.payments.list({ start_date: "2000-01-01", end_date: "2100-01-01" })
      ).items;
      const payment = payments.at(-2)!;
      const page = await api.hris.payStatements.retrieveMany({
        requests: [{ payment_id: payment.id, limit: 2, offset: 1 }, { payment_id: "missing" }],
      });
      const [found, missing] = page.responses;
      expect(found.code).toBe(200);
      const body = found.body as {
        paging: { count: number; offset: number };
        pay_statements: {
          gross_pay: { amount: number };
          net_pay: { amount: number };
          taxes: { type: string }[];
        }[];
      };
      expect(body.paging).toEqual({ count: payment.individual_ids!.length, offset: 1 });
      expect(body.pay_statements).toHaveLength(2);
      expect(body.pay_statements[0].taxes.map((t) => t.type)).toEqual(
        expect.arrayContaining(["federal", "fica"]),
      );
      expect(missing).toMatchObject({ code: 404, body: { finch_code: "payment_not_found" } });

      const full = await api.hris.payStatements.retrieveMany({
        requests: [{ payment_id: payment.id }],
      });
      const statements = (full.responses[0].body as typeof body).pay_statements;
      expect(statements.reduce((sum, s) => sum + s.gross_pay.amount, 0)).toBe(
        payment.gross_pay!.amount,
      );

      const tooMany = await apiError(
        api.hris.payStatements.retrieveMany({
          requests: payments.slice(0, 11).map((p) => ({ payment_id: p.id })),
        }),
      );
      expect(tooMany.status).toBe(400);
    });

    it("serves benefits, their metadata, enrolments and per-individual details", async () => {
      const benefits = await api.hris.benefits.list();
      expect(benefits.items.map((b) => b.type)).toContain("401k");
      const k401 = benefits.items.find((b) => b.type === "401k")!;
      expect(k401.company_contribution?.type).toBe("match");
      expect(await api.hris.benefits.retrieve(k401.benefit_id)).toMatchObject({
        benefit_id: k401.benefit_id,
        type: "401k",
      });
      expect((await apiError(api.hris.benefits.retrieve("nope"))).status).toBe(404);
      expect((await api.hris.benefits.listSupportedBenefits()).items.length).toBeGreaterThan(3);
      const enrolled = await api.hris.benefits.individuals.enrolledIDs(k401.benefit_id);
      expect(enrolled.individual_ids.length).toBeGreaterThan(0);
      const details = await api.hris.benefits.individuals.retrieveManyBenefits(k401.benefit_id, {
        individual_ids: `${enrolled.individual_ids[0]},nope`,
      });
      expect(details.items[0]).toMatchObject({
        code: 200,
        body: { employee_deduction: { type: "percent" } },
      });
      expect(details.items[1].code).toBe(404);
    });

    it("serves pay groups", async () => {
      const groups = await api.payroll.payGroups.list();
      expect(groups.items.length).toBeGreaterThan(0);
      const group = await api.payroll.payGroups.retrieve(groups.items[0].id);
      expect(group.individual_ids.length).toBeGreaterThan(0);
      expect(group.pay_frequencies).toEqual(["bi_weekly"]);
    });

    it("refuses products the token was not granted with 403 insufficient_scope_error", async () => {
      const narrow = await h.connect({
        providerId: "gusto",
        authMethod: "oauth",
        products: ["company"],
      });
      const error = await apiError(
        narrow.api.hris.payments.list({ start_date: "2024-01-01", end_date: "2024-12-31" }),
      );
      expect(error.status).toBe(403);
      expect(finchBody(error).name).toBe("insufficient_scope_error");
      expect(token).toBeTruthy();
    });

    it("accepts entity_ids[] for the connection's entity only", async () => {
      const entity = (await api.account.introspect()).entities![0].id;
      await expect(api.hris.company.retrieve({ entity_ids: [entity] })).resolves.toMatchObject({
        legal_name: expect.any(String),
      });
      expect((await apiError(api.hris.company.retrieve({ entity_ids: ["other"] }))).status).toBe(
        400,
      );
    });
  });

  describe(`refreshes on the emulator clock (${variant})`, () => {
    it("moves Finch-Data-Retrieved every 24 h for automated connections, not on every call", async () => {
      const { api } = await h.connect({
        providerId: "gusto",
        authMethod: "oauth",
        products: ["company", "directory"],
      });
      const first = (await api.hris.company.retrieve().withResponse()).response.headers.get(
        "finch-data-retrieved",
      )!;
      await h.emulator.advanceClock(5 * HOUR);
      const later = (await api.hris.company.retrieve().withResponse()).response.headers.get(
        "finch-data-retrieved",
      )!;
      expect(later).toBe(first);
      await h.emulator.advanceClock(20 * HOUR);
      const nextDay = (await api.hris.directory.list().withResponse()).response.headers.get(
        "finch-data-retrieved",
      )!;
      expect(Date.parse(nextDay) - Date.parse(first)).toBe(DAY);
    });
  });

  describe(`pay statements still being fetched (${variant})`, () => {
    it("answers code 202 data_sync_in_progress for a pay run new in a scheduled sync, for 15 minutes", async () => {
      const { api, connectionId } = await h.connect({
        providerId: "gusto",
        authMethod: "oauth",
        products: ["payment", "pay_statement"],
      });
      const { body } = await h.control<{
        connections: { connection_id: string; created_at: string }[];
      }>("connections");
      const createdAt = Date.parse(
        body.connections.find((c) => c.connection_id === connectionId)!.created_at,
      );
      await h.emulator.setClock(new Date(createdAt + 20 * DAY));
      const payments = (
        await api.hris.payments.list({ start_date: "2000-01-01", end_date: "2100-01-01" })
      ).items;
      const newest = payments.at(-1)!;
      let syncedAt = createdAt + DAY;
      while (new Date(syncedAt).toISOString().slice(0, 10) < newest.pay_date!) syncedAt += DAY;

      await h.emulator.setClock(new Date(syncedAt + 60_000));
      const fetching = await api.hris.payStatements.retrieveMany({
        requests: [{ payment_id: newest.id }, { payment_id: payments.at(-2)!.id }],
      });
      expect(fetching.responses[0]).toEqual({
        payment_id: newest.id,
        code: 202,
        body: {
          code: 202,
          name: "accepted",
          finch_code: "data_sync_in_progress",
          message:
            "The pay statements for this payment are being fetched. Please check back later.",
        },
      });
      expect(fetching.responses[1].code).toBe(200);

      await h.emulator.setClock(new Date(syncedAt + 16 * 60_000));
      const fetched = await api.hris.payStatements.retrieveMany({
        requests: [{ payment_id: newest.id }],
      });
      expect(fetched.responses[0].code).toBe(200);
      await h.emulator.resetClock();
    });
  });

  describe(`jobs (${variant})`, () => {
    it("runs data_sync_all with Finch's hourly quota and one job at a time", async () => {
      const { api } = await h.connect({
        providerId: "gusto",
        authMethod: "oauth",
        products: ["company"],
      });
      await h.emulator.advanceClock(
        HOUR - (((h.emulator.now().getTime() % HOUR) - 60_000 + HOUR) % HOUR),
      );
      const created = await api.jobs.automated.create({ type: "data_sync_all" }).withResponse();
      expect(created.response.status).toBe(201);
      expect(created.data).toMatchObject({ allowed_refreshes: 1, remaining_refreshes: 0 });
      expect(created.data.job_url).toBe(`${h.baseURL}/jobs/automated/${created.data.job_id}`);
      const again = await api.jobs.automated.create({ type: "data_sync_all" });
      expect(again.job_id).toBe(created.data.job_id);

      expect((await api.jobs.automated.retrieve(created.data.job_id!)).status).toBe("pending");
      await h.emulator.advanceClock(30_000);
      expect((await api.jobs.automated.retrieve(created.data.job_id!)).status).toBe("in_progress");
      await h.emulator.advanceClock(5 * 60_000);
      const done = await api.jobs.automated.retrieve(created.data.job_id!);
      expect(done).toMatchObject({ status: "complete", type: "data_sync_all", scheduled_at: null });
      const retrieved = (await api.hris.company.retrieve().withResponse()).response.headers.get(
        "finch-data-retrieved",
      );
      expect(retrieved).toBe(done.completed_at);

      const limited = await apiError(api.jobs.automated.create({ type: "data_sync_all" }));
      expect(limited.status).toBe(429);
      expect(limited.error).toMatchObject({
        allowed_refreshes: 1,
        remaining_refreshes: 0,
        retry_at: expect.any(String),
      });

      const list = await api.jobs.automated.list();
      expect(list.meta.quotas?.data_sync_all).toEqual({
        allowed_refreshes: 1,
        remaining_refreshes: 0,
      });
      expect(list.data.map((j) => j.job_id)).toContain(created.data.job_id);
      expect(
        (await apiError(api.jobs.automated.retrieve("00000000-0000-4000-8000-000000000000")))
          .status,
      ).toBe(404);
      expect(
        (await apiError(api.jobs.manual.retrieve("00000000-0000-4000-8000-000000000000"))).status,
      ).toBe(404);
    });

    it("refuses automated jobs for assisted connections", async () => {
      const { api } = await h.connect({
        providerId: "paycom",
        authMethod: "assisted",
        products: ["company"],
      });
      const error = await apiError(api.jobs.automated.create({ type: "data_sync_all" }));
      expect(error.status).toBe(400);
      expect(finchBody(error).message).toContain("Assisted");
    });
  });

  describe(`assisted lifecycle (${variant})`, () => {
    it("answers 202 with no body and no content type per group until each configuration period ends", async () => {
      const { api, connectionId } = await h.connect({
        providerId: "paycom",
        authMethod: "assisted",
        products: ALL_PRODUCTS,
        outcome: "success",
      });
      const pending = await api.hris.company.retrieve().asResponse();
      expect(pending.status).toBe(202);
      expect(pending.headers.get("content-type")).toBeNull();
      expect(await pending.text()).toBe("");
      expect(pending.headers.get("finch-request-id")).toBeTruthy();
      const emptyDirectory = await api.hris.directory.list();
      expect(emptyDirectory.individuals ?? []).toEqual([]);
      const info = await api.account.introspect();
      expect(info).toMatchObject({
        manual: true,
        connection_status: { status: "pending" },
        authentication_methods: [{ type: "assisted" }],
      });

      const { body } = await h.control<{
        connections: { connection_id: string; created_at: string }[];
      }>("connections");
      const createdAt = Date.parse(
        body.connections.find((c) => c.connection_id === connectionId)!.created_at,
      );
      await h.emulator.setClock(new Date(createdAt + 4 * HOUR + 1));
      expect((await api.account.introspect()).connection_status.status).toBe("processing");
      expect((await api.hris.benefits.list().asResponse()).status).toBe(202);

      await h.emulator.setClock(new Date(createdAt + 4 * HOUR + 7 * DAY + 1));
      const benefits = await api.hris.benefits.list().withResponse();
      expect(benefits.response.status).toBe(200);
      expect(benefits.response.headers.get("finch-data-retrieved")).toBe(
        new Date(createdAt + 4 * HOUR + 7 * DAY).toISOString(),
      );
      expect((await api.hris.company.retrieve().asResponse()).status).toBe(202);
      expect(
        (
          await api.hris.payments
            .list({ start_date: "2000-01-01", end_date: "2100-01-01" })
            .asResponse()
        ).status,
      ).toBe(202);

      await h.emulator.setClock(new Date(createdAt + 4 * HOUR + 14 * DAY + 1));
      const company = await api.hris.company.retrieve().withResponse();
      expect(company.response.status).toBe(200);
      const readyAt = createdAt + 4 * HOUR + 14 * DAY;
      expect(company.response.headers.get("finch-data-retrieved")).toBe(
        new Date(readyAt).toISOString(),
      );
      expect(
        (
          await api.hris.payments
            .list({ start_date: "2000-01-01", end_date: "2100-01-01" })
            .asResponse()
        ).status,
      ).toBe(200);
      expect((await api.account.introspect()).connection_status.status).toBe("connected");

      await h.emulator.setClock(new Date(readyAt + 7 * DAY + HOUR));
      const refreshed = (await api.hris.company.retrieve().withResponse()).response.headers.get(
        "finch-data-retrieved",
      );
      expect(refreshed).toBe(new Date(readyAt + 7 * DAY).toISOString());
      await h.emulator.resetClock();
    });

    it("follows the no_account_setup scenario until the status is changed through the control surface", async () => {
      await h.emulator.setNextAssistedScenario("no_account_setup");
      const { api, connectionId } = await h.connect({
        providerId: "ukg_pro",
        authMethod: "assisted",
        products: ["company"],
      });
      await h.emulator.advanceClock(5 * HOUR);
      expect((await api.account.introspect()).connection_status.status).toBe(
        "error_no_account_setup",
      );
      const error = await apiError(api.hris.company.retrieve());
      expect(error.status).toBe(401);
      expect(finchBody(error).finch_code).toBe("account_setup_required");
      await h.emulator.advanceClock(30 * DAY);
      expect((await api.account.introspect()).connection_status.status).toBe(
        "error_no_account_setup",
      );

      const forced = await h.control(`connections/${connectionId}/status`, {
        body: { status: "processing" },
      });
      expect(forced.status).toBe(200);
      expect((await api.account.introspect()).connection_status.status).toBe("processing");
      expect((await api.hris.company.retrieve().asResponse()).status).toBe(202);
      await h.emulator.advanceClock(14 * DAY + 1);
      expect((await api.hris.company.retrieve().asResponse()).status).toBe(200);
      await h.emulator.resetClock();
    });

    it("maps wrong permissions to 403 insufficient_account_permissions", async () => {
      const { api } = await h.connect({
        providerId: "paycor",
        authMethod: "assisted",
        products: ["company"],
        outcome: "wrong_permissions",
      });
      await h.emulator.advanceClock(4 * HOUR + 1);
      const error = await apiError(api.hris.company.retrieve());
      expect(error.status).toBe(403);
      expect(finchBody(error).finch_code).toBe("insufficient_account_permissions");
      await h.emulator.resetClock();
    });
  });

  describe(`sandbox API (${variant})`, () => {
    it("creates a Finch sandbox connection with employee_size people and today's payment", async () => {
      const created = await h.client.sandbox.connections.create({
        provider_id: "gusto",
        employee_size: 12,
        products: ["company", "directory", "payment", "pay_statement"],
      });
      expect(created).toMatchObject({
        provider_id: "gusto",
        authentication_type: "oauth",
        token_type: "bearer",
        products: ["company", "directory", "payment", "pay_statement"],
      });
      const api = h.withToken(created.access_token);
      expect((await api.hris.directory.list()).paging.count).toBe(12);
      const today = h.emulator.now().toISOString().slice(0, 10);
      const payments = await api.hris.payments.list({ start_date: today, end_date: today });
      expect(payments.items).toHaveLength(1);
      expect(await api.account.introspect()).toMatchObject({
        client_type: "sandbox",
        connection_type: "finch",
      });
      const defaults = await h.client.sandbox.connections.create({ provider_id: "gusto" });
      expect((await h.withToken(defaults.access_token).hris.directory.list()).paging.count).toBe(
        20,
      );
      expect(defaults.products).toEqual(["company", "directory", "individual", "employment"]);

      const account = await h.client.sandbox.connections.accounts.create({
        company_id: created.company_id!,
        provider_id: "gusto",
      });
      expect(account.connection_id).toBe(created.connection_id);
      expect(account.account_id).not.toBe(created.account_id);
      expect((await h.withToken(account.access_token).hris.company.retrieve()).id).toBe(
        created.company_id,
      );
    });

    it("makes sandbox edits visible after a sandbox job completes", async () => {
      const created = await h.client.sandbox.connections.create({
        provider_id: "adp_run",
        authentication_type: "credential",
        products: ["company", "directory", "individual", "employment", "payment", "pay_statement"],
      });
      const api = h.withToken(created.access_token);
      const company = await api.hris.company.retrieve();
      const { id: _id, ...companyFields } = company;
      await api.sandbox.company.update({ ...companyFields, legal_name: "Renamed Sandbox Inc." });
      const [person] = (await api.hris.directory.list()).individuals;
      await api.sandbox.individual.update(person.id, { first_name: "Zelda" });
      await api.sandbox.employment.update(person.id, { title: "Chief Tester" });
      const hired = await api.sandbox.directory.create({
        body: [{ first_name: "Newt", last_name: "Hire", title: "Engineer" }],
      });
      expect(hired).toHaveLength(1);
      const payment = await api.sandbox.payment.create({
        pay_statements: [
          {
            individual_id: person.id,
            gross_pay: 100_000,
            earnings: [{ type: "bonus", name: "Bonus", amount: 100_000 }],
          },
        ],
      });

      expect((await api.hris.company.retrieve()).legal_name).toBe(company.legal_name);
      const job = await api.sandbox.jobs.create({ type: "data_sync_all" });
      expect(job.job_id).toBeTruthy();
      expect(job.allowed_refreshes).toBeGreaterThan(0);
      await h.emulator.advanceClock(5_000);
      expect((await api.jobs.automated.retrieve(job.job_id)).status).toBe("complete");

      expect((await api.hris.company.retrieve()).legal_name).toBe("Renamed Sandbox Inc.");
      const individuals = await api.hris.individuals.retrieveMany({
        requests: [{ individual_id: person.id }],
      });
      expect((individuals.responses[0].body as { first_name: string }).first_name).toBe("Zelda");
      const employments = await api.hris.employments.retrieveMany({
        requests: [{ individual_id: person.id }],
      });
      expect((employments.responses[0].body as { title: string }).title).toBe("Chief Tester");
      expect((await api.hris.directory.list()).individuals.map((p) => p.first_name)).toContain(
        "Newt",
      );
      const statements = await api.hris.payStatements.retrieveMany({
        requests: [{ payment_id: payment.payment_id }],
      });
      expect(statements.responses[0]).toMatchObject({
        code: 200,
        body: { pay_statements: [{ individual_id: person.id, gross_pay: { amount: 100_000 } }] },
      });
    });

    it("sets connection status: reauth gives 401 reauthenticate_user, connected restores", async () => {
      const created = await h.client.sandbox.connections.create({ provider_id: "gusto" });
      const api = h.withToken(created.access_token);
      const updated = await api.sandbox.connections.accounts.update({
        connection_status: "reauth",
      });
      expect(updated.connection_id).toBe(created.connection_id);
      const error = await apiError(api.hris.directory.list());
      expect(error.status).toBe(401);
      expect(finchBody(error)).toMatchObject({
        name: "authentication_error",
        finch_code: "reauthenticate_user",
      });
      expect((await api.account.introspect()).connection_status.status).toBe("reauth");
      await api.sandbox.connections.accounts.update({ connection_status: "connected" });
      expect((await api.hris.directory.list()).individuals.length).toBe(20);
    });

    it("creates assisted sandbox connections that answer 202 until marked connected", async () => {
      const created = await h.client.sandbox.connections.create({
        provider_id: "paycom",
        authentication_type: "assisted",
        products: ["company", "benefits"],
      });
      expect(created.authentication_type).toBe("assisted");
      const api = h.withToken(created.access_token);
      expect((await api.hris.company.retrieve().asResponse()).status).toBe(202);
      const job = await api.sandbox.jobs.create({ type: "data_sync_all" });
      expect(job.job_id).toBeNull();
      expect(job.job_url).toBeNull();
      await api.sandbox.connections.accounts.update({ connection_status: "connected" });
      expect((await api.hris.company.retrieve().asResponse()).status).toBe(200);
      expect((await api.hris.benefits.list().asResponse()).status).toBe(200);
      expect((await api.account.introspect()).connection_status.status).toBe("connected");
    });

    it("applies the job configuration to later sandbox jobs", async () => {
      const created = await h.client.sandbox.connections.create({ provider_id: "gusto" });
      const api = h.withToken(created.access_token);
      expect(await api.sandbox.jobs.configuration.retrieve()).toEqual([
        { type: "data_sync_all", completion_status: "complete" },
      ]);
      await expect(
        api.sandbox.jobs.configuration.update({
          type: "data_sync_all",
          completion_status: "reauth_error",
        }),
      ).resolves.toEqual({
        type: "data_sync_all",
        completion_status: "reauth_error",
      });
      const job = await api.sandbox.jobs.create({ type: "data_sync_all" });
      await h.emulator.advanceClock(5_000);
      expect((await api.jobs.automated.retrieve(job.job_id)).status).toBe("reauth_error");
      expect((await apiError(api.hris.company.retrieve())).status).toBe(401);
    });
  });

  describe(`faults (${variant})`, () => {
    it("fails exactly the next N matching calls with 429 and retry-after, then recovers", async () => {
      const { api } = await h.connect({
        providerId: "gusto",
        authMethod: "oauth",
        products: ["company", "directory"],
      });
      const set = await h.control("faults", {
        method: "PUT",
        body: { rules: [{ path: "/employer/*", rate_429: 1, retry_after: 7, count: 2 }] },
      });
      expect(set.status).toBe(200);
      for (let i = 0; i < 2; i++) {
        const error = await apiError(api.hris.company.retrieve());
        expect(error.status).toBe(429);
        expect(error.headers?.get("retry-after")).toBe("7");
        expect(finchBody(error).name).toBe("rate_limit_exceeded_error");
      }
      await expect(api.hris.company.retrieve()).resolves.toBeTruthy();
      await expect(api.account.introspect()).resolves.toBeTruthy();
      expect((await h.control<{ rules: unknown[] }>("faults")).body.rules).toEqual([]);
    });

    it("injects 5xx and latency", async () => {
      const { api } = await h.connect({
        providerId: "gusto",
        authMethod: "oauth",
        products: ["company"],
      });
      await h.control("faults", {
        method: "PUT",
        body: [
          { path: "/introspect", rate_5xx: 1, count: 1 },
          { path: "/employer/company", latency_ms: 150 },
        ],
      });
      expect((await apiError(api.account.introspect())).status).toBe(500);
      const started = Date.now();
      await api.hris.company.retrieve();
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      await h.control("faults", { method: "DELETE" });
    });
  });
}
