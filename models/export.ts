import type { Readable } from "node:stream";
import { asc, eq, inArray } from "drizzle-orm";
import { audit } from "./audit";
import type { UseCaseContext } from "./actor";
import { AppError } from "./errors";
import { internalEventTypes, publicEventDetails } from "./event-visibility";
import { statusLabels } from "./lifecycle";
import type { DocumentStorage } from "./platform/storage";
import { zipStream, type ZipEntry } from "./platform/zip";
import { caseEvents, caseMessages, cases, documents, evidenceRequestItems, evidenceRequests } from "./schema/cases";
import { organizations } from "./schema/organizations";
import { users } from "./schema/users";

/**
 * A12: "download all my data" (subject access). One ZIP with the account, and
 * for every case: the case record, the dossier as the applicant gave it, the
 * timeline, the messages, the requests for evidence with the answers, every
 * document file (current and earlier versions) with its SHA-256, and the
 * decision letter. A README (English and Korean) explains the layout. Officers'
 * internal notes, SLA events and officer identities are not the applicant's data
 * about themselves and are left out. The export is audited.
 */

const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

function folderName(c: { receiptNumber: string | null; id: string }) {
  return c.receiptNumber ?? `draft-${c.id.slice(0, 8)}`;
}

const README_EN = `TopTier: all your data
=======================

This archive holds everything the TopTier portal keeps about you as an applicant,
as it was when you downloaded it (the time is in export.json).

account.json                         your account: name, e-mail, language, dates
cases/<receipt>/case.json            the application: stage, dates, decision and reasons
cases/<receipt>/dossier.json         your answers, exactly as stored
cases/<receipt>/timeline.json        every event on the application's timeline, with dates (UTC)
cases/<receipt>/messages.json        your messages with the immigration officers
cases/<receipt>/evidence-requests.json
                                     requests for evidence, the items asked for and your answers
cases/<receipt>/documents.json       every file you uploaded: name, type, size, SHA-256, date,
                                     the officer's check, and which file replaced which
cases/<receipt>/documents/           the files you uploaded (current versions)
cases/<receipt>/documents/earlier-versions/
                                     files you replaced: nothing you submitted is deleted
cases/<receipt>/decision-letter.pdf  the decision letter, once there is one

A draft has no receipt number yet; its folder is named draft-<first characters of its id>.
To check a file, compare its SHA-256 (e.g. \`sha256sum file\`) with documents.json.
`;

const README_KO = `TopTier: 내 모든 데이터
=======================

이 압축 파일에는 TopTier 포털이 신청인인 귀하에 대해 보관하는 모든 정보가 내려받은 시점 그대로
들어 있습니다 (시각은 export.json에 있습니다).

account.json                         계정: 이름, 이메일, 언어, 날짜
cases/<접수번호>/case.json           신청: 단계, 날짜, 결정과 사유
cases/<접수번호>/dossier.json        저장된 그대로의 신청서 답변
cases/<접수번호>/timeline.json       진행 기록의 모든 사건과 날짜 (UTC)
cases/<접수번호>/messages.json       심사관과 주고받은 메시지
cases/<접수번호>/evidence-requests.json
                                     보완 요청, 요청 항목과 귀하의 답변
cases/<접수번호>/documents.json      올린 모든 파일: 이름, 형식, 크기, SHA-256, 날짜, 심사관 확인,
                                     어떤 파일이 어떤 파일을 대체했는지
cases/<접수번호>/documents/          올린 파일 (현재 버전)
cases/<접수번호>/documents/earlier-versions/
                                     대체된 이전 파일: 제출한 것은 지워지지 않습니다
cases/<접수번호>/decision-letter.pdf 결정 통지서 (있는 경우)

아직 제출하지 않은 초안은 접수번호가 없어 draft-<ID 앞부분> 폴더에 있습니다.
파일을 확인하려면 SHA-256 값(예: \`sha256sum 파일\`)을 documents.json과 비교하세요.
`;

