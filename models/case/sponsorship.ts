import { eq } from "drizzle-orm";
import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import { audit } from "../audit";
import { requireVerified } from "../organization";
import type { UseCaseContext } from "../actor";
import { fieldErrors, industryIds } from "../dossier";
import { AppError } from "../errors";
import { enqueue } from "../jobs";
import type { CaseStatus } from "../lifecycle";
import { caseEvents, cases, type Case, type SponsorshipRecord } from "../schema/cases";
import { users } from "../schema/users";
import { applyTransition, loadCaseFor } from "./core";
import { rescreenableStatuses } from "./rescreen";

/**
 * E3: the sponsor's confirmation of the job offer. Only an administrator of the
 * sponsoring organisation attests; the attested offer is stored on the case
 * (`cases.sponsorship`) and becomes the dossier's offer, so screening evaluates
 * what the employer attested. Changing it afterwards is audited with the old and
 * new values, shown on the timeline, and screens the case again.
 */

/** Below this no full-time offer is lawful (annual minimum wage is above it); above it, a typo. */
export const MIN_ANNUAL_SALARY_KRW = 20_000_000;
export const MAX_ANNUAL_SALARY_KRW = 10_000_000_000;
/** E5: how long a granted Top-Tier visa runs, from the approval (years). */
export const VISA_VALIDITY_YEARS = 5;

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

export const sponsorshipSchema = z.object({
  jobTitle: z.string({ required_error: "Enter the job title" }).trim().min(2, "Enter the job title").max(200, "The job title must be 200 characters or fewer"),
  startDate: z
    .string({ required_error: "Enter the start date" })
    .regex(isoDate, "Enter the start date as YYYY-MM-DD")
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s, "Enter a real date as YYYY-MM-DD"),
  annualSalaryKrw: z.coerce
    .number({ invalid_type_error: "Enter the annual salary in won, digits only" })
    .int("Enter the annual salary in whole won")
    .min(1, "The annual salary must be more than zero")
    .min(MIN_ANNUAL_SALARY_KRW, "The annual salary is below the legal minimum for full-time work: check the number")
    .max(MAX_ANNUAL_SALARY_KRW, "That salary is not plausible: check the number of digits"),
  industry: z.enum(industryIds, { errorMap: () => ({ message: "Choose the industry of the job" }) }),
});
export type SponsorshipInput = z.input<typeof sponsorshipSchema>;

/** Start dates from a year back (already working) to two years ahead. */
function checkStartDate(startDate: string, now: Date) {
  const t = Date.parse(`${startDate}T00:00:00Z`);
  if (t < now.getTime() - 366 * 864e5) return "The start date is more than a year ago: check the year";
  if (t > now.getTime() + 2 * 366 * 864e5) return "The start date is more than two years away: check the year";
  return null;
}

/**
 * The offer as submitted, completed by what the form sent. A blank salary
 * stays blank (and is refused); a field not sent at all takes the dossier's value.
 */
function parseSponsorship(c: Case, input: Partial<Record<keyof SponsorshipInput, unknown>>, now: Date): Omit<SponsorshipRecord, "attestedBy" | "attestedAt"> {
  const offer = c.dossier.offer ?? ({} as Partial<Case["dossier"]["offer"]>);
  const pick = (k: keyof SponsorshipInput, fallback: unknown) => (input[k] === undefined ? fallback : typeof input[k] === "string" ? (input[k] as string).trim() : input[k]);
  const raw = {
    jobTitle: pick("jobTitle", c.sponsorship?.jobTitle ?? offer.jobTitle),
    // Issue 11 item 12: the start date the applicant or the sponsor gave; none is invented (a blank one is asked for).
    startDate: pick("startDate", c.sponsorship?.startDate ?? offer.startDate),
    annualSalaryKrw: pick("annualSalaryKrw", c.sponsorship?.annualSalaryKrw ?? offer.annualSalaryKrw),
    industry: pick("industry", c.sponsorship?.industry ?? offer.industry),
  };
  if (raw.annualSalaryKrw === "") raw.annualSalaryKrw = undefined;
  if (raw.startDate === "") raw.startDate = undefined;
  if (typeof raw.annualSalaryKrw === "string") raw.annualSalaryKrw = raw.annualSalaryKrw.replace(/[,\s₩원]/g, "");
  const parsed = sponsorshipSchema.safeParse(raw);
  const errors = parsed.success ? {} : fieldErrors(parsed.error);
  if (parsed.success) {
    const problem = checkStartDate(parsed.data.startDate, now);
    if (problem) errors.startDate = problem;
  }
  if (!parsed.success || Object.keys(errors).length) throw new AppError("validation", "The sponsorship details need correcting.", errors);
  return parsed.data;
}

function requireAdmin(ctx: UseCaseContext) {
  if (ctx.actor.role !== "employer_admin") throw new AppError("forbidden", "Only an administrator of your company can attest the job offer.");
}

/** The dossier's offer, as attested. */
const offerFrom = (c: Case, s: Omit<SponsorshipRecord, "attestedBy" | "attestedAt">) =>
  ({ ...c.dossier, offer: { ...c.dossier.offer, jobTitle: s.jobTitle, industry: s.industry, annualSalaryKrw: s.annualSalaryKrw, startDate: s.startDate } }) as Case["dossier"];

