import { and, desc, eq, ilike, like, ne, or, sql } from "drizzle-orm";
import { SEARCH_LIMIT, SEARCH_MAX_LENGTH, searchStages } from "./search-options";
import { z } from "zod";
import { audit } from "../audit";
import { isOfficer, type UseCaseContext } from "../actor";
import { fieldErrors } from "../dossier";
import { AppError } from "../errors";
import type { CaseStatus } from "../lifecycle";
import { cases } from "../schema/cases";
import { organizations } from "../schema/organizations";

/**
 * O7: find a case from one search box. The text is tried against four things at
 * once, and a case matching any of them is a hit:
 * - receipt number: exact or prefix, case-insensitive (receipts are issued in
 *   upper case, so the query is upper-cased and matched as a prefix);
 * - applicant's full name: case-insensitive substring;
 * - passport number: exact, after the normalisation the dossier form applies
 *   (no spaces or dashes, upper case), so "m 1234-5678" finds M12345678;
 * - employer: substring of the sponsoring organisation's name.
 * Drafts are never found (officers do not see them). Newest submission first.
 *
 * One pass over the cases with the four tests OR-ed: without indexes that is a
 * single sequential scan, which is what the present schema allows
 * (scripts/bench/officer.ts times it on 100,000 cases and names the indexes
 * that would serve each test).
 */

export type SearchStage = (typeof searchStages)[number];


/** The search form (`?q=&stage=`), used by the route and by the use case. */
export const searchForm = z.object({
  q: z
    .string({ required_error: "Enter a receipt number, a name, a passport number or an employer" })
    // Control characters (a NUL byte would make PostgreSQL refuse the text) count as spaces.
    // eslint-disable-next-line no-control-regex
    .transform((s) => s.replace(/[\u0000-\u001f\u007f]/g, " "))
    .pipe(
      z
        .string()
        .trim()
        .min(1, "Enter a receipt number, a name, a passport number or an employer")
        .max(SEARCH_MAX_LENGTH, `A search is ${SEARCH_MAX_LENGTH} characters or fewer`),
    ),
  stage: z
    .union([z.literal(""), z.enum(searchStages, { errorMap: () => ({ message: "Choose a stage from the list" }) })])
    .optional()
    .transform((s) => (s ? s : undefined)),
});

/** What the form sends, unchecked: the use case parses it with `searchForm`. */
export interface SearchInput {
  q: string;
  stage?: string | null;
}

export type SearchCriterion = "receipt" | "name" | "passport" | "employer";

export interface SearchHit {
  id: string;
  receiptNumber: string | null;
  applicant: string | null;
  employer: string | null;
  status: CaseStatus;
  submittedAt: Date | null;
  /** What the text matched, to show the officer why the case is listed. */
  matched: SearchCriterion[];
}

export interface SearchResult {
  hits: SearchHit[];
  /** More cases matched than are shown: the officer should narrow the search. */
  more: boolean;
  limit: number;
}

/** The passport number as the dossier form stores it. */
export const normalisePassport = (s: string) => s.replace(/[\s-]/g, "").toUpperCase();

/** Escape LIKE wildcards so that "%" or "_" typed by the officer match themselves. */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function searchCases(ctx: UseCaseContext, input: SearchInput, opts: { limit?: number } = {}): Promise<SearchResult> {
  if (!isOfficer(ctx.actor.role)) throw new AppError("forbidden", "Only officers search cases.");
  const parsed = searchForm.safeParse({ q: input.q, stage: input.stage ?? undefined });
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    throw new AppError("validation", Object.values(errors)[0] ?? "Check the search.", errors);
  }
  const { q, stage } = parsed.data;
  const limit = opts.limit ?? SEARCH_LIMIT;

  const fullName = sql<string | null>`${cases.dossier}->'personal'->>'fullName'`;
  const passport = normalisePassport(q);
  const byReceipt = like(cases.receiptNumber, `${escapeLike(q.toUpperCase())}%`);
  const byName = ilike(fullName, `%${escapeLike(q)}%`);
  // Only a string that could be a passport number is compared (5 to 20 letters and digits, as the form requires).
  const byPassport = /^[A-Z0-9]{5,20}$/.test(passport) ? sql`${cases.dossier}->'personal'->>'passportNumber' = ${passport}` : sql`false`;
  const byEmployer = ilike(organizations.name, `%${escapeLike(q)}%`);

  return ctx.db.transaction(async (tx) => {
    const rows = await tx
      .select({
        id: cases.id,
        receiptNumber: cases.receiptNumber,
        applicant: fullName,
        employer: organizations.name,
        status: cases.status,
        submittedAt: cases.submittedAt,
        receipt: sql<boolean>`coalesce(${byReceipt}, false)`,
        name: sql<boolean>`coalesce(${byName}, false)`,
        passport: sql<boolean>`coalesce(${byPassport}, false)`,
        employerHit: sql<boolean>`coalesce(${byEmployer}, false)`,
      })
      .from(cases)
      .leftJoin(organizations, eq(organizations.id, cases.organizationId))
      .where(and(ne(cases.status, "draft"), stage ? eq(cases.status, stage) : undefined, or(byReceipt, byName, byPassport, byEmployer)))
      .orderBy(sql`${cases.submittedAt} desc nulls last`, desc(cases.id))
      .limit(limit + 1);
    // The query text can hold personal data (a name, a passport number): only its length is recorded.
    await audit(tx, {
      actor: ctx.actor,
      action: "case.search",
      ip: ctx.ip,
      data: { queryLength: q.length, stage: stage ?? null, results: Math.min(rows.length, limit), more: rows.length > limit },
    });
    const hits = rows.slice(0, limit).map((r) => ({
      id: r.id,
      receiptNumber: r.receiptNumber,
      applicant: r.applicant,
      employer: r.employer,
      status: r.status,
      submittedAt: r.submittedAt,
      matched: (
        [
          ["receipt", r.receipt],
          ["name", r.name],
          ["passport", r.passport],
          ["employer", r.employerHit],
        ] as const
      )
        .filter(([, hit]) => hit)
        .map(([c]) => c),
    }));
    return { hits, more: rows.length > limit, limit };
  });
}

export { SEARCH_LIMIT, SEARCH_MAX_LENGTH, searchStages };