/** Formats that deflate no smaller: stored as they are. */
const alreadyCompressed = /^(application\/pdf|image\/(jpeg|png|webp|heic)|application\/zip)$/;

/**
 * A12: everything TopTier keeps about the applicant, as a ZIP streamed to them: the JSON
 * records are built first (small), each stored file is read from storage only when the
 * archive reaches it. A file missing from storage does not fail the export: its entry says
 * so and `export.json` (the last entry) lists it.
 */
export async function exportMyData(ctx: UseCaseContext & { storage: DocumentStorage }, now = new Date()): Promise<{ filename: string; stream: Readable; entries: number }> {
  if (ctx.actor.role !== "applicant") throw new AppError("forbidden", "Only applicants can do this.");
  const [me] = await ctx.db.select().from(users).where(eq(users.id, ctx.actor.id));
  if (!me) throw new AppError("not_found", "Account not found.");
  const entries: ZipEntry[] = [];
  entries.push({ name: "README.txt", data: `${README_EN}\n\n${README_KO}` });
  entries.push({
    name: "account.json",
    data: json({
      id: me.id,
      name: me.name,
      email: me.email,
      role: me.role,
      language: me.locale,
      emailConfirmedAt: me.emailVerifiedAt,
      twoStepSignIn: Boolean(me.totpEnabledAt),
      passwordChangedAt: me.passwordChangedAt,
      createdAt: me.createdAt,
    }),
  });

  const myCases = await ctx.db.select().from(cases).where(eq(cases.applicantId, me.id)).orderBy(asc(cases.createdAt));
  const caseIds = myCases.map((c) => c.id);
  const [events, messages, docs, requests, orgs] = caseIds.length
    ? await Promise.all([
        ctx.db.select().from(caseEvents).where(inArray(caseEvents.caseId, caseIds)).orderBy(asc(caseEvents.id)),
        ctx.db.select().from(caseMessages).where(inArray(caseMessages.caseId, caseIds)).orderBy(asc(caseMessages.createdAt)),
        ctx.db.select().from(documents).where(inArray(documents.caseId, caseIds)).orderBy(asc(documents.createdAt)),
        ctx.db.select().from(evidenceRequests).where(inArray(evidenceRequests.caseId, caseIds)).orderBy(asc(evidenceRequests.createdAt)),
        ctx.db.select({ id: organizations.id, name: organizations.name }).from(organizations),
      ])
    : [[], [], [], [], []];
  const items = requests.length
    ? await ctx.db.select().from(evidenceRequestItems).where(inArray(evidenceRequestItems.requestId, requests.map((r) => r.id)))
    : [];
  const itemLabel = new Map(items.map((i) => [i.id, i.label]));
  let files = 0;
  let missingDocuments = 0;
  const missing: string[] = [];
  for (const c of myCases) {
    const dir = `cases/${folderName(c)}`;
    const caseDocs = docs.filter((d) => d.caseId === c.id);
    entries.push({
      name: `${dir}/case.json`,
      data: json({
        id: c.id,
        receiptNumber: c.receiptNumber,
        status: c.status,
        stage: { en: statusLabels[c.status].en, ko: statusLabels[c.status].ko },
        sponsor: orgs.find((o) => o.id === c.organizationId)?.name ?? null,
        sponsorConfirmedAt: c.sponsorConfirmedAt,
        sponsorship: c.sponsorship ? { jobTitle: c.sponsorship.jobTitle, startDate: c.sponsorship.startDate, annualSalaryKrw: c.sponsorship.annualSalaryKrw, industry: c.sponsorship.industry } : null,
        createdAt: c.createdAt,
        submittedAt: c.submittedAt,
        statusChangedAt: c.statusChangedAt,
        decision: c.decision && (c.status === "approved" || c.status === "refused") ? { outcome: c.decision.outcome, reasons: c.decision.reasons, confirmedAt: c.decision.confirmedAt ?? null } : null,
        visaExpiresOn: c.visaExpiresOn,
        screening: c.screening ?? null,
      }),
    });
    entries.push({ name: `${dir}/dossier.json`, data: json(c.dossier) });
    entries.push({
      name: `${dir}/timeline.json`,
      data: json(
        events
          .filter((e) => e.caseId === c.id && !internalEventTypes.has(e.type))
          .map((e) => ({ at: e.at, event: e.type, from: e.fromStatus, to: e.toStatus, byYou: e.actorId === me.id, details: publicEventDetails(e.type, e.data) })),
      ),
    });
    entries.push({
      name: `${dir}/messages.json`,
      data: json(
        messages
          .filter((m) => m.caseId === c.id)
          .map((m) => ({ at: m.createdAt, from: m.side === "applicant" ? "you" : "immigration officer", about: m.requestItemId ? (itemLabel.get(m.requestItemId) ?? null) : null, message: m.body, readAt: m.readAt })),
      ),
    });
    entries.push({
      name: `${dir}/evidence-requests.json`,
      data: json(
        requests
          .filter((r) => r.caseId === c.id && r.addressee === "applicant")
          .map((r) => ({
            requestedAt: r.createdAt,
            guidance: r.guidance,
            deadline: r.deadline,
            status: r.status,
            yourNote: r.answerNote,
            answeredAt: r.answeredAt,
            items: items
              .filter((i) => i.requestId === r.id)
              .map((i) => ({ kind: i.kind, label: i.label, yourAnswer: i.answerText, answeredAt: i.answeredAt, files: caseDocs.filter((d) => d.requestItemId === i.id).map((d) => d.id) })),
          })),
      ),
    });
    const pathOf = new Map<string, string>();
    for (const d of caseDocs) {
      const sub = d.supersededAt ? "documents/earlier-versions" : "documents";
      pathOf.set(d.id, `${dir}/${sub}/${d.createdAt.toISOString().slice(0, 10)}_${d.id.slice(0, 8)}_${d.filename}`);
    }
    entries.push({
      name: `${dir}/documents.json`,
      data: json(
        caseDocs.map((d) => ({
          id: d.id,
          file: pathOf.get(d.id)!.slice(dir.length + 1),
          originalName: d.filename,
          kind: d.kind,
          checklistItem: d.checklistItem,
          contentType: d.contentType,
          sizeBytes: d.sizeBytes,
          sha256: d.sha256,
          uploadedAt: d.createdAt,
          replacedBy: d.supersededBy,
          replacedAt: d.supersededAt,
          officerCheck: d.reviewStatus,
          officerReason: d.reviewReason,
        })),
      ),
    });
    for (const d of caseDocs) {
      const name = pathOf.get(d.id)!;
      entries.push({
        name,
        modified: d.createdAt,
        compress: !alreadyCompressed.test(d.contentType),
        data: async () => {
          const stream = await ctx.storage.openStream(d.storageKey);
          if (stream) return stream;
          missing.push(name);
          missingDocuments++;
          return "This file was not found in storage when the export was made; it is listed in export.json.\n";
        },
      });
      files++;
    }
    if (c.letterKey && (c.status === "approved" || c.status === "refused")) {
      const letterKey = c.letterKey;
      const name = `${dir}/decision-letter.pdf`;
      entries.push({
        name,
        compress: false,
        data: async () => {
          const stream = await ctx.storage.openStream(letterKey);
          if (stream) return stream;
          missing.push(name);
          return "The decision letter was not found in storage when the export was made; it is listed in export.json.\n";
        },
      });
    }
  }
  // Last, so that it can list what the archive could not find on the way.
  entries.push({ name: "export.json", data: async () => json({ exportedAt: now, cases: myCases.length, files: files - missingDocuments, missingFiles: missing, format: "toptier-export/1" }) });
  const stream = zipStream(entries, now);
  try {
    await audit(ctx.db, { actor: ctx.actor, action: "account.export", ip: ctx.ip, data: { cases: myCases.length, files } });
  } catch (err) {
    stream.destroy();
    throw err;
  }
  return { filename: `toptier-my-data-${now.toISOString().slice(0, 10)}.zip`, stream, entries: entries.length };
}
