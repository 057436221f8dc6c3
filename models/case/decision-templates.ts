import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { audit } from "../audit";
import { isOfficer, type UseCaseContext } from "../actor";
import { fieldErrors } from "../dossier";
import { AppError } from "../errors";
import type { Db, Queryable } from "../platform/db";
import { decisionTemplates, type DecisionTemplate } from "../schema/cases";
import { isUuid } from "./core";

/**
 * O6: the reasons officers give for decisions, kept as templates in English and
 * Korean. Senior officers maintain them at /officer/templates; officers pick one in
 * the decision form, and its text becomes (or is added to) the reasons. Templates are
 * never deleted, only deactivated: a decision's timeline event names the code it used,
 * so the code is fixed once the template exists.
 */
export const templateOutcomes = ["approve", "refuse"] as const;
export type TemplateOutcome = (typeof templateOutcomes)[number];

const text = (label: string, min: number, max: number) =>
  z
    .string({ required_error: `Enter the ${label}`, invalid_type_error: `Enter the ${label}` })
    .trim()
    .min(min, min <= 1 ? `Enter the ${label}` : `The ${label} must be at least ${min} characters`)
    .max(max, `The ${label} must be ${max.toLocaleString("en")} characters or fewer`);

/** Fields shared by creating and editing a template. */
const templateContent = z.object({
  outcome: z.enum(templateOutcomes, { errorMap: () => ({ message: "Choose approve or refuse" }) }),
  titleEn: text("English title", 1, 120),
  titleKo: text("Korean title", 1, 120),
  bodyEn: text("English text", 10, 5000),
  bodyKo: text("Korean text", 10, 5000),
});

export const templateCodePattern = /^[a-z0-9][a-z0-9-]{2,48}$/;

export const createTemplateSchema = templateContent.extend({
  code: z
    .string({ required_error: "Enter a code" })
    .trim()
    .toLowerCase()
    .regex(templateCodePattern, "Use 3 to 49 lower-case letters, digits and hyphens, e.g. refuse-income"),
});
export const updateTemplateSchema = templateContent;
export type TemplateInput = z.input<typeof createTemplateSchema>;


function requireSenior(ctx: UseCaseContext) {
  if (ctx.actor.role !== "senior_officer") throw new AppError("forbidden", "Only senior officers maintain decision templates.");
}

function parse<S extends z.ZodTypeAny>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError("validation", "The template needs correcting.", fieldErrors(parsed.error));
  return parsed.data as z.output<S>;
}

/** Every template, active first, for the senior officers' page. */
export async function listTemplates(ctx: UseCaseContext): Promise<DecisionTemplate[]> {
  if (!isOfficer(ctx.actor.role)) throw new AppError("forbidden", "Only officers see decision templates.");
  const rows = await ctx.db.select().from(decisionTemplates).orderBy(asc(decisionTemplates.outcome), asc(decisionTemplates.code));
  return [...rows.filter((r) => r.active), ...rows.filter((r) => !r.active)];
}

/** The templates an officer may choose in the decision form. */
export async function listActiveTemplates(ctx: UseCaseContext, outcome?: TemplateOutcome): Promise<DecisionTemplate[]> {
  if (!isOfficer(ctx.actor.role)) throw new AppError("forbidden", "Only officers see decision templates.");
  const where = outcome ? and(eq(decisionTemplates.active, true), eq(decisionTemplates.outcome, outcome)) : eq(decisionTemplates.active, true);
  return ctx.db.select().from(decisionTemplates).where(where).orderBy(asc(decisionTemplates.outcome), asc(decisionTemplates.code));
}

export async function getTemplate(ctx: UseCaseContext, id: string): Promise<DecisionTemplate> {
  requireSenior(ctx);
  if (!isUuid(id)) throw new AppError("not_found", "Template not found.");
  const [row] = await ctx.db.select().from(decisionTemplates).where(eq(decisionTemplates.id, id));
  if (!row) throw new AppError("not_found", "Template not found.");
  return row;
}

export async function createTemplate(ctx: UseCaseContext, input: Record<string, unknown>): Promise<DecisionTemplate> {
  requireSenior(ctx);
  const data = parse(createTemplateSchema, input);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(decisionTemplates)
      .values({ ...data, updatedBy: ctx.actor.id })
      .onConflictDoNothing({ target: decisionTemplates.code })
      .returning();
    if (!row) throw new AppError("conflict", "A template with this code already exists.", { code: "This code is taken: choose another" });
    await audit(tx, { actor: ctx.actor, action: "template.create", ip: ctx.ip, data: { templateId: row.id, code: row.code, outcome: row.outcome } });
    return row;
  });
}

/** Change the titles, texts or outcome of a template (its code stays). */
export async function updateTemplate(ctx: UseCaseContext, id: string, input: Record<string, unknown>): Promise<DecisionTemplate> {
  requireSenior(ctx);
  const data = parse(updateTemplateSchema, input);
  const before = await getTemplate(ctx, id);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(decisionTemplates)
      .set({ ...data, updatedBy: ctx.actor.id, updatedAt: new Date() })
      .where(eq(decisionTemplates.id, before.id))
      .returning();
    const changed = (Object.keys(data) as (keyof typeof data)[]).filter((k) => before[k] !== data[k]);
    await audit(tx, { actor: ctx.actor, action: "template.update", ip: ctx.ip, data: { templateId: before.id, code: before.code, changed } });
    return row!;
  });
}

