import Link from "next/link";
import { Fragment } from "react";

export interface BreadcrumbProps {
  items: { href: string; label: React.ReactNode }[];
}

/** The trail above a page title: each step a link, separated by slashes. */
export function Breadcrumb({ items }: BreadcrumbProps) {
  return (
    <span className="flex gap-1.5">
      {items.map((item, index) => (
        <Fragment key={item.href}>
          {index > 0 ? <span aria-hidden>/</span> : null}
          <Link href={item.href} className="hover:text-slate-700">
            {item.label}
          </Link>
        </Fragment>
      ))}
    </span>
  );
}