/**
 * E3: an employer admin confirms the sponsorship: the job title, start date,
 * annual salary and industry, with the attestation ticked. Screening starts.
 */
export async function confirmSponsorship(
  ctx: UseCaseContext,
  caseId: string,
  input: { attest: boolean } & Partial<Record<keyof SponsorshipInput, unknown>>,
  now = new Date(),
): Promise<Case> {
  return ctx.db.transaction(async (tx) => {
    const c = await loadCaseFor(tx, ctx.actor, caseId, { forUpdate: true });
    requireAdmin(ctx);
    await requireVerified(tx, ctx.actor);
    if (c.status !== "awaiting_sponsor") {
      throw new AppError("invalid_state", "This case is not waiting for your confirmation.");
    }
    const details = parseSponsorship(c, input, now);
    if (!input.attest) {
      throw new AppError("validation", "Confirm the attestation to sponsor this case.", { attest: "Tick the box to confirm the job offer is true" });
    }
    const sponsorship: SponsorshipRecord = { ...details, attestedBy: ctx.actor.id, attestedAt: now.toISOString() };
    return applyTransition(tx, c, "confirm_sponsorship", ctx.actor, {
      set: { sponsorConfirmedAt: now, sponsorConfirmedBy: ctx.actor.id, sponsorship, dossier: offerFrom(c, details), sponsorLink: "accepted" },
      jobs: [{ job: "screening.run", payload: { caseId: c.id } }],
      ip: ctx.ip,
      now,
    });
  });
}

/** Open stages in which a confirmed offer can still change (and be screened again). */
const changeableStatuses: readonly CaseStatus[] = ["screening", ...rescreenableStatuses];

/**
 * E3: change the attested offer after confirmation (an admin, attesting again).
 * The old and new values go to the audit trail and the timeline; the case is
 * screened again.
 */
export async function changeSponsorship(
  ctx: UseCaseContext,
  caseId: string,
  input: { attest: boolean } & Partial<Record<keyof SponsorshipInput, unknown>>,
  now = new Date(),
): Promise<Case> {
  return ctx.db.transaction(async (tx) => {
    const c = await loadCaseFor(tx, ctx.actor, caseId, { forUpdate: true });
    requireAdmin(ctx);
    await requireVerified(tx, ctx.actor);
    if (!c.sponsorship || !changeableStatuses.includes(c.status)) {
      throw new AppError("invalid_state", "The sponsorship of this case can no longer be changed.");
    }
    // A decision proposed on the old offer is under second review: it must not be confirmed on terms that changed.
    if (c.status === "decision_pending") {
      throw new AppError("invalid_state", "A decision on this case is being reviewed. Ask the immigration office before changing the job offer.");
    }
    const details = parseSponsorship(c, input, now);
    if (!input.attest) {
      throw new AppError("validation", "Confirm the attestation to change the sponsorship.", { attest: "Tick the box to confirm the job offer is true" });
    }
    const { attestedBy: _b, attestedAt: _a, ...before } = c.sponsorship;
    if (isDeepStrictEqual(before, details)) return c;
    const changed = (Object.keys(details) as (keyof typeof details)[]).filter((k) => before[k] !== details[k]);
    const from = Object.fromEntries(changed.map((k) => [k, before[k] ?? null]));
    const to = Object.fromEntries(changed.map((k) => [k, details[k]]));
    const sponsorship: SponsorshipRecord = { ...details, attestedBy: ctx.actor.id, attestedAt: now.toISOString() };
    const [updated] = await tx
      .update(cases)
      .set({ sponsorship, dossier: offerFrom(c, details), updatedAt: now })
      .where(eq(cases.id, c.id))
      .returning();
    await tx.insert(caseEvents).values({ caseId: c.id, actorId: ctx.actor.id, type: "sponsorship_changed", data: { fields: changed }, at: now });
    // A case still in screening is screened by its pending job (which reads the new offer); a screened one again.
    if (c.status !== "screening") await enqueue(tx, "screening.rescreen_batch", { caseIds: [c.id] });
    await enqueue(tx, "screening.run", { caseId: c.id });
    await audit(tx, { actor: ctx.actor, action: "case.sponsorship_changed", caseId: c.id, ip: ctx.ip, data: { from, to } });
    return updated!;
  });
}

/** E5: the date the visa granted at `approvedAt` runs out (YYYY-MM-DD, Korean calendar day). */
export function visaExpiryFor(approvedAt: Date, years = VISA_VALIDITY_YEARS): string {
  const kst = new Date(approvedAt.getTime() + 9 * 3600_000);
  const y = kst.getUTCFullYear() + years;
  const m = kst.getUTCMonth();
  // 29 February falls back to 28 February in a year without it.
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const d = Math.min(kst.getUTCDate(), lastDay);
  const end = new Date(Date.UTC(y, m, d) - 864e5);
  return end.toISOString().slice(0, 10);
}

/** Who attested, for the case page. */
export async function attesterName(ctx: UseCaseContext, c: Pick<Case, "sponsorship">): Promise<string | null> {
  if (!c.sponsorship) return null;
  const [u] = await ctx.db.select({ name: users.name }).from(users).where(eq(users.id, c.sponsorship.attestedBy));
  return u?.name ?? null;
}
