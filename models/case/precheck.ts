import { and, asc, eq, isNull } from "drizzle-orm";
import type { UseCaseContext } from "../actor";
import { checklistFor, checklistStatus, type ChecklistItem } from "../checklist";
import { dossierSchema, readDraft, type DraftDossier } from "../dossier";
import type { EligibilityResult } from "../eligibility/schema";
import { josa, localizeMessage } from "../i18n";
import type { Queryable } from "../platform/db";
import { loadPolicy, type Policy } from "../policy";
import { screenDossier } from "../screening";
import { documents, type Case } from "../schema/cases";
import { organizations } from "../schema/organizations";
import { loadCaseFor } from "./core";

/**
 * A6: the pre-submission check, explained. Each finding says what is wrong in
 * plain words (English and Korean) and links to the page that fixes it.
 * Blockers stop submission (submitCase checks them again, server-side);
 * warnings are worth fixing but an officer can deal with them.
 */
export type WizardStep = "personal" | "education" | "work" | "achievements" | "offer" | "dependants";

export interface Finding {
  severity: "blocker" | "warning";
  code: string;
  message: { en: string; ko: string };
  /** Where to fix it: a wizard page or the documents page (relative to /cases/:id). */
  fix: { step: WizardStep } | { documents: true; item?: string };
}

export interface PrecheckResult {
  blockers: Finding[];
  warnings: Finding[];
  checklist: (ChecklistItem & { files: number; done: boolean })[];
  eligibility: EligibilityResult | null;
  /** The sponsoring employer's registered name, when one is chosen. */
  employerName: string | null;
}

const isDate = (s: unknown): s is string => typeof s === "string" && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
function addYears(date: string, years: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
}
function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1 + months, d)).toISOString().slice(0, 10);
}
const norm = (s: string | undefined) => (s ?? "").replace(/[\s-]/g, "").toUpperCase();

/** Which section a submission-schema error path belongs to. */
const stepOf = (path: string): WizardStep => {
  const head = path.split(".")[0];
  return head === "personal" || head === "education" || head === "work" || head === "achievements" || head === "offer" || head === "dependants" ? head : "personal";
};

const stepNames: Record<WizardStep, { en: string; ko: string }> = {
  personal: { en: "Personal details and passport", ko: "인적 사항 및 여권" },
  education: { en: "Education", ko: "학력" },
  work: { en: "Work history", ko: "경력" },
  achievements: { en: "Publications, patents and awards", ko: "논문·특허·수상" },
  offer: { en: "Job offer", ko: "고용 제안" },
  dependants: { en: "Dependants", ko: "동반 가족" },
};

