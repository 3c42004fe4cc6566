import { getCurrentConnection } from "@/db/queries/connections";
import { getEmployerById } from "@/db/queries/employers";
import { appNow } from "@/lib/clock";
import { toCsv } from "@/lib/csv";
import { centsToDecimal } from "@/lib/data-proxy/money";
import { connectionHasProduct, parseProductQuery } from "@/lib/data-proxy/params";
import { defaultPayRunRange } from "@/lib/data-proxy/ranges";
import { readProduct, type ProxyResult } from "@/lib/data-proxy/read";
import { loadDirectory, loadEmployments, personName } from "@/lib/data-proxy/views";
import { env } from "@/lib/env";
import { AppError, errorResponse } from "@/lib/errors";
import { requireUser } from "@/lib/session";
import type { FinchEmployment } from "@/lib/finch/types";

export const dynamic = "force-dynamic";

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "employer"
  );
}

function unavailable(result: Exclude<ProxyResult, { kind: "ok" }>): AppError {
  return result.kind === "pending" ? new AppError("conflict", result.message) : result.error;
}

function csvResponse(filename: string, body: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}

/** CSV exports of an employer's directory and pay runs, for signed-in ops users. */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ id: string; kind: string }> },
) {
  try {
    const user = await requireUser("viewer");
    const { id, kind } = await params;
    if (kind !== "directory" && kind !== "pay-runs") {
      throw new AppError("not_found", "Exports exist for the directory and pay runs only.");
    }
    const employer = await getEmployerById({ id });
    if (!employer) throw new AppError("not_found", "No employer with that id.");
    const connection = await getCurrentConnection({ employerId: id });
    if (!connection?.accessTokenCiphertext) {
      throw new AppError("conflict", "This employer has no live connection to export from.");
    }
    const now = await appNow();
    const day = now.toISOString().slice(0, 10);

    if (kind === "directory") {
      if (!connectionHasProduct(connection.products, "directory")) {
        throw new AppError("conflict", "This connection does not include the directory.");
      }
      const directory = await loadDirectory(connection.id, user.email);
      if (directory.kind !== "ok") throw unavailable(directory);
      const names = new Map(directory.people.map((p) => [p.id, personName(p)]));
      const employments = connectionHasProduct(connection.products, "employment")
        ? await loadEmployments(
            connection,
            directory.people.map((p) => p.id),
            user.email,
          )
        : null;
      const titles =
        employments?.kind === "ok" ? employments.byId : new Map<string, FinchEmployment>();
      const rows = directory.people.map((p) => {
        const job = titles.get(p.id);
        return [
          p.id,
          p.first_name,
          p.last_name,
          job?.title ?? "",
          p.department?.name ?? "",
          p.manager?.id ? (names.get(p.manager.id) ?? p.manager.id) : "",
          p.is_active ? "yes" : "no",
        ];
      });
      return csvResponse(
        `${slug(employer.name)}-directory-${day}.csv`,
        toCsv(["id", "first_name", "last_name", "title", "department", "manager", "active"], rows),
      );
    }

    if (!connectionHasProduct(connection.products, "payment")) {
      throw new AppError("conflict", "This connection does not include payments.");
    }
    const search = new URL(request.url).searchParams;
    const range = defaultPayRunRange(now, env().timeZone);
    const query = parseProductQuery("payment", {
      start_date: search.get("from") || range.from,
      end_date: search.get("to") || range.to,
    });
    const result = await readProduct({ connection, query, actor: { label: user.email } });
    if (result.kind !== "ok") throw unavailable(result);
    const rows = [...result.data]
      .sort((a, b) => (a.pay_date ?? "").localeCompare(b.pay_date ?? ""))
      .map((run) => [
        run.id,
        run.pay_date,
        run.pay_period?.start_date,
        run.pay_period?.end_date,
        run.individual_ids?.length ?? "",
        centsToDecimal(run.gross_pay?.amount),
        centsToDecimal(run.employee_taxes?.amount),
        centsToDecimal(run.employer_taxes?.amount),
        centsToDecimal(run.net_pay?.amount),
        centsToDecimal(run.company_debit?.amount),
        (run.gross_pay?.currency ?? "usd").toUpperCase(),
      ]);
    return csvResponse(
      `${slug(employer.name)}-pay-runs-${query.params.start_date}-to-${query.params.end_date}.csv`,
      toCsv(
        [
          "payment_id",
          "pay_date",
          "period_start",
          "period_end",
          "people",
          "gross_pay",
          "employee_taxes",
          "employer_taxes",
          "net_pay",
          "company_debit",
          "currency",
        ],
        rows,
      ),
    );
  } catch (error) {
    return errorResponse(error, "data export", { "Cache-Control": "no-store" });
  }
}
