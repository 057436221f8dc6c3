import { eq, sql } from "drizzle-orm";
import type { RenderedEmail } from "../emails/layout";
import { emailDeliveries } from "../models/schema/outbox";
import type { JobContext } from "./context";

/**
 * Send an e-mail at most once per idempotency key, across retries, crashes and
 * duplicate jobs. The key row is written before sending and marked `sent`
 * after. A retry finds `sent` and skips. If a worker dies between the SMTP
 * server's acceptance and the `sent` mark (a window of milliseconds) the retry
 * sends again with the same Message-ID, which mail systems use to deduplicate.
 */
export async function sendOnce(
  ctx: Pick<JobContext, "db" | "mailer">,
  key: string,
  to: string,
  template: string,
  mail: RenderedEmail,
): Promise<"sent" | "skipped"> {
  await ctx.db.insert(emailDeliveries).values({ idempotencyKey: key, recipient: to, template, status: "sending" }).onConflictDoNothing();
  const [row] = await ctx.db.select({ status: emailDeliveries.status }).from(emailDeliveries).where(eq(emailDeliveries.idempotencyKey, key));
  if (row?.status === "sent") return "skipped";
  await ctx.mailer.send({ to, subject: mail.subject, html: mail.html, text: mail.text, idempotencyKey: key });
  await ctx.db.update(emailDeliveries).set({ status: "sent", sentAt: sql`now()` }).where(eq(emailDeliveries.idempotencyKey, key));
  return "sent";
}
