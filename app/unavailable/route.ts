import { databaseHealth } from "@/db/queries/health";

export const dynamic = "force-dynamic";

const page = (title: string, message: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex">` +
  `<meta http-equiv="refresh" content="15"><title>${title} · Perch</title></head>` +
  `<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:15vh auto;padding:0 1.5rem;color:#0f172a">` +
  `<h1 style="font-size:1.25rem">${title}</h1><p style="color:#475569;line-height:1.5">${message}</p>` +
  `<p><a href="/" style="color:#4f46e5">Try again</a></p></body></html>`;

/**
 * Where pages and sign-in send people while the database is down: a plain page with HTTP 503
 * (not the login page, which would suggest the session ended). Public; it shows no data.
 */
export async function GET(): Promise<Response> {
  const reachable = await databaseHealth().then(
    () => true,
    () => false,
  );
  const headers = { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" };
  if (reachable) {
    return new Response(page("Perch is back", "The database is reachable again."), {
      status: 200,
      headers,
    });
  }
  return new Response(
    page(
      "Database unavailable",
      "Perch cannot reach its database right now, so nothing can be shown or changed. Your session is intact; this page retries by itself.",
    ),
    { status: 503, headers: { ...headers, "retry-after": "15" } },
  );
}
