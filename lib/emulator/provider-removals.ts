/**
 * Emulator controls (not Finch's) that delete a record at the provider, so that the next sync
 * finds it gone and Finch's `*.deleted` webhooks have a cause. Finch's sandbox has no delete.
 */
import { isoAt, type EmulatorContext, type RequestContext } from "./context";
import { errors, json, type Router } from "./http";
import type { ConnectionRecord } from "./records";

function connectionOf(ctx: EmulatorContext, id: string): ConnectionRecord {
  const connection = ctx.state.connections[id];
  if (!connection) throw errors.notFound(`No connection with id '${id}'`);
  return connection;
}

export function registerRemovalControls(
  router: Router<RequestContext>,
  ctx: EmulatorContext,
): void {
  router.add("DELETE", "/_emulator/connections/:id/individuals/:individualId", (rc) => {
    const connection = connectionOf(ctx, rc.params.id);
    const t = ctx.tickNow();
    const { individualId } = rc.params;
    if (!ctx.datasets.at(connection, t).byId.has(individualId)) {
      throw errors.notFound(`No individual with id '${individualId}'`, "individual_not_found");
    }
    connection.edits.push({ at: t, kind: "remove_individual", individualId });
    ctx.store.changed();
    return json({
      connection_id: connection.id,
      individual_id: individualId,
      removed_at: isoAt(t),
    });
  });

  router.add("DELETE", "/_emulator/connections/:id/payments/:paymentId", (rc) => {
    const connection = connectionOf(ctx, rc.params.id);
    const t = ctx.tickNow();
    const { paymentId } = rc.params;
    if (
      !ctx.datasets
        .at(connection, t)
        .payments()
        .some((p) => p.payment.id === paymentId)
    ) {
      throw errors.notFound(`No payment with id '${paymentId}'`, "payment_not_found");
    }
    connection.edits.push({ at: t, kind: "remove_payment", paymentId });
    ctx.store.changed();
    return json({ connection_id: connection.id, payment_id: paymentId, removed_at: isoAt(t) });
  });
}
