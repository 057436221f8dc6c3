import { and, eq, inArray } from "drizzle-orm";
import { caseUpdate, type CaseUpdateKind } from "../../emails/case-update";
import type { JobPayload } from "../../models/jobs";
import { caseEvents, cases, evidenceRequests } from "../../models/schema/cases";
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
  const base = rules[row.event.type];
  if (!base) return { sent: 0 };
  // A request for evidence addressed to the sponsoring employer (E4) concerns the employer, not the applicant.
  const rule = row.event.data.addressee === "employer" ? { ...base, to: base.to.map((a): Audience => (a === "applicant" ? "sponsor_admins" : a)) } : base;
  const [applicant] = await ctx.db.select().from(users).where(eq(users.id, row.case.applicantId));
  const recipients: { user: User; audience: Audience }[] = [];
  if (rule.to.includes("applicant") && applicant) recipients.push({ user: applicant, audience: "applicant" });
  if (rule.to.includes("sponsor_admins") && row.case.organizationId && row.case.sponsorLink !== "declined") {
    const admins = await ctx.db
      .select()
      .from(users)
      .where(and(eq(users.organizationId, row.case.organizationId), inArray(users.role, ["employer_admin"])));
    for (const user of admins) recipients.push({ user, audience: "sponsor_admins" });
  }
  // The officer holding the case; for an answered request nobody holds, the officer who asked.
  const requestId = row.event.type === "answer_evidence" && typeof row.event.data.requestId === "string" ? row.event.data.requestId : null;
  const [asked] = !row.case.assignedOfficerId && requestId
    ? await ctx.db.select({ by: evidenceRequests.requestedBy }).from(evidenceRequests).where(eq(evidenceRequests.id, requestId))
    : [];
  const officerId = row.case.assignedOfficerId ?? asked?.by ?? null;
  if (rule.to.includes("assignee") && officerId) {
    const [assignee] = await ctx.db.select().from(users).where(eq(users.id, officerId));
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
