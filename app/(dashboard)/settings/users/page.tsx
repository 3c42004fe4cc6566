import type { Metadata } from "next";
import Link from "next/link";
import { AddUserForm } from "@/components/settings/add-user-form";
import { UserRowActions } from "@/components/settings/user-row-actions";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { listUsers } from "@/db/queries/users";
import { env } from "@/lib/env";
import { requirePageUser } from "@/lib/session";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const me = await requirePageUser("admin", "/settings/users");
  const users = await listUsers();
  const format = new Intl.DateTimeFormat("en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: env().timeZone,
  });

  return (
    <>
      <PageHeader
        breadcrumb={
          <Link href="/settings" className="hover:text-slate-700">
            Settings
          </Link>
        }
        title="Users"
        description="Admins manage users and settings; operators onboard employers; viewers can look but not change anything."
      />
      <div className="grid grid-cols-1 gap-6 2xl:grid-cols-3">
        <Card className="2xl:col-span-2">
          <CardHeader
            title="People"
            description={`${users.length} ${users.length === 1 ? "user" : "users"}`}
          />
          <Table caption="Users">
            <TableHead>
              <TableRow>
                <TableHeader>User</TableHeader>
                <TableHeader>Role</TableHeader>
                <TableHeader>Last sign-in</TableHeader>
                <TableHeader>
                  <span className="sr-only">Actions</span>
                </TableHeader>
              </TableRow>
            </TableHead>
            <TableBody>
              {users.map((user) => (
                <TableRow
                  key={user.id}
                  className={user.active ? undefined : "bg-slate-50 text-slate-500"}
                >
                  <TableCell>
                    <p className="font-medium text-slate-900">{user.name ?? user.email}</p>
                    {user.name ? <p className="text-xs text-slate-500">{user.email}</p> : null}
                    {!user.active ? <Badge className="mt-1">Deactivated</Badge> : null}
                  </TableCell>
                  <TableCell className="capitalize">{user.role}</TableCell>
                  <TableCell className="whitespace-nowrap text-slate-500">
                    {user.lastSignInAt ? format.format(user.lastSignInAt) : "Never"}
                  </TableCell>
                  <TableCell className="text-right">
                    <UserRowActions
                      user={{
                        id: user.id,
                        email: user.email,
                        role: user.role,
                        active: user.active,
                      }}
                      isSelf={user.id === me.id}
                    />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
        <Card>
          <CardHeader
            title="Add a user"
            description="They get a generated password, shown once, to pass on."
          />
          <AddUserForm />
        </Card>
      </div>
    </>
  );
}
