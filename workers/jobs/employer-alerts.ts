import { eq } from "drizzle-orm";
import { candidateInvite } from "../../emails/candidate-invite";
import { deadlineAlert } from "../../emails/deadline-alert";
import { orgInvite } from "../../emails/org-invite";
import { weeklyDigest } from "../../emails/weekly-digest";
import { listDashboard } from "../../models/case/employer-dashboard";
import { alertFacts, digestWeekDue, dueAlerts, visaHorizon } from "../../models/employer-alerts";
import { formatDate, type Locale } from "../../models/i18n";
import type { JobPayload } from "../../models/jobs";
import { emailDeliveries } from "../../models/schema/outbox";
import { issueCandidateInvitationToken, issueMemberInvitationToken, organizationAdmins, organizationsWithAdmins } from "../../models/organization";
import type { JobContext } from "../context";
import { defineJob } from "../definition";
import { sendOnce } from "../send-once";

const localeOf = (l: string): Locale => (l === "ko" ? "ko" : "en");

/**
 * E1: e-mail a member invitation. The link token is made here, so it never sits in the outbox or Redis,
 * and made alike by a retry of this job (models/organization.ts, issueToken).
 */
export async function sendMemberInvitation(payload: JobPayload<"employer.send_member_invitation">, ctx: JobContext) {
  const key = `org-invite:${payload.invitationId}:${ctx.jobId}`;
  const row = await issueMemberInvitationToken(ctx.db, payload.invitationId, key, ctx.secret);
  if (!row) return "skipped" as const;
  // The invitee has no account yet: the inviter's language is the best guess; the page offers both.
  const locale: Locale = "en";
  const mail = (l: Locale) =>
    orgInvite(
      {
        organizationName: row.organization.name,
        inviterName: row.inviter ?? row.organization.name,
        role: row.invitation.role,
        url: `${ctx.publicUrl}/join/${encodeURIComponent(row.token)}`,
        expiresOn: formatDate(l, row.invitation.expiresAt),
      },
      l,
    );
  return sendOnce(ctx, key, row.invitation.email, "org-invite", bilingual(mail(locale), mail("ko")));
}

/** E2: e-mail a candidate invitation (token made here, as above). */
export async function sendCandidateInvitation(payload: JobPayload<"employer.send_candidate_invitation">, ctx: JobContext) {
  const key = `candidate-invite:${payload.invitationId}:${ctx.jobId}`;
  const row = await issueCandidateInvitationToken(ctx.db, payload.invitationId, key, ctx.secret);
  if (!row) return "skipped" as const;
  const mail = (l: Locale) =>
    candidateInvite(
      {
        candidateName: row.invitation.candidateName,
        organizationName: row.organization.name,
        jobTitle: row.invitation.jobTitle,
        message: row.invitation.message,
        url: `${ctx.publicUrl}/invitation/${encodeURIComponent(row.token)}`,
        expiresOn: formatDate(l, row.invitation.expiresAt),
      },
      l,
    );
  return sendOnce(ctx, key, row.invitation.email, "candidate-invite", bilingual(mail("en"), mail("ko")));
}

/** Someone without an account yet gets English first, then Korean, in one e-mail. */
function bilingual(en: ReturnType<typeof orgInvite>, ko: ReturnType<typeof orgInvite>) {
  return {
    subject: `${en.subject} · ${ko.subject}`,
    // A replacer function: "$&" or "$'" typed by an employer must not be read as a replacement pattern.
    html: en.html.replace("</body></html>", () => `<hr><div lang="ko">${/<body[^>]*>([\s\S]*)<\/body>/.exec(ko.html)?.[1] ?? ""}</div></body></html>`),
    text: `${en.text}\n\n----\n\n${ko.text}`,
  };
}

/**
 * E5 (hourly): for every organisation, warn its admins of requests for evidence
 * addressed to the employer and of visas running out, at the organisation's
 * lead times, each alert once; and once a week send the digest. Each admin
 * reads them in their own language.
 */
