import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as casePage from "../../app/routes/cases.$caseId._index";
import * as messagesRoute from "../../app/routes/cases.$caseId.messages";
import { createDraftCase } from "../../models/case/drafts";
import { listMessages, sendMessage, unreadCounts } from "../../models/case/messages";
import { jobPayloads } from "../../models/jobs";
import { auditLog } from "../../models/schema/audit";
import { caseMessages, cases, evidenceRequestItems, evidenceRequests } from "../../models/schema/cases";
import { outbox } from "../../models/schema/outbox";
import { users } from "../../models/schema/users";
import { run as notifyMessage } from "../../workers/jobs/notify-message";
import { callRoute, dataOf, openRouteContext, signInCookie, statusOf, testUrl, type RouteArgs } from "../support/http";
import { ctxFor, errorOf, makeOrganization, makeUser, validDossier } from "../support/factories";

/**
 * A10 through the routes, on both databases: the applicant and the officers
 * write on a submitted case; each message is audited and the other side is
 * e-mailed once, in their language (the assigned officer, or nobody while the
 * case waits in the queue); anyone else gets 404; bad input gets messages.
 */
describe.each(["pglite", "postgres"] as const)("case messages (A10) on %s", (kind) => {
  let h: Awaited<ReturnType<typeof openRouteContext>>;
  beforeAll(async () => {
    h = await openRouteContext({}, "127.0.0.1", kind);
  });
  afterAll(() => h.close());
  const db = () => h.services.database.db;
  const call = (fn: (a: RouteArgs) => Promise<unknown>, request: Request, params: Record<string, string> = {}) => callRoute(fn, h.context, request, params);
  const post = (cookie: string, p: string, body: Record<string, string>) => new Request(testUrl(p), { method: "POST", body: new URLSearchParams(body), headers: { Cookie: cookie } });
  const get = (cookie: string, p: string) => new Request(testUrl(p), { headers: { Cookie: cookie } });
  const jobCtx = (jobId: string) => ({ db: db(), mailer: h.services.mailer, storage: h.services.storage, publicUrl: "http://portal.test", secret: "test-secret", jobId });
  /** Run the notify jobs the outbox holds for a message, as the worker would (payload checked by its schema). */
  async function deliver(messageId: string) {
    const rows = await db().select().from(outbox).where(eq(outbox.job, "notify.message"));
    const mine = rows.filter((r) => (r.payload as { messageId?: string }).messageId === messageId);
    expect(mine).toHaveLength(1);
    return notifyMessage(jobPayloads["notify.message"].parse(mine[0]!.payload), jobCtx(String(mine[0]!.id)));
  }
  const mailTo = async (email: string) => (await h.services.devMailbox!.list()).filter((m) => m.to === email);

  async function submittedCase(opts: { assigned?: boolean; officerLocale?: "en" | "ko" } = {}) {
    const org = await makeOrganization(db());
    const applicant = await makeUser(db(), "applicant");
    const officer = await makeUser(db(), "officer");
    if (opts.officerLocale) await db().update(users).set({ locale: opts.officerLocale }).where(eq(users.id, officer.id));
    const [c] = await db()
      .insert(cases)
      .values({
        applicantId: applicant.id,
        organizationId: org.id,
        status: "in_review",
        receiptNumber: `TT-M-${Math.random().toString(36).slice(2, 10)}`,
        dossier: validDossier(org.id),
        assignedOfficerId: opts.assigned === false ? null : officer.id,
        submittedAt: new Date(),
      })
      .returning();
    return { org, applicant, officer, c: c!, applicantCookie: await signInCookie(h.context, applicant.email), officerCookie: await signInCookie(h.context, officer.email) };
  }

  it("the applicant writes, the assigned officer is e-mailed once in Korean, and the officer's reply reaches the applicant", async () => {
    const s = await submittedCase({ officerLocale: "ko" });
    const res = await call(messagesRoute.action, post(s.applicantCookie, `/cases/${s.c.id}/messages`, { body: "Is my degree certificate enough?", returnTo: `/cases/${s.c.id}` }), { caseId: s.c.id });
    expect(statusOf(res)).toBe(302);
    expect((res as Response).headers.get("Location")).toBe(`/cases/${s.c.id}?sent=1#messages`);
    const [m] = await db().select().from(caseMessages).where(eq(caseMessages.caseId, s.c.id));
    expect(m).toMatchObject({ side: "applicant", authorId: s.applicant.id, body: "Is my degree certificate enough?", readAt: null });
    const audits = await db().select().from(auditLog).where(and(eq(auditLog.caseId, s.c.id), eq(auditLog.action, "message.send")));
    expect(audits).toHaveLength(1);

    expect(await deliver(m!.id)).toEqual({ sent: 1 });
    const officerMail = await mailTo(s.officer.email);
    expect(officerMail).toHaveLength(1);
    expect(officerMail[0]!.subject).toBe(`새 메시지: ${s.c.receiptNumber}`);
    expect(officerMail[0]!.text).toContain(`http://portal.test/officer/cases/${s.c.id}#messages`);
    // The message itself never travels by e-mail.
    expect(officerMail[0]!.text).not.toContain("degree certificate enough");
    // A retried job sends nothing more.
    expect(await deliver(m!.id)).toEqual({ sent: 0 });
    expect(await mailTo(s.officer.email)).toHaveLength(1);

    // The officer replies through the same route and comes back to the case file.
    const reply = await call(messagesRoute.action, post(s.officerCookie, `/cases/${s.c.id}/messages`, { body: "Yes; an apostille is not needed.", returnTo: `/officer/cases/${s.c.id}` }), { caseId: s.c.id });
    expect((reply as Response).headers.get("Location")).toBe(`/officer/cases/${s.c.id}?sent=1#messages`);
    const [r] = await db().select().from(caseMessages).where(and(eq(caseMessages.caseId, s.c.id), eq(caseMessages.side, "officer")));
    expect(await deliver(r!.id)).toEqual({ sent: 1 });
    const applicantMail = await mailTo(s.applicant.email);
    expect(applicantMail.map((x) => x.subject)).toEqual([`New message: ${s.c.receiptNumber}`]);
    expect(applicantMail[0]!.text).toContain(`http://portal.test/cases/${s.c.id}#messages`);

    // The applicant sees the office, not the officer's name; the officer sees names.
    const seenByApplicant = await listMessages(ctxFor(db(), s.applicant), s.c.id);
    expect(seenByApplicant.map((x) => [x.side, x.author, x.mine])).toEqual([
      ["applicant", s.applicant.name, true],
      ["officer", null, false],
    ]);
    const seenByOfficer = await listMessages(ctxFor(db(), s.officer), s.c.id);
    expect(seenByOfficer[1]).toMatchObject({ author: s.officer.name, mine: true });
  });

  it("marks the other side's messages read when the page shows them, and audits it", async () => {
    const s = await submittedCase();
    await sendMessage(ctxFor(db(), s.officer), s.c.id, { body: "Please check your passport expiry date." });
    expect((await unreadCounts(ctxFor(db(), s.applicant), [s.c.id])).get(s.c.id)).toBe(1);
    const page = (await call(casePage.loader, get(s.applicantCookie, `/cases/${s.c.id}`), { caseId: s.c.id })) as Awaited<ReturnType<typeof casePage.loader>>;
    expect(page.messages.map((x) => x.body)).toEqual(["Please check your passport expiry date."]);
    expect((await unreadCounts(ctxFor(db(), s.applicant), [s.c.id])).get(s.c.id)).toBeUndefined();
    const [m] = await db().select().from(caseMessages).where(eq(caseMessages.caseId, s.c.id));
    expect(m!.readAt).toBeInstanceOf(Date);
    expect(await db().select().from(auditLog).where(and(eq(auditLog.caseId, s.c.id), eq(auditLog.action, "message.read")))).toHaveLength(1);
    // The officer's own view does not mark their own message read for the applicant.
    expect((await listMessages(ctxFor(db(), s.officer), s.c.id))[0]!.readAt).not.toBeNull();
  });

  it("e-mails nobody when the case waits in the queue", async () => {
    const s = await submittedCase({ assigned: false });
    const m = await sendMessage(ctxFor(db(), s.applicant), s.c.id, { body: "Hello?" });
    expect(await deliver(m.id)).toEqual({ sent: 0 });
    expect(await mailTo(s.officer.email)).toHaveLength(0);
  });

  it("refuses empty, over-long and mis-addressed messages with field messages, keeping what was typed", async () => {
    const s = await submittedCase();
    const empty = await call(messagesRoute.action, post(s.applicantCookie, `/cases/${s.c.id}/messages`, { body: "   " }), { caseId: s.c.id });
    expect(statusOf(empty)).toBe(400);
    expect(dataOf(empty).fieldErrors).toEqual({ body: "Write your message" });
    const long = "x".repeat(4001);
    const tooLong = await call(messagesRoute.action, post(s.applicantCookie, `/cases/${s.c.id}/messages`, { body: long }), { caseId: s.c.id });
    expect(statusOf(tooLong)).toBe(400);
    expect(dataOf(tooLong)).toMatchObject({ fieldErrors: { body: "A message must be 4,000 characters or fewer" }, values: { body: long } });
    // An item of another case's request is not a topic here.
    const other = await submittedCase();
    const [req] = await db().insert(evidenceRequests).values({ caseId: other.c.id, requestedBy: other.officer.id, guidance: "Send it", deadline: new Date(Date.now() + 5 * 864e5) }).returning();
    const [item] = await db().insert(evidenceRequestItems).values({ requestId: req!.id, kind: "question", label: "Which lab?" }).returning();
    const wrong = await call(messagesRoute.action, post(s.applicantCookie, `/cases/${s.c.id}/messages`, { body: "About that", requestItemId: item!.id }), { caseId: s.c.id });
    expect(dataOf(wrong).fieldErrors).toEqual({ requestItemId: "Choose a request item from the list" });
    // On its own case the item is fine, and the message names it.
    const ok = await sendMessage(ctxFor(db(), other.applicant), other.c.id, { body: "The vision lab.", requestItemId: item!.id });
    expect((await listMessages(ctxFor(db(), other.officer), other.c.id)).find((x) => x.id === ok.id)!.requestItemLabel).toBe("Which lab?");
    // Script is stored as text (React renders it inert); a return address elsewhere is ignored.
    const xss = await call(messagesRoute.action, post(s.applicantCookie, `/cases/${s.c.id}/messages`, { body: "<script>alert(1)</script>", returnTo: "https://evil.example/" }), { caseId: s.c.id });
    expect((xss as Response).headers.get("Location")).toBe(`/cases/${s.c.id}?sent=1#messages`);
    expect(await db().select().from(caseMessages).where(eq(caseMessages.caseId, s.c.id))).toHaveLength(1);
  });

  it("answers 404 to another applicant, the sponsor and for drafts; drafts take no messages", async () => {
    const s = await submittedCase();
    const stranger = await signInCookie(h.context, (await makeUser(db(), "applicant")).email);
    const sponsor = await signInCookie(h.context, (await makeUser(db(), "employer_admin", { organizationId: s.org.id })).email);
    for (const cookie of [stranger, sponsor]) {
      expect(statusOf(await call(messagesRoute.loader, get(cookie, `/cases/${s.c.id}/messages`), { caseId: s.c.id }))).toBe(cookie === sponsor ? 403 : 404);
    }
    expect(statusOf(await call(messagesRoute.action, post(stranger, `/cases/${s.c.id}/messages`, { body: "hi" }), { caseId: s.c.id }))).toBe(404);
    // The sponsor cannot reach the conversation through the use cases either.
    const employer = await makeUser(db(), "employer_admin", { organizationId: s.org.id });
    expect((await errorOf(listMessages(ctxFor(db(), employer), s.c.id)))?.code).toBe("not_found");
    expect((await errorOf(sendMessage(ctxFor(db(), employer), s.c.id, { body: "hi" })))?.code).toBe("not_found");
    const draft = await createDraftCase(ctxFor(db(), s.applicant), validDossier(s.org.id));
    expect((await errorOf(sendMessage(ctxFor(db(), s.applicant), draft.id, { body: "hi" })))?.message).toBe("Messages open once the application is submitted.");
    expect(statusOf(await call(messagesRoute.action, post(s.officerCookie, `/cases/${draft.id}/messages`, { body: "hi" }), { caseId: draft.id }))).toBe(404);
    expect(await db().select().from(caseMessages).where(eq(caseMessages.caseId, s.c.id))).toHaveLength(0);
  });
});