/** The dossier's own checks (pure): missing answers and facts that disagree. */
export function dossierFindings(draft: DraftDossier, today: string): Finding[] {
  const out: Finding[] = [];
  const blocker = (code: string, en: string, ko: string, step: WizardStep) => out.push({ severity: "blocker", code, message: { en, ko }, fix: { step } });
  const warning = (code: string, en: string, ko: string, step: WizardStep) => out.push({ severity: "warning", code, message: { en, ko }, fix: { step } });

  // Pages never answered (an empty list counts as an answer: "no jobs", "no dependants").
  for (const step of ["work", "achievements", "dependants"] as const) {
    if (draft[step] === undefined) blocker(`unanswered:${step}`, `Answer the page "${stepNames[step].en}".`, `"${stepNames[step].ko}" 페이지에 답해 주세요.`, step);
  }
  if (draft.offer?.hasOffer === "no") {
    blocker(
      "no_offer",
      "The Top-Tier visa needs a job offer from a registered Korean employer. Keep your draft and come back when you have one (a D-10 job-seeker visa may suit you meanwhile).",
      "최우수인재 비자는 등록된 한국 기업의 고용 제안이 필요합니다. 임시 저장해 두었다가 제안을 받으면 다시 오세요. (그동안은 D-10 구직 비자가 맞을 수 있습니다.)",
      "offer",
    );
  }
  // Missing or malformed answers, one finding per field, from the submission schema.
  const parsed = dossierSchema.safeParse(draft);
  if (!parsed.success) {
    const seen = new Set<string>();
    for (const issue of parsed.error.issues) {
      const path = issue.path.join(".");
      if (seen.has(path) || (draft.offer?.hasOffer === "no" && path.startsWith("offer"))) continue;
      seen.add(path);
      const step = stepOf(path);
      if (!path.includes(".") && draft[step as keyof DraftDossier] === undefined && (step === "work" || step === "achievements" || step === "dependants")) continue;
      out.push({ severity: "blocker", code: `missing:${path}`, message: { en: `${stepNames[step].en}: ${issue.message}`, ko: `${stepNames[step].ko}: ${localizeMessage("ko", issue.message)}` }, fix: { step } });
    }
  }

  const p = draft.personal ?? {};
  const birth = isDate(p.birthDate) ? p.birthDate : undefined;
  // The passport: expired, or running out within six months.
  if (isDate(p.passportExpires)) {
    if (p.passportExpires <= today) {
      blocker("passport_expired", `Your passport expired on ${p.passportExpires}. Renew it and enter the new passport's details.`, `여권이 ${p.passportExpires}에 만료되었습니다. 여권을 갱신하고 새 여권 정보를 입력해 주세요.`, "personal");
    } else if (p.passportExpires < addMonths(today, 6)) {
      warning(
        "passport_expiring",
        `Your passport expires on ${p.passportExpires}, within 6 months. Officers usually need 6 months' validity: renew it first if you can.`,
        `여권이 ${p.passportExpires}에 만료되어 6개월이 남지 않았습니다. 보통 6개월 이상의 유효기간이 필요하니, 가능하면 먼저 갱신해 주세요.`,
        "personal",
      );
    }
    if (isDate(p.passportIssued) && p.passportIssued >= p.passportExpires) {
      blocker("passport_dates", "Your passport's expiry date is not after its issue date: check both dates.", "여권 만료일이 발급일보다 늦지 않습니다. 두 날짜를 확인해 주세요.", "personal");
    }
  }
  if (birth && isDate(p.passportIssued) && p.passportIssued < birth) {
    blocker("passport_before_birth", `Your passport was issued (${p.passportIssued}) before your date of birth (${birth}): check both dates.`, `여권 발급일(${p.passportIssued})이 생년월일(${birth})보다 이릅니다. 두 날짜를 확인해 주세요.`, "personal");
  }

  // Dates that disagree with the date of birth: most likely a typo, so the applicant is
  // told; but they are warnings, not blockers (a prodigy, a stepchild), and screening
  // raises them to the officer as risk flags anyway.
  if (birth) {
    (draft.education ?? []).forEach((d, i) => {
      if (isDate(d.awarded) && d.awarded < addYears(birth, 14)) {
        warning(
          `degree_too_early:${i}`,
          `Degree ${i + 1}${d.institution ? ` (${d.institution})` : ""} is dated ${d.awarded}, before your 14th birthday. Check the award date and your date of birth.`,
          `학위 ${i + 1}${d.institution ? ` (${d.institution})` : ""}의 수여일(${d.awarded})이 만 14세 생일 이전입니다. 수여일과 생년월일을 확인해 주세요.`,
          "education",
        );
      }
    });
    (draft.work ?? []).forEach((j, i) => {
      if (isDate(j.start) && j.start < addYears(birth, 14)) {
        warning(
          `job_too_early:${i}`,
          `Job ${i + 1}${j.employer ? ` (${j.employer})` : ""} starts on ${j.start}, before your 14th birthday. Check the start date and your date of birth.`,
          `경력 ${i + 1}${j.employer ? ` (${j.employer})` : ""}의 시작일(${j.start})이 만 14세 생일 이전입니다. 시작일과 생년월일을 확인해 주세요.`,
          "work",
        );
      }
    });
  }
  const myPassport = norm(p.passportNumber);
  const seenPassports = new Map<string, number>();
  (draft.dependants ?? []).forEach((x, i) => {
    const who = x.fullName || `dependant ${i + 1}`;
    const whoKo = x.fullName || `동반가족 ${i + 1}`;
    if (birth && x.relation === "child" && isDate(x.birthDate) && x.birthDate < addYears(birth, 12)) {
      warning(
        `child_too_early:${i}`,
        `${who} is listed as your child but was born on ${x.birthDate}, before you were 12. Check both dates of birth.`,
        `${josa(whoKo, "은/는")} 자녀로 기재되었으나 출생일(${x.birthDate})이 신청인이 만 12세가 되기 전입니다. 두 생년월일을 확인해 주세요.`,
        "dependants",
      );
    }
    if (x.relation === "child" && isDate(x.birthDate) && x.birthDate <= addYears(today, -19)) {
      warning(
        `child_adult:${i}`,
        `${who} is 19 or older: adult children do not usually qualify as dependants and may need their own visa.`,
        `${josa(whoKo, "은/는")} 만 19세 이상입니다. 성인 자녀는 보통 동반가족 자격이 없어 별도의 비자가 필요할 수 있습니다.`,
        "dependants",
      );
    }
    const theirs = norm(x.passportNumber);
    if (theirs && theirs === myPassport) {
      blocker(`dependant_same_passport:${i}`, `${who} has the same passport number as you (${theirs}). Each person has their own passport.`, `${whoKo}의 여권 번호가 신청인과 같습니다(${theirs}). 여권은 사람마다 다릅니다.`, "dependants");
    } else if (theirs && seenPassports.has(theirs)) {
      blocker(`dependant_same_passport:${i}`, `${who} has the same passport number as dependant ${seenPassports.get(theirs)! + 1} (${theirs}).`, `${whoKo}의 여권 번호가 동반가족 ${josa(String(seenPassports.get(theirs)! + 1), "와/과")} 같습니다(${theirs}).`, "dependants");
    }
    if (theirs) seenPassports.set(theirs, i);
    if (x.fullName && p.fullName && x.fullName.trim().toLowerCase() === p.fullName.trim().toLowerCase()) {
      warning(`dependant_same_name:${i}`, `Dependant ${i + 1} has exactly your name. Check that you entered their name, not yours.`, `동반가족 ${i + 1}의 이름이 신청인과 똑같습니다. 본인이 아닌 가족의 이름을 입력했는지 확인해 주세요.`, "dependants");
    }
  });
  if (x_spouses(draft) > 1) {
    blocker("two_spouses", "More than one dependant is listed as your spouse. List one spouse.", "배우자가 두 명 이상 기재되었습니다. 배우자는 한 명만 기재해 주세요.", "dependants");
  }
  return out;
}
const x_spouses = (draft: DraftDossier) => (draft.dependants ?? []).filter((d) => d.relation === "spouse").length;