export async function runEmployerAlerts(ctx: Pick<JobContext, "db" | "mailer" | "publicUrl" | "signal">, now = new Date()) {
  let alerts = 0;
  let digests = 0;
  const week = digestWeekDue(now);
  // One organisation's failure (a refused address, a bad row) must not hold back every other's alerts:
  // each is tried, and the job fails at the end (to be retried) if any did.
  const failed: { organizationId: string; error: unknown }[] = [];
  for (const org of await organizationsWithAdmins(ctx.db)) {
    // A stopping worker does not wait for every organisation: the retry sends only what is not sent yet.
    ctx.signal?.throwIfAborted();
    try {
      const admins = await organizationAdmins(ctx.db, org.id);
      const due = dueAlerts(now, org.alertSettings, await alertFacts(ctx.db, org.id, visaHorizon(now, org.alertSettings)));
      for (const admin of admins) {
        const locale = localeOf(admin.locale);
        for (const a of due) {
          const mail = deadlineAlert(
            {
              kind: a.kind,
              name: admin.name,
              applicantName: a.applicantName,
              receiptNumber: a.receiptNumber,
              dueOn: formatDate(locale, a.dueOn),
              daysLeft: a.daysLeft,
              url: `${ctx.publicUrl}/employer/cases/${a.caseId}`,
            },
            locale,
          );
          if ((await sendOnce(ctx, `${a.key}:${admin.id}`, admin.email, `deadline-alert/${a.kind}`, mail)) === "sent") alerts++;
        }
        if (!week) continue;
        const digestKey = `employer-digest:${org.id}:${week}:${admin.id}`;
        // Most hours the week's digest is out already: skip building it.
        const [done] = await ctx.db.select({ status: emailDeliveries.status }).from(emailDeliveries).where(eq(emailDeliveries.idempotencyKey, digestKey));
        if (done?.status === "sent") continue;
        const rows = await listDashboard({ db: ctx.db, actor: { id: admin.id, role: admin.role, organizationId: org.id } }, {}, now);
        const horizon = now.getTime() + 30 * 864e5;
        const deadlines = rows
          .filter((r) => r.nextDeadline && r.nextDeadline.kind !== "office_target" && Date.parse(r.nextDeadline.at) <= horizon)
          .map((r) => {
            const what = r.nextDeadline!.kind === "evidence" ? (locale === "ko" ? "보완 기한" : "evidence due") : locale === "ko" ? "비자 만료" : "visa expires";
            return `${r.receiptNumber} ${r.applicant}: ${what} ${formatDate(locale, r.nextDeadline!.at.length === 10 ? r.nextDeadline!.at : new Date(r.nextDeadline!.at))}`;
          });
        const weekAgo = now.getTime() - 7 * 864e5;
        const mail = weeklyDigest(
          {
            name: admin.name,
            organizationName: org.name,
            waitingForYou: rows.filter((r) => r.actsNext === "employer").length,
            inProgress: rows.filter((r) => r.actsNext !== "none").length,
            decidedThisWeek: rows.filter((r) => (r.status === "approved" || r.status === "refused") && Date.parse(r.since) >= weekAgo).length,
            deadlines,
            url: `${ctx.publicUrl}/employer`,
          },
          locale,
        );
        if ((await sendOnce(ctx, digestKey, admin.email, "weekly-digest", mail)) === "sent") digests++;
      }
    } catch (error) {
      failed.push({ organizationId: org.id, error });
    }
  }
  if (failed.length) {
    const first = failed[0]!.error;
    throw new Error(`employer alerts failed for ${failed.length} organisation(s) (${failed.map((f) => f.organizationId).join(", ")}); others were sent: ${first instanceof Error ? first.message : String(first)}`);
  }
  return { alerts, digests };
}

export const employerAlerts = defineJob({ name: "employer.alerts", queue: "notifications", attempts: 3, run: (_p, ctx: JobContext) => runEmployerAlerts(ctx) });
export const memberInvitation = defineJob({ name: "employer.send_member_invitation", queue: "notifications", run: sendMemberInvitation });
export const candidateInvitation = defineJob({ name: "employer.send_candidate_invitation", queue: "notifications", run: sendCandidateInvitation });

/** E5: the alert scan runs hourly (registered by the worker runtime with the other schedules). */
export const employerSchedules = [{ name: "employer.alerts", everyMs: 3600_000 }] as const;