/** Deactivate (officers no longer see it) or reactivate a template. */
export async function setTemplateActive(ctx: UseCaseContext, id: string, active: boolean): Promise<DecisionTemplate> {
  requireSenior(ctx);
  const before = await getTemplate(ctx, id);
  if (before.active === active) return before;
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(decisionTemplates)
      .set({ active, updatedBy: ctx.actor.id, updatedAt: new Date() })
      .where(eq(decisionTemplates.id, before.id))
      .returning();
    await audit(tx, { actor: ctx.actor, action: active ? "template.activate" : "template.deactivate", ip: ctx.ip, data: { templateId: before.id, code: before.code } });
    return row!;
  });
}

/** The reasons text a template gives: English, then Korean. */
export function templateReasons(t: Pick<DecisionTemplate, "bodyEn" | "bodyKo">): string {
  return `${t.bodyEn.trim()}\n\n${t.bodyKo.trim()}`;
}

/**
 * The active template an officer chose for a decision, checked against the chosen
 * outcome. Errors are field errors of the decision form (`templateCode`).
 */
export async function templateForDecision(q: Queryable, code: string, outcome: string | undefined): Promise<DecisionTemplate> {
  const [row] = await q.select().from(decisionTemplates).where(eq(decisionTemplates.code, code.trim().toLowerCase()));
  if (!row || !row.active) {
    throw new AppError("validation", "The decision needs correcting.", { templateCode: "This template is not available: choose another" });
  }
  if ((outcome === "approve" || outcome === "refuse") && row.outcome !== outcome) {
    throw new AppError("validation", "The decision needs correcting.", {
      templateCode: `This template is for ${row.outcome === "approve" ? "approvals" : "refusals"}: choose one that matches the decision`,
    });
  }
  return row;
}

/** The templates every installation starts with (seeded once; senior officers edit them after). */
export const defaultDecisionTemplates: z.output<typeof createTemplateSchema>[] = [
  {
    code: "approve-all-criteria",
    outcome: "approve",
    titleEn: "Approval: all Top-Tier criteria met",
    titleKo: "승인: 탑티어 요건 모두 충족",
    bodyEn:
      "The application meets every requirement of the Top-Tier visa. The applicant's degree and professional record were verified against the documents submitted, the job offer from the sponsoring employer is in an eligible advanced-industry field, and the annual salary offered is at or above the required threshold. The sponsoring employer confirmed the offer.",
    bodyKo:
      "신청인은 탑티어 비자의 모든 요건을 충족합니다. 제출된 서류로 신청인의 학위와 경력을 확인하였고, 초청 기업의 고용 제안은 대상 첨단산업 분야에 해당하며, 제시된 연봉은 기준 금액 이상입니다. 초청 기업이 고용 제안을 확인하였습니다.",
  },
  {
    code: "approve-outstanding-researcher",
    outcome: "approve",
    titleEn: "Approval: outstanding researcher (degree and research record)",
    titleKo: "승인: 우수 연구 인력 (학위 및 연구 실적)",
    bodyEn:
      "The applicant holds a doctorate from a university recognised for the Top-Tier visa and has a verified research record in the field of the offered position. The position with the sponsoring employer is a research role in an eligible advanced-industry field with a salary at or above the required threshold. The application is approved.",
    bodyKo:
      "신청인은 탑티어 비자 인정 대학의 박사 학위를 보유하고 있으며, 제안된 직무 분야에서 확인된 연구 실적이 있습니다. 초청 기업의 직위는 대상 첨단산업 분야의 연구직이며 연봉은 기준 금액 이상입니다. 따라서 신청을 승인합니다.",
  },
  {
    code: "refuse-income-threshold",
    outcome: "refuse",
    titleEn: "Refusal: salary below the required threshold",
    titleKo: "불허: 연봉 기준 미달",
    bodyEn:
      "The annual salary in the job offer is below the threshold the Top-Tier visa requires (a multiple of Korea's gross national income per capita for the year of assessment). The other requirements were not decisive. The application is refused on this ground.",
    bodyKo:
      "고용 제안서의 연봉이 탑티어 비자가 요구하는 기준(심사 연도 1인당 국민총소득의 일정 배수)에 미치지 못합니다. 다른 요건은 이 결정에 영향을 주지 않았습니다. 이 사유로 신청을 불허합니다.",
  },
  {
    code: "refuse-evidence-not-verified",
    outcome: "refuse",
    titleEn: "Refusal: qualifications or career could not be verified",
    titleKo: "불허: 학위 또는 경력 확인 불가",
    bodyEn:
      "The documents submitted do not establish the degree or professional experience the Top-Tier visa requires. A request for further evidence was not answered with documents that could be verified with the issuing institution. The application is refused because eligibility could not be confirmed.",
    bodyKo:
      "제출된 서류로는 탑티어 비자가 요구하는 학위 또는 경력을 입증할 수 없습니다. 보완 요청에 대해서도 발급 기관을 통해 확인할 수 있는 서류가 제출되지 않았습니다. 자격 요건을 확인할 수 없으므로 신청을 불허합니다.",
  },
];

/** Seed the default templates once: a code that exists (edited or deactivated since) is left alone. */
export async function seedDecisionTemplates(db: Db): Promise<number> {
  const inserted = await db
    .insert(decisionTemplates)
    .values(defaultDecisionTemplates)
    .onConflictDoNothing({ target: decisionTemplates.code })
    .returning({ id: decisionTemplates.id });
  return inserted.length;
}
