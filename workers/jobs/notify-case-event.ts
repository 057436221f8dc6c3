import { and, eq, inArray } from "drizzle-orm";
import { caseUpdate, type CaseUpdateKind } from "../../emails/case-update";
import type { JobPayload } from "../../models/jobs";
import { caseEvents, cases } from "../../models/schema/cases";
import { users, type User } from "../../models/schema/users";
import type { JobContext } from "../context";
import { defineJob } from "../definition";
import { sendOnce } from "../send-once";

type Audience = "applicant" | "sponsor_admins" | "assignee" | "senior_officers";

/** Which stage changes each party hears of by e-mail, and with which message. */
const rules: Partial<Record<string, { kind: CaseUpdateKind; to: Audience[] }>> = {
  submit: { kind: "submitted", to: ["applicant"] },
  await_sponsor: { kind: "sponsor_requested", to: ["sponsor_admins"] },
  confirm_sponsorship: { kind: "sponsor_confirmed", to: ["applicant"] },
  complete_screening: { kind: "screened", to: ["applicant"] },
  approve: { kind: "approved", to: ["applicant", "sponsor_admins"] },
  refuse: { kind: "refused", to: ["applicant", "sponsor_admins"] },
  withdraw: { kind: "withdrawn", to: ["applicant", "sponsor_admins"] },
  request_evidence: { kind: "evidence_requested", to: ["applicant", "sponsor_admins"] },
  answer_evidence: { kind: "evidence_answered", to: ["assignee"] },
  expire_evidence: { kind: "evidence_expired", to: ["applicant"] },
  sla_at_risk: { kind: "sla_at_risk", to: ["assignee"] },
  // Escalation: the assignee and every senior officer.
  sla_overdue: { kind: "sla_overdue", to: ["assignee", "senior_officers"] },
};

/** P2: tell the parties about one timeline event. Each recipient gets it once, whatever the retries. */
export async function run(payload: JobPayload<"notify.case_event">, ctx: JobContext) {
  const [row] = await ctx.db
    .select({ event: caseEvents, case: cases })
    .from(caseEvents)
    .innerJoin(cases, eq(cases.id, caseEvents.caseId))
    .where(eq(caseEvents.id, payload.eventId));
  if (!row) return { sent: 0 };
  const rule = rules[row.event.type];
  if (!rule) return { sent: 0 };
  const [applicant] = await ctx.db.select().from(users).where(eq(users.id, row.case.applicantId));
  const recipients: { user: User; audience: Audience }[] = [];
  if (rule.to.includes("applicant") && applicant) recipients.push({ user: applicant, audience: "applicant" });
  if (rule.to.includes("sponsor_admins") && row.case.organizationId) {
    const admins = await ctx.db
      .select()
      .from(users)
      .where(and(eq(users.organizationId, row.case.organizationId), inArray(users.role, ["employer_admin"])));
    for (const user of admins) recipients.push({ user, audience: "sponsor_admins" });
  }
  if (rule.to.includes("assignee") && row.case.assignedOfficerId) {
    const [assignee] = await ctx.db.select().from(users).where(eq(users.id, row.case.assignedOfficerId));
    if (assignee) recipients.push({ user: assignee, audience: "assignee" });
  }
  if (rule.to.includes("senior_officers")) {
    const seniors = await ctx.db.select().from(users).where(eq(users.role, "senior_officer"));
    for (const user of seniors) if (!recipients.some((r) => r.user.id === user.id)) recipients.push({ user, audience: "senior_officers" });
  }
  const deadline = typeof row.event.data.deadline === "string" ? new Date(row.event.data.deadline) : null;
  let sent = 0;
  for (const { user, audience } of recipients) {
    const path =
      audience === "applicant" ? `/cases/${row.case.id}` : audience === "sponsor_admins" ? `/employer/cases/${row.case.id}` : `/officer/cases/${row.case.id}`;
    const mail = caseUpdate(
      {
        kind: rule.kind,
        name: user.name,
        receiptNumber: row.case.receiptNumber ?? "",
        applicantName: row.case.dossier.personal?.fullName ?? applicant?.name ?? "",
        url: `${ctx.publicUrl}${path}`,
        reasons: row.case.decision?.reasons,
        deadline: deadline
          ? new Intl.DateTimeFormat(user.locale === "ko" ? "ko-KR" : "en-GB", { dateStyle: "long", timeZone: "Asia/Seoul" }).format(deadline)
          : undefined,
      },
      user.locale === "ko" ? "ko" : "en",
    );
    if ((await sendOnce(ctx, `event:${row.event.id}:${user.id}`, user.email, `case-update/${rule.kind}`, mail)) === "sent") sent++;
  }
  return { sent };
}

export default defineJob({ name: "notify.case_event", queue: "notifications", run });
