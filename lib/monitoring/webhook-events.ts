/**
 * Every webhook event type Finch documents (December 2024 OpenAPI and SDK 10.7.0), and what
 * Perch does with it. Anything not listed is stored and reported as unknown, never an error.
 */
export type WebhookHandling =
  "status" | "initial_sync" | "data_sync" | "benefit_job" | "data_change" | "document_job";

export const FINCH_WEBHOOK_EVENTS: Readonly<Record<string, WebhookHandling>> = {
  "account.updated": "status",
  "job.initial_data_sync_org.succeeded": "initial_sync",
  "job.initial_data_sync_payroll.succeeded": "initial_sync",
  "job.data_sync_all.completed": "data_sync",
  // The December 2024 document names job completions `.updated`; the SDK and Finch send `.completed`.
  "job.data_sync_all.updated": "data_sync",
  "job.benefit_create.completed": "benefit_job",
  "job.benefit_enroll.completed": "benefit_job",
  "job.benefit_register.completed": "benefit_job",
  "job.benefit_unenroll.completed": "benefit_job",
  "job.benefit_update.completed": "benefit_job",
  "job.benefit_create.updated": "benefit_job",
  "job.benefit_enroll.updated": "benefit_job",
  "job.benefit_register.updated": "benefit_job",
  "job.benefit_unenroll.updated": "benefit_job",
  "job.benefit_update.updated": "benefit_job",
  "job.w4_form_employee_sync.completed": "document_job",
  "company.updated": "data_change",
  "directory.created": "data_change",
  "directory.updated": "data_change",
  "directory.deleted": "data_change",
  "employment.created": "data_change",
  "employment.updated": "data_change",
  "employment.deleted": "data_change",
  "individual.created": "data_change",
  "individual.updated": "data_change",
  "individual.deleted": "data_change",
  "payment.created": "data_change",
  "payment.updated": "data_change",
  "payment.deleted": "data_change",
  "pay_statement.created": "data_change",
  "pay_statement.updated": "data_change",
  "pay_statement.deleted": "data_change",
};

export function webhookHandling(eventType: string): WebhookHandling | null {
  return Object.hasOwn(FINCH_WEBHOOK_EVENTS, eventType) ? FINCH_WEBHOOK_EVENTS[eventType] : null;
}

/** Why Perch stores an event without acting on it, in words for the webhook inbox. */
export function ignoredDetail(eventType: string): string {
  switch (webhookHandling(eventType)) {
    case "data_change":
      return "Stored; Perch reads employer data live from Finch, so a data change needs no action.";
    case "document_job":
      return "Stored; Perch does not read documents.";
    case null:
      return "Stored; not an event type Finch documents, so Perch does not act on it.";
    default:
      return "Stored; Perch does not act on this event type.";
  }
}