/**
 * The documents. Your own passport is a blocker (nothing can be checked without
 * it); other missing items are warnings: an officer would have to ask for them,
 * which costs weeks, so the page says so plainly.
 */
export function documentFindings(checklist: (ChecklistItem & { done: boolean })[]): Finding[] {
  return checklist
    .filter((i) => !i.done)
    .map((i) => ({
      severity: i.key === "passport:self" ? ("blocker" as const) : ("warning" as const),
      code: `document:${i.key}`,
      message: i.key === "passport:self"
        ? { en: `Upload: ${i.label.en}. ${i.reason.en}`, ko: `업로드 필요: ${i.label.ko}. ${i.reason.ko}` }
        : i.required
          ? { en: `Missing: ${i.label.en}. ${i.reason.en} Without it an officer will ask for it, which delays your case.`, ko: `누락: ${i.label.ko}. ${i.reason.ko} 없으면 심사관이 보완을 요청하게 되어 처리가 늦어집니다.` }
          : { en: `Worth adding: ${i.label.en}. ${i.reason.en}`, ko: `추가 권장: ${i.label.ko}. ${i.reason.ko}` },
      fix: { documents: true as const, item: i.key },
    }));
}

/** The engine's verdict on a complete dossier (null until the dossier is complete). */
export function eligibilityOf(draft: DraftDossier, employerName: string, now: Date, policy: Pick<Policy, "catalog" | "reference">): EligibilityResult | null {
  const parsed = dossierSchema.safeParse(draft);
  if (!parsed.success) return null;
  return screenDossier(parsed.data, employerName, now, policy).result;
}

function eligibilityFindings(result: EligibilityResult | null): Finding[] {
  if (!result || result.outcome === "eligible") return [];
  return [
    {
      severity: "warning",
      code: `eligibility:${result.outcome}`,
      message:
        result.outcome === "not_eligible"
          ? {
              en: "On your answers, the eligibility rules are not met (see the explanation below). You may still submit; an officer decides, but a refusal is likely.",
              ko: "입력한 답변으로는 자격 요건을 충족하지 않습니다(아래 설명 참조). 제출은 가능하며 심사관이 결정하지만, 불허될 가능성이 높습니다.",
            }
          : {
              en: "Some eligibility rules need an officer's review (see the explanation below).",
              ko: "일부 자격 요건은 심사관의 검토가 필요합니다(아래 설명 참조).",
            },
      fix: { step: "education" },
    },
  ];
}

/** The whole pre-submission check of a loaded case, in the caller's transaction. */
export async function precheckLoaded(q: Queryable, c: Case, now = new Date()): Promise<PrecheckResult> {
  const draft = readDraft(c.dossier);
  const docs = await q
    .select({ checklistItem: documents.checklistItem, supersededAt: documents.supersededAt, kind: documents.kind })
    .from(documents)
    .where(and(eq(documents.caseId, c.id), isNull(documents.requestItemId)))
    .orderBy(asc(documents.createdAt));
  const checklist = checklistStatus(checklistFor(draft), docs);
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Seoul" }).format(now);
  const orgId = draft.offer?.organizationId;
  const [org] = orgId && /^[0-9a-f-]{36}$/i.test(orgId) ? await q.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, orgId)) : [];
  const eligibility = eligibilityOf(draft, org?.name ?? "", now, await loadPolicy(q));
  const all = [...dossierFindings(draft, today), ...documentFindings(checklist), ...eligibilityFindings(eligibility)];
  return { blockers: all.filter((f) => f.severity === "blocker"), warnings: all.filter((f) => f.severity === "warning"), checklist, eligibility, employerName: org?.name ?? null };
}

/** A6 for the applicant's own case (404 for anyone else's). */
export async function precheckCase(ctx: UseCaseContext, caseId: string, now = new Date()): Promise<PrecheckResult & { case: Case }> {
  const c = await loadCaseFor(ctx.db, ctx.actor, caseId);
  return { ...(await precheckLoaded(ctx.db, c, now)), case: c };
}
