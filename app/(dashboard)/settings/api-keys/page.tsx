import type { Metadata } from "next";
import Link from "next/link";
import { CreateKeyForm } from "@/app/(dashboard)/settings/api-keys/create-key-form";
import { RevokeKeyButton } from "@/app/(dashboard)/settings/api-keys/revoke-key-button";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { ApiExamples } from "@/app/(dashboard)/settings/api-keys/api-examples";
import { listApiKeys } from "@/db/queries/api-keys";
import { appNow } from "@/lib/clock";
import { env } from "@/lib/env";
import { requirePageUser } from "@/lib/session";
import { formatDateTime, relativeTime } from "@/lib/status/relative-time";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  await requirePageUser("admin", "/settings/api-keys");
  const [keys, now] = await Promise.all([listApiKeys(), appNow()]);
  const { timeZone } = env();
  const when = (at: Date | null) =>
    at ? (
      <time dateTime={at.toISOString()} title={formatDateTime(at, timeZone)}>
        {relativeTime(at, now)}
      </time>
    ) : (
      "Never"
    );

  return (
    <>
      <PageHeader
        breadcrumb={
          <Link href="/settings" className="hover:text-slate-700">
            Settings
          </Link>
        }
        title="API keys"
        description="Internal services read employer data through Perch with these keys, never with a Finch token."
      />
      <div className="grid grid-cols-1 gap-6 2xl:grid-cols-3">
        <Card className="2xl:col-span-2">
          <CardHeader
            title="Keys"
            description={`${keys.filter((k) => !k.revokedAt).length} active`}
          />
          {keys.length ? (
            <Table caption="API keys">
              <TableHead>
                <TableRow>
                  <TableHeader>Name</TableHeader>
                  <TableHeader>Key</TableHeader>
                  <TableHeader>Created</TableHeader>
                  <TableHeader>Last used</TableHeader>
                  <TableHeader>
                    <span className="sr-only">Actions</span>
                  </TableHeader>
                </TableRow>
              </TableHead>
              <TableBody>
                {keys.map((key) => (
                  <TableRow
                    key={key.id}
                    className={key.revokedAt ? "bg-slate-50 text-slate-600" : undefined}
                  >
                    <TableCell>
                      <p className={key.revokedAt ? "font-medium" : "font-medium text-slate-900"}>
                        {key.name}
                      </p>
                      <p className="text-xs text-slate-600">
                        {key.scope}
                        {key.createdByEmail ? ` · by ${key.createdByEmail}` : ""}
                      </p>
                    </TableCell>
                    <TableCell className="font-mono text-xs">{key.prefix}…</TableCell>
                    <TableCell className="whitespace-nowrap">{when(key.createdAt)}</TableCell>
                    <TableCell className="whitespace-nowrap">{when(key.lastUsedAt)}</TableCell>
                    <TableCell className="text-right">
                      {key.revokedAt ? (
                        <Badge>Revoked {relativeTime(key.revokedAt, now)}</Badge>
                      ) : (
                        <RevokeKeyButton apiKeyId={key.id} name={key.name} />
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          ) : (
            <EmptyState
              title="No API keys yet"
              description="Create one for each internal service that needs employer data, so each can be revoked on its own."
            />
          )}
        </Card>
        <Card>
          <CardHeader
            title="Create a key"
            description="It is shown once; Perch keeps only a hash."
          />
          <CreateKeyForm />
        </Card>
        <ApiExamples />
      </div>
    </>
  );
}
