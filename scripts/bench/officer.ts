/**
 * The officer back office on a realistic table: N cases (default 100,000) in
 * PostgreSQL across every stage, with varied names, passports and employers.
 * Times the queue page (`queueOverview` for a senior officer) and the search
 * (`searchCases`, audit record included) by receipt, name, passport and
 * employer: the median of 20 runs each, against 300 ms for the queue page and
 * 1,000 ms for a search.
 *
 *   npx tsx scripts/bench/officer.ts [cases]            (default 100000)
 *   npx tsx scripts/bench/officer.ts [cases] --indexes  also with the suggested indexes
 */
import { randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { toActor } from "../../models/auth";
import type { UseCaseContext } from "../../models/actor";
import { queueOverview } from "../../models/case/queue";
import { searchCases } from "../../models/case/search";
import type { CaseStatus } from "../../models/lifecycle";
import { openDatabase } from "../../models/platform/db";
import { cases } from "../../models/schema/cases";
import { organizations } from "../../models/schema/organizations";
import { users } from "../../models/schema/users";

const PG_ADMIN = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const RUNS = 20;
export const QUEUE_TARGET_MS = 300;
export const SEARCH_TARGET_MS = 1000;

/**
 * Indexes that would let each search test avoid reading every case (not in the
 * schema; created here only with --indexes, to measure what they would buy).
 */
export const suggestedIndexes = [
  "create extension if not exists pg_trgm",
  // Receipt prefix (LIKE 'TT-2026-00%'): a pattern-ops btree, whatever the database collation.
  "create index cases_receipt_prefix_idx on cases (receipt_number text_pattern_ops)",
  // Passport: exact match on the normalised value.
  "create index cases_passport_idx on cases ((dossier->'personal'->>'passportNumber'))",
  // Name substring, any case: trigrams.
  "create index cases_full_name_trgm_idx on cases using gin ((dossier->'personal'->>'fullName') gin_trgm_ops)",
  // Employer substring: trigrams on the (small) organisations table.
  "create index organizations_name_trgm_idx on organizations using gin (name gin_trgm_ops)",
];

const firstNames = ["Ada", "Minji", "Carlos", "Sofia", "Jae-won", "Priya", "Liam", "Hana", "Mateo", "Yuki", "Olga", "Kwame", "Chen", "Fatima", "Lucas", "Seo-yeon", "Arjun", "Elena", "Tomás", "Aiko", "Noah", "Ji-ho", "Amara", "Ivan", "Leila", "Hyun-woo", "Mei", "Omar", "Nadia", "Felix", "Zanele", "Ravi", "Ingrid", "Dong-hyun", "Lucía", "Kenji", "Ayesha", "Pierre", "Su-bin", "Nikolai"];
const middleNames = ["", "Marie", "James", "Ann", "Lee", "Kim", "Rose", "Paul", "Grace", "John", "Mae", "Ray", "Jean", "Lynn", "Joy"];
const lastNames = ["Okafor", "Park", "Mendes", "Rossi", "Lee", "Sharma", "O'Brien", "Tanaka", "García", "Kowalski", "Nguyen", "Müller", "Okonkwo", "Choi", "Ivanova", "Haddad", "Silva", "Jung", "Novak", "Andersson", "Yamamoto", "Kim", "Dubois", "Mensah", "Petrov", "Han", "Costa", "Fischer", "Rahman", "Yoon", "Moreau", "Banerjee", "Lindqvist", "Adeyemi", "Suzuki", "Horvat", "Kang", "Walsh", "Ortega", "Baek", "Nakamura", "Popescu", "Cho", "Eriksen", "Abebe", "Shin", "Bianchi", "Hoang", "Zhou", "Kaur", "Lim", "Santos", "Yilmaz"];
const orgWords = ["Hanbit", "Pangyo", "Daejeon", "Songdo", "Gangnam", "Mapo", "Busan", "Incheon", "Suwon", "Gwangju", "Ulsan", "Jeju", "Sejong", "Cheongju", "Jeonju", "Andong", "Pohang", "Gimhae", "Yeosu", "Chuncheon"];
const orgKinds = ["Robotics", "Quantum Labs", "Semiconductor", "Biologics", "AI Research", "Battery Systems", "Mobility", "Photonics", "Materials", "Software"];

/** Stages and their shares of the table (drafts included: the search must skip them). */
const stageShares: [CaseStatus, number][] = [
  ["draft", 5],
  ["submitted", 2],
  ["awaiting_sponsor", 5],
  ["screening", 2],
  ["in_review", 30],
  ["evidence_requested", 5],
  ["evidence_received", 3],
  ["decision_pending", 8],
  ["approved", 25],
  ["refused", 10],
  ["withdrawn", 5],
];
const stageOf = (j: number): CaseStatus => {
  let k = (j * 37) % 100;
  for (const [stage, share] of stageShares) {
    if (k < share) return stage;
    k -= share;
  }
  return "approved";
};

export interface OfficerBenchFigure {
  name: string;
  medianMs: number;
  targetMs: number;
  ratio: number;
  results?: number;
  more?: boolean;
}

export interface OfficerBenchResult {
  name: "officer";
  cases: number;
  seedSeconds: number;
  figures: OfficerBenchFigure[];
  /** The same, with the suggested indexes created (only with `withIndexes`). */
  indexed: OfficerBenchFigure[] | null;
}

async function median(fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm-up (plans, caches), not counted
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return (times[RUNS / 2 - 1]! + times[RUNS / 2]!) / 2;
}

export async function runOfficerBench(n = 100_000, opts: { withIndexes?: boolean; log?: (line: string) => void } = {}): Promise<OfficerBenchResult> {
  const log = opts.log ?? console.log;
  const name = `toptier_bench_officer_${process.pid}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const handle = await openDatabase({ kind: "postgres", url: PG_ADMIN.replace(/\/[^/]*$/, `/${name}`), max: 8 });
  try {
    await handle.migrate();
    const db = handle.db;
    const seedStart = performance.now();
    const orgs = await db
      .insert(organizations)
      .values(Array.from({ length: 400 }, (_, i) => ({ name: `${orgWords[i % 20]} ${orgKinds[Math.floor(i / 20) % 10]} ${i}`, industry: "ai" })))
      .returning({ id: organizations.id, name: organizations.name });
    const staff = await db
      .insert(users)
      .values([
        { email: "bench-applicant@example.test", name: "Bench applicant", role: "applicant" as const, passwordHash: "x" },
        ...Array.from({ length: 20 }, (_, i) => ({ email: `bench-officer-${i}@example.test`, name: `Officer ${i}`, role: "officer" as const, passwordHash: "x" })),
        ...Array.from({ length: 3 }, (_, i) => ({ email: `bench-senior-${i}@example.test`, name: `Senior ${i}`, role: "senior_officer" as const, passwordHash: "x" })),
      ])
      .returning();
    const applicant = staff[0]!;
    const officers = staff.filter((u) => u.role !== "applicant");
    const senior = staff.find((u) => u.role === "senior_officer")!;
    const now = Date.now();
    for (let i = 0; i < n; i += 2000) {
      const rows = [];
      for (let j = i; j < Math.min(n, i + 2000); j++) {
        const status = stageOf(j);
        const org = orgs[(j * 13) % orgs.length]!;
        const middle = middleNames[Math.floor(j / 40) % middleNames.length]!;
        const submitted = status === "draft" ? null : new Date(now - ((j * 7919) % (365 * 24)) * 3_600_000);
        const inQueue = status === "in_review" || status === "decision_pending";
        rows.push({
          applicantId: applicant.id,
          organizationId: org.id,
          status,
          receiptNumber: submitted ? `TT-${submitted.getUTCFullYear()}-${String(j).padStart(6, "0")}` : null,
          submittedAt: submitted,
          statusChangedAt: new Date(now - ((j * 104_729) % (180 * 24)) * 3_600_000),
          priority: j % 50 === 0 ? 1 : 0,
          assignedOfficerId: inQueue && j % 2 === 0 ? officers[j % officers.length]!.id : null,
          slaState: (["ok", "ok", "ok", "at_risk", "overdue"] as const)[j % 5]!,
          dossier: {
            personal: {
              fullName: `${firstNames[j % firstNames.length]} ${middle ? `${middle} ` : ""}${lastNames[(j * 7 + 3) % lastNames.length]}`,
              nationality: "Canada",
              birthDate: `19${70 + (j % 25)}-0${1 + (j % 9)}-1${j % 9}`,
              countryOfBirth: "Canada",
              passportNumber: `P${String(j).padStart(8, "0")}`,
              passportCountry: "Canada",
              passportIssued: "2022-01-10",
              passportExpires: "2032-01-09",
            },
            education: [{ level: j % 3 === 0 ? "master" : "phd", field: "Computer Science", institution: "KAIST", country: "Korea", awarded: "2012-02-20" }],
            work: [{ employer: "KAIST", kind: "research_institute", title: "Researcher", country: "Korea", start: "2012-03-01", current: true, postdoc: false }],
            achievements: { publications: [], patents: [], awards: [] },
            offer: { hasOffer: "yes", organizationId: org.id, jobTitle: "Researcher", industry: "ai", annualSalaryKrw: 120_000_000 + (j % 120) * 1_000_000 },
            dependants: [],
          } as never,
        });
      }
      await db.insert(cases).values(rows);
    }
    const seedSeconds = (performance.now() - seedStart) / 1000;
    const ctx: UseCaseContext = { db, actor: toActor(senior), ip: null };
    const direct = new pg.Client({ connectionString: PG_ADMIN.replace(/\/[^/]*$/, `/${name}`) });
    direct.on("error", () => undefined);
    await direct.connect();
    await direct.query("analyze");

    // A receipt in the middle of the table, a passport written the way people type it,
    // a part of a surname (about 1 case in 53), an employer word plus number (about a dozen organisations).
    let probe = Math.floor(n / 2) + 1;
    while (stageOf(probe) === "draft") probe++;
    const [probeRow] = (await direct.query<{ receipt_number: string }>("select receipt_number from cases where receipt_number like '%-' || lpad($1::text, 6, '0')", [probe])).rows;
    const passport = String(probe).padStart(8, "0");
    const searches: [string, string][] = [
      ["search by receipt (exact)", probeRow?.receipt_number ?? "TT-2026-000001"],
      ["search by receipt (prefix)", (probeRow?.receipt_number ?? "TT-2026-000001").slice(0, 11).toLowerCase()],
      ["search by name substring", "kowalsk"],
      ["search by passport", `p ${passport.slice(0, 4)}-${passport.slice(4)}`],
      ["search by employer", "robotics 17"],
    ];
    const measure = async (): Promise<OfficerBenchFigure[]> => {
      const figures: OfficerBenchFigure[] = [];
      const q = await median(() => queueOverview(ctx));
      figures.push({ name: "queue page (senior officer)", medianMs: q, targetMs: QUEUE_TARGET_MS, ratio: q / QUEUE_TARGET_MS });
      for (const [label, text] of searches) {
        const r = await searchCases(ctx, { q: text });
        const ms = await median(() => searchCases(ctx, { q: text }));
        figures.push({ name: label, medianMs: ms, targetMs: SEARCH_TARGET_MS, ratio: ms / SEARCH_TARGET_MS, results: r.hits.length, more: r.more });
      }
      return figures;
    };
    const print = (title: string, figures: OfficerBenchFigure[]) => {
      log(title);
      for (const f of figures) {
        const found = f.results === undefined ? "" : ` (${f.results}${f.more ? "+" : ""} results)`;
        log(`  ${f.name}: ${f.medianMs.toFixed(1)} ms median of ${RUNS}; target ${f.targetMs} ms; ratio ${f.ratio.toFixed(3)}${found}`);
      }
    };
    const figures = await measure();
    print(`officer: ${n.toLocaleString("en")} cases (seeding ${seedSeconds.toFixed(1)} s), no extra indexes`, figures);
    let indexed: OfficerBenchFigure[] | null = null;
    if (opts.withIndexes) {
      for (const statement of suggestedIndexes) await direct.query(statement);
      await direct.query("analyze");
      indexed = await measure();
      print("officer: with the suggested indexes", indexed);
    }
    await direct.end();
    return { name: "officer", cases: n, seedSeconds, figures, indexed };
  } finally {
    await handle.close();
    // Without FORCE first: PostgreSQL waits a few seconds for the closed pool's sessions to end.
    await admin.query(`drop database if exists ${name}`).catch(() => admin.query(`drop database if exists ${name} with (force)`));
    await admin.end();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  const n = Number(args.find((a) => /^\d+$/.test(a)) ?? 100_000);
  await runOfficerBench(n, { withIndexes: args.includes("--indexes") });
}
