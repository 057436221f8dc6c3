import { eq } from "drizzle-orm";
import { newMessage } from "../../emails/new-message";
import type { JobPayload } from "../../models/jobs";
import { caseMessages, cases, evidenceRequestItems } from "../../models/schema/cases";
import { users } from "../../models/schema/users";
import type { JobContext } from "../context";
import { defineJob } from "../definition";
import { sendOnce } from "../send-once";

/**
 * A10: tell the other side that a message arrived, in their language. The
 * applicant's message goes to the officer the case is assigned to (nobody when
 * it waits in the queue); an officer's goes to the applicant. Once per message
 * and recipient, whatever the retries.
 */
export async function run(payload: JobPayload<"notify.message">, ctx: JobContext) {
  const [row] = await ctx.db
    .select({ message: caseMessages, case: cases })
    .from(caseMessages)
    .innerJoin(cases, eq(cases.id, caseMessages.caseId))
    .where(eq(caseMessages.id, payload.messageId));
  if (!row) return { sent: 0 };
  const recipientId = row.message.side === "applicant" ? row.case.assignedOfficerId : row.case.applicantId;
  if (!recipientId || recipientId === row.message.authorId) return { sent: 0 };
  const [recipient] = await ctx.db.select().from(users).where(eq(users.id, recipientId));
  if (!recipient) return { sent: 0 };
  const [applicant] = await ctx.db.select({ name: users.name }).from(users).where(eq(users.id, row.case.applicantId));
  const [item] = row.message.requestItemId
    ? await ctx.db.select({ label: evidenceRequestItems.label }).from(evidenceRequestItems).where(eq(evidenceRequestItems.id, row.message.requestItemId))
    : [];
  const path = row.message.side === "applicant" ? `/officer/cases/${row.case.id}#messages` : `/cases/${row.case.id}#messages`;
  const mail = newMessage(
    {
      name: recipient.name,
      receiptNumber: row.case.receiptNumber ?? "",
      from: row.message.side,
      applicantName: row.case.dossier.personal?.fullName ?? applicant?.name ?? "",
      about: item?.label ?? null,
      url: `${ctx.publicUrl}${path}`,
    },
    recipient.locale === "ko" ? "ko" : "en",
  );
  const result = await sendOnce(ctx, `message:${row.message.id}:${recipient.id}`, recipient.email, "new-message", mail);
  return { sent: result === "sent" ? 1 : 0 };
}

export default defineJob({ name: "notify.message", queue: "notifications", run });
