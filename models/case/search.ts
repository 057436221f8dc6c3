import { desc, eq, ilike, like, sql, type SQL } from "drizzle-orm";
import { SEARCH_LIMIT, SEARCH_MAX_LENGTH, searchStages } from "./search-options";
import { z } from "zod";
import { audit } from "../audit";
import { isOfficer, type UseCaseContext } from "../actor";
import { fieldErrors } from "../dossier";
import { AppError } from "../errors";
import type { CaseStatus } from "../lifecycle";
import { cases } from "../schema/cases";
import { organizations } from "../schema/organizations";
import { normalisePassport, passportIndex } from "./passport-index";

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
 * Issue 10: a UNION of one lookup per criterion, each served by its index
 * (migration 0006): the receipt prefix by `text_pattern_ops`, the name and the
 * employer by trigram GIN indexes, the passport by its blind index
 * (`passport_index`), each branch cut at the page size in the order shown, so
 * that the page is the newest of at most four short lists. The OR of the four
 * tests in one scan (the implementation before) is kept as the oracle of the
 * property test (test/integration/search-index.test.ts).
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

/** Escape LIKE wildcards so that "%" or "_" typed by the officer match themselves. */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Newest submission first (cases_submitted_idx, cases_organization_submitted_idx). */
const newestFirst = sql`submitted_at desc nulls last, id desc`;

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
  const receiptPattern = `${escapeLike(q.toUpperCase())}%`;
  const namePattern = `%${escapeLike(q)}%`;
  // Only a string that could be a passport number is compared (5 to 20 letters and digits, as the form requires).
  const passport = /^[A-Z0-9]{5,20}$/.test(normalisePassport(q)) ? passportIndex(q) : null;
  const n = limit + 1;
  const inStage = stage ? sql`and status = ${stage}` : sql``;
  // One lookup per criterion, each cut at the page size (every column here is unqualified: the branch's own table).
  const branch = (test: SQL) => sql`(select id, submitted_at from cases where status <> 'draft' ${inStage} and ${test} order by ${newestFirst} limit ${n})`;
  const branches = [
    branch(sql`receipt_number like ${receiptPattern}`),
    branch(sql`(dossier -> 'personal' ->> 'fullName') ilike ${namePattern}`),
    passport ? branch(sql`passport_index = ${passport}`) : null,
    // Per matching organisation, its newest cases (the employer's name by trigrams, its cases by their index).
    sql`(select c.id, c.submitted_at from organizations o cross join lateral (select id, submitted_at from cases where organization_id = o.id and status <> 'draft' ${inStage} order by ${newestFirst} limit ${n}) c where o.name ilike ${namePattern} order by c.submitted_at desc nulls last, c.id desc limit ${n})`,
  ].filter((b) => b !== null);
  const found = sql.join(branches, sql` union `);

  const byReceipt = like(cases.receiptNumber, receiptPattern);
  const byName = ilike(fullName, namePattern);
  const byPassport = passport ? eq(cases.passportIndex, passport) : sql`false`;
  const byEmployer = ilike(organizations.name, namePattern);

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
      .where(sql`${cases.id} in (select id from (${found}) as found)`)
      .orderBy(sql`${cases.submittedAt} desc nulls last`, desc(cases.id))
      .limit(n);
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
