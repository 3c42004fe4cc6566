import { cn } from "@/components/ui/cn";

/**
 * The one table: a horizontally scrolling wrapper, a caption (visible or for screen readers) and
 * the head, row and cell styling every list page shares.
 */
export interface TableProps extends React.TableHTMLAttributes<HTMLTableElement> {
  /** What the table lists; read by screen readers, shown only when `showCaption`. */
  caption: React.ReactNode;
  showCaption?: boolean;
  wrapperClassName?: string;
}

export function Table({
  caption,
  showCaption,
  wrapperClassName,
  className,
  children,
  ...props
}: TableProps) {
  return (
    <div className={cn("relative overflow-x-auto", wrapperClassName)}>
      <table className={cn("w-full text-sm", className)} {...props}>
        <caption
          className={
            showCaption ? "px-5 py-2 text-left text-sm font-medium text-slate-700" : "sr-only"
          }
        >
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}

export function TableHead({ className, ...props }: React.HTMLAttributes<HTMLTableSectionElement>) {
  return (
    <thead
      className={cn(
        "border-b border-slate-100 bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-600",
        className,
      )}
      {...props}
    />
  );
}

export function TableBody({ className, ...props }: React.HTMLAttributes<HTMLTableSectionElement>) {
  return <tbody className={cn("divide-y divide-slate-100", className)} {...props} />;
}

export function TableRow({ className, ...props }: React.HTMLAttributes<HTMLTableRowElement>) {
  return <tr className={cn("align-top", className)} {...props} />;
}

/** A column header; `scope="col"` unless told otherwise. */
export function TableHeader({
  className,
  scope = "col",
  ...props
}: React.ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope={scope}
      className={cn("px-4 py-2.5 font-medium first:pl-5 last:pr-5", className)}
      {...props}
    />
  );
}

export function TableCell({ className, ...props }: React.TdHTMLAttributes<HTMLTableCellElement>) {
  // table-cell-pad (app/globals.css) is px-4 py-3 first:pl-5 last:pr-5, in one short class.
  return <td className={cn("table-cell-pad", className)} {...props} />;
}
