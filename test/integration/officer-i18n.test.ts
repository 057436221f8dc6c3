import type { AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultLocaleFor } from "../../models/officer-locale";
import { caseEvents, cases } from "../../models/schema/cases";
import { users } from "../../models/schema/users";
import { demoAccounts, seedDemo } from "../../models/seed";
import { makeOrganization, makeUser, validDossier } from "../support/factories";
import { openRemixHandler, openRouteContext, signInCookie, testUrl } from "../support/http";

/**
 * "Korean first, English available" (issue 5, P3): the back office rendered
 * for real (the Remix server build through Vite, as `npm start` serves it in
 * development), for an officer whose account is in Korean, then after the
 * header's language switch.
 */
describe("the back office in Korean first, English available", () => {
  let harness: Awaited<ReturnType<typeof openRouteContext>>;
  let context: AppLoadContext;
  let remix: Awaited<ReturnType<typeof openRemixHandler>>;
  let handle: (request: Request) => Promise<Response>;

  beforeAll(async () => {
    harness = await openRouteContext();
    context = harness.context;
    remix = await openRemixHandler(context, "development");
    handle = remix.handle;
  }, 120_000);
  afterAll(async () => {
    await remix?.close();
    await harness?.close();
  });

  const page = async (cookie: string, path: string) => {
    const res = await handle(new Request(testUrl(path), { headers: { Cookie: cookie } }));
    expect(res.status, path).toBe(200);
    return res.text();
  };
  const h1 = (html: string) => /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1]?.replace(/<[^>]+>|<!-- -->/g, "");

  it("seeds the demo officers and the administrator in Korean, everyone else in English", async () => {
    const db = harness.services.database.db;
    await seedDemo(db);
    for (const a of demoAccounts) {
      const [u] = await db.select({ locale: users.locale }).from(users).where(eq(users.email, a.email));
      expect(u?.locale, a.email).toBe(a.role === "officer" || a.role === "senior_officer" || a.role === "admin" ? "ko" : "en");
    }
    expect(defaultLocaleFor("officer")).toBe("ko");
    expect(defaultLocaleFor("applicant")).toBe("en");
  });

  it("renders the queue and the case file in Korean, and in English after the switch", async () => {
    const db = harness.services.database.db;
    const officer = await makeUser(db, "officer");
    await db.update(users).set({ locale: defaultLocaleFor("officer") }).where(eq(users.id, officer.id));
    const org = await makeOrganization(db);
    const [c] = await db
      .insert(cases)
      .values({ applicantId: (await makeUser(db, "applicant")).id, organizationId: org.id, status: "evidence_received", receiptNumber: "TT-2026-424242", dossier: validDossier(org.id), assignedOfficerId: officer.id })
      .returning();
    await db.insert(caseEvents).values({ caseId: c!.id, type: "answer_evidence", fromStatus: "evidence_requested", toStatus: "evidence_received", data: {} });
    const cookie = await signInCookie(context, officer.email);

    const queueKo = await page(cookie, "/officer");
    expect(queueKo).toContain('<html lang="ko"');
    expect(h1(queueKo)).toBe("심사 대기열");
    expect(queueKo).toContain("<title>심사 대기열 · TopTier</title>");
    expect(queueKo).toContain("다음 사건 맡기");
    // The evidence-received queue, with its count, and the case in "my cases" under its Korean stage name.
    expect(queueKo).toMatch(/<li data-stage="evidence_received">[\s\S]*?보완서류 접수[\s\S]*?담당 중 1건/);
    // The status tag carries its colour group too (issue 11 item 6).
    expect(queueKo).toMatch(/data-status="evidence_received" data-group="[a-z_]+">보완서류 접수<\/strong>/);
    expect(queueKo).not.toContain("Review queue");

    const caseKo = await page(cookie, `/officer/cases/${c!.id}`);
    expect(h1(caseKo)).toContain("TT-2026-424242");
    expect(caseKo).toContain("처리 단계:");
    expect(caseKo).toContain("심사 재개");
    expect(caseKo).toContain("보완요청");
    expect(caseKo).toContain("신청 내용");
    expect(caseKo).toContain("신청인이 보완 서류를 제출함"); // the timeline, in Korean too
    expect(caseKo).not.toContain("Resume review");

    // The header's switch (a plain form post) keeps the choice on the account.
    const switched = await handle(
      new Request(testUrl("/language"), { method: "POST", headers: { Cookie: cookie }, body: new URLSearchParams({ lang: "en", redirectTo: "/officer" }) }),
    );
    expect(switched.status).toBe(302);
    expect(switched.headers.get("Location")).toBe("/officer");
    expect((await db.select({ locale: users.locale }).from(users).where(eq(users.id, officer.id)))[0]?.locale).toBe("en");

    const queueEn = await page(cookie, "/officer");
    expect(queueEn).toContain('<html lang="en"');
    expect(h1(queueEn)).toBe("Review queue");
    expect(queueEn).toContain("Take next case");
    expect(queueEn).toMatch(/data-status="evidence_received" data-group="[a-z_]+">Evidence received<\/strong>/);
    expect(queueEn).not.toContain("심사 대기열");
    const caseEn = await page(cookie, `/officer/cases/${c!.id}`);
    expect(caseEn).toContain("Resume review");
    expect(caseEn).toContain("Evidence sent by the applicant");
    expect(caseEn).not.toContain("심사 재개");
  });

  it("translates the other back-office pages and the administration pages", async () => {
    const db = harness.services.database.db;
    const senior = await makeUser(db, "senior_officer");
    await db.update(users).set({ locale: "ko" }).where(eq(users.id, senior.id));
    const admin = await makeUser(db, "admin");
    await db.update(users).set({ locale: defaultLocaleFor("admin") }).where(eq(users.id, admin.id));
    const seniorCookie = await signInCookie(context, senior.email);
    const expected: [string, string][] = [
      ["/officer/search", "사건 검색"],
      ["/officer/stats", "통계"],
      ["/officer/templates", "결정 사유 서식"],
      ["/officer/audit", "감사 기록"],
    ];
    for (const [path, heading] of expected) expect(h1(await page(seniorCookie, path)), path).toBe(heading);
    const adminCookie = await signInCookie(context, admin.email);
    expect(h1(await page(adminCookie, "/admin"))).toBe("시스템 관리");
    const policyKo = await page(adminCookie, "/admin/policy");
    expect(h1(policyKo)).toBe("심사 규칙 및 참조 목록");
    // Issue 11 item 11: the rule sets and lists by their Korean titles and editions.
    const policyMain = /<main[\s\S]*<\/main>/.exec(policyKo)?.[0] ?? "";
    expect(policyMain).toContain("세계 수준 연구기관");
    expect(policyMain).toContain("자체 정리 목록 2025.1");
    expect(policyMain).not.toContain("World-class research institutes");
    expect(policyMain).not.toContain("shipped");
  });
});
