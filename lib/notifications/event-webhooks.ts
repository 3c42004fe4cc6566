import "server-only";
import { enqueueDeliveries, latestEventId, listEventsAfter } from "@/db/queries/notifications";
import { getSetting, putSetting } from "@/db/queries/settings";
import { env } from "@/lib/env";
import { FORWARDED_EVENTS, eventWebhookMessage } from "@/lib/notifications/compose";

const CURSOR_KEY = "notifications.events_cursor";
const BATCH = 500;

/**
 * Forwards status changes and product groups becoming ready to the outbound webhook, reading the
 * event log after a stored cursor. The first run starts at the newest event (no replay of
 * history). Instances racing on the cursor enqueue the same delivery keys, so nothing doubles.
 */
export async function forwardEvents(): Promise<number> {
  if (!env().notifications.webhookUrl) return 0;
  const stored = await getSetting<{ afterId: number }>({ key: CURSOR_KEY });
  if (!stored) {
    await putSetting({ key: CURSOR_KEY, value: { afterId: await latestEventId() } });
    return 0;
  }
  let afterId = stored.afterId;
  let enqueued = 0;
  for (;;) {
    const rows = await listEventsAfter({
      afterId,
      types: Object.keys(FORWARDED_EVENTS),
      limit: BATCH,
    });
    if (!rows.length) break;
    const deliveries = rows.map(({ event, employerName }) =>
      eventWebhookMessage({ event, employerName, publicUrl: env().publicUrl }),
    );
    enqueued += (await enqueueDeliveries(deliveries)).length;
    afterId = rows[rows.length - 1].event.id;
    await putSetting({ key: CURSOR_KEY, value: { afterId } });
    if (rows.length < BATCH) break;
  }
  return enqueued;
}
