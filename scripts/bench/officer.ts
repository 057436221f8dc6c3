/**
 * The officer pages' queries at national scale (issue 10): N cases seeded by the
 * set-based bench seeder (scripts/bench/seed.ts) in a PostgreSQL database of the
 * bench's own, then each page's model call, as the loaders make it:
 * - the queue page (senior officer and officer), and its second page (keyset);
 * - each search kind: receipt exact and prefix, name part, passport as typed, employer;
 * - the officer case file (one transaction) and the screening's risk check.
 * Each is timed alone (p50/p95 of RUNS calls) and under CONCURRENCY callers at
 * once sharing the web process's pool of 10 connections (p50/p95 and calls/s),
 * so the figures are the database side of the HTTP bench (the HTTP runner with
 * real sessions lives in the bench branch). Every SELECT of every page is then
 * EXPLAINed (ANALYZE, BUFFERS) with the parameters of the run: `--plans` prints
 * them (docs/PERFORMANCE.md keeps them). The database is dropped at the end.
 *
 *   npx tsx scripts/bench/officer.ts [cases ...] [--plans] [--light]   (default 100000; e.g. 100000 1000000)
 *   --light: the one-statement fill below instead of the full seeder (plans at 1,000,000 on a busy machine)
 */
import { pathToFileURL } from "node:url";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import type pg from "pg";
import type { UseCaseContext } from "../../models/actor";
import { officerCaseFile } from "../../models/case/case-file";
import { queueOverview } from "../../models/case/queue";
import { riskFlags } from "../../models/case/risk";
import { searchCases } from "../../models/case/search";
import type { Db } from "../../models/platform/db";
import * as schema from "../../models/schema/index";
import { cases, type Case } from "../../models/schema/cases";
import { passportIndexSqlText } from "../../models/case/passport-index";
import { decryptPii, isEnvelope } from "../../models/platform/pii-crypto";
import { slaDueAtSqlText } from "../../models/sla";
import { createBenchDatabase, printSeed, seedBench, type SeedResult } from "./seed";

const RUNS = 40;
const CONCURRENCY = 50;
const CONCURRENT_CALLS = 1000;
/** Issue 10: each page under 100 ms at p95 with 50 concurrent sessions. */
export const PAGE_TARGET_MS = 100;

export interface OfficerFigure {
  name: string;
  aloneP50: number;
  aloneP95: number;
  loadedP50: number;
  loadedP95: number;
  perSecond: number;
  ratio: number;
  note?: string;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

async function alone(fn: () => Promise<unknown>): Promise<number[]> {
  await fn();
  const t: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    await fn();
    t.push(performance.now() - s);
  }
  return t;
}

async function loaded(fn: (k: number) => Promise<unknown>): Promise<{ times: number[]; perSecond: number }> {
  const times: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < CONCURRENT_CALLS) {
        const k = next++;
        const s = performance.now();
        await fn(k);
        times.push(performance.now() - s);
      }
    }),
  );
  return { times, perSecond: CONCURRENT_CALLS / ((performance.now() - start) / 1000) };
}

/**
 * A light fill for plan checks at sizes the full seeder cannot reach on a busy
 * machine: N cases from one generate_series INSERT (small dossiers, no screening,
 * events or documents), stages, names, passports and employers spread as the
 * seeder does, the new columns by the application's own SQL.
 */
async function lightSeed(bench: Awaited<ReturnType<typeof createBenchDatabase>>, n: number) {
  const t0 = performance.now();
  const c = bench.pool;
  await c.query(`insert into organizations (name, industry, registration_number)
    select (array['Hanbit','Pangyo','Daejeon','Songdo','Goyang','Busan','Incheon','Suwon'])[1 + k % 8] || ' ' || (array['Robotics','Quantum Labs','Devices','Biologics','AI Research','Photonics'])[1 + (k / 8) % 6] || ' ' || k, 'ai', lpad(k::text, 10, '0')
    from generate_series(1, 3000) k`);
  const staff = (await c.query<{ id: string; role: "officer" | "senior_officer" }>(`insert into users (email, name, role, password_hash)
    select 'officer-' || k || '@bench.test', 'Officer ' || k, (case when k <= 5 then 'senior_officer' else 'officer' end)::role, 'x' from generate_series(1, 205) k returning id, role`)).rows;
  const [{ id: applicant } = { id: "" }] = (await c.query<{ id: string }>(`insert into users (email, name, role, password_hash) values ('applicant@bench.test', 'Applicant', 'applicant', 'x') returning id`)).rows;
  const officerIds = staff.map((s) => s.id);
  await c.query(
    `insert into cases (applicant_id, organization_id, status, receipt_number, dossier, priority, flags, assigned_officer_id, sla_started_at, sla_paused_ms, sla_paused_at, submitted_at, status_changed_at)
     select $1, o.id, g.status::case_status, case when g.status <> 'draft' then 'TT-' || (2025 + g.i % 2) || '-' || lpad(g.i::text, 7, '0') end,
       jsonb_build_object('personal', jsonb_build_object('fullName', (array['Ada','Minji','Carlos','Priya','Łukasz','민지','Olga','Kwame'])[1 + g.i % 8] || ' ' || (array['Kowalski','Park','Okafor','Sharma','Müller','김','Ivanova','Mensah','Nguyen','Silva'])[1 + (g.i / 8) % 10] || g.i % 97, 'passportNumber', 'P' || lpad(g.i::text, 8, '0')), 'offer', jsonb_build_object('organizationId', o.id)),
       case when g.i % 50 = 0 then 1 else 0 end,
       case when g.i % 20 = 0 then '[{"code":"dates_contradict","detail":"x","raisedAt":"2026-01-01"}]'::jsonb else '[]'::jsonb end,
       case when g.status in ('in_review','evidence_received','decision_pending') and g.i % 200 = 0 then ($2::uuid[])[1 + g.i % 205] end,
       now() - (g.i % 9000) * interval '1 minute', 0, case when g.status = 'evidence_requested' then now() end,
       case when g.status <> 'draft' then now() - (g.i % 40000) * interval '1 minute' end, now() - (g.i % 9000) * interval '1 minute'
     from (select i, (array['draft','submitted','awaiting_sponsor','screening','in_review','in_review','in_review','evidence_requested','evidence_received','decision_pending','approved','approved','approved','refused','withdrawn'])[1 + (i * 7) % 15] as status from generate_series(1, $3::int) i) g
     join organizations o on o.registration_number = lpad((1 + g.i % 3000)::text, 10, '0')`,
    [applicant, officerIds, n],
  );
  await c.query(`update cases set sla_due_at = ${slaDueAtSqlText({ status: "status", startedAt: "sla_started_at", pausedMs: "sla_paused_ms", pausedAt: "sla_paused_at" })}, passport_index = case when status <> 'draft' then ${passportIndexSqlText("dossier->'personal'->>'passportNumber'")} end`);
  return {
    seconds: (performance.now() - t0) / 1000,
    seniors: staff.filter((s) => s.role === "senior_officer"),
    officers: staff.filter((s) => s.role === "officer"),
  };
}

export async function runOfficerBench(n = 100_000, opts: { plans?: boolean; light?: boolean; log?: (line: string) => void } = {}) {
  const log = opts.log ?? console.log;
  const bench = await createBenchDatabase("officer", { max: 10 });
  try {
    const seed = opts.light ? await lightSeed(bench, n) : await seedBench(bench, { cases: n });
    if (!opts.light) printSeed(seed as SeedResult, log);
    else log(`light fill: ${n.toLocaleString("en")} cases in ${seed.seconds.toFixed(1)} s`);
    // As autovacuum leaves a table at rest: visibility map set (index-only counts), statistics fresh.
    await bench.pool.query("vacuum analyze cases");
    const db = bench.handle.db;
    const senior = seed.seniors[0]!;
    const officers = seed.officers;
    const ctxOf = (u: { id: string; role: "officer" | "senior_officer" }, d: Db = db): UseCaseContext => ({ db: d, actor: { id: u.id, role: u.role, organizationId: null }, ip: "127.0.0.1" });

    // Probes: a receipt in the middle, a passport as people type it, a common name part, an employer word.
    const q1 = async <T extends pg.QueryResultRow>(text: string, params: unknown[] = []) => (await bench.pool.query<T>(text, params)).rows[0]!;
    const mid = await q1<{ receipt_number: string; passport: string; id: string }>(
      `select receipt_number, dossier->'personal'->>'passportNumber' as passport, id from cases where status = 'in_review' order by id offset $1 limit 1`,
      [Math.floor(n / 20)],
    );
    const org = await q1<{ name: string }>(`select name from organizations order by id offset 7 limit 1`);
    const employerPart = org.name.split(" ").slice(0, 2).join(" ");
    // Issue 12: a database a server has started on holds the number encrypted (same development key ring here).
    if (isEnvelope(mid.passport)) mid.passport = decryptPii(mid.passport);
    const typed = `${mid.passport.slice(0, 3).toLowerCase()} ${mid.passport.slice(3, 6)}-${mid.passport.slice(6)}`;
    const searches: [string, string][] = [
      ["search: receipt exact", mid.receipt_number],
      ["search: receipt prefix", mid.receipt_number.slice(0, 11).toLowerCase()],
      ["search: name part", "kowalsk"],
      ["search: name part, Hangul", "민지"],
      ["search: passport as typed", typed],
      ["search: employer", employerPart],
    ];
    const caseIds = (await bench.pool.query<{ id: string }>(`select id from cases where status in ('in_review', 'evidence_received', 'decision_pending', 'approved') order by id limit 1000`)).rows.map((r) => r.id);
    const [fullRisk] = (await db.select().from(cases).where(eq(cases.id, mid.id))) as [Case];
    const firstPage = await queueOverview(ctxOf(senior));

    const pages: [string, (k: number, d?: Db) => Promise<unknown>][] = [
      ["queue page (senior officer)", (_k, d) => queueOverview(ctxOf(senior, d))],
      ["queue page (officer)", (k, d) => queueOverview(ctxOf(officers[k % officers.length]!, d))],
      ["queue page 2 (keyset)", (_k, d) => queueOverview(ctxOf(senior, d), { after: firstPage.next ?? undefined })],
      ["queue page (flagged, in review)", (_k, d) => queueOverview(ctxOf(senior, d), { stage: "in_review", flags: "flagged" })],
      ...searches.map(([name, text]): [string, (k: number, d?: Db) => Promise<unknown>] => [`${name} (${JSON.stringify(text)})`, (_k, d) => searchCases(ctxOf(senior, d), { q: text })]),
      ["case file", (k, d) => officerCaseFile(ctxOf(senior, d), caseIds[k % caseIds.length]!)],
      ["risk check (screening)", (_k, d) => (d ?? db).transaction((tx) => riskFlags(tx, fullRisk, new Date()))],
    ];

    const figures: OfficerFigure[] = [];
    for (const [name, fn] of pages) {
      const a = await alone(() => fn(0));
      const l = await loaded((k) => fn(k));
      const f: OfficerFigure = { name, aloneP50: pct(a, 50), aloneP95: pct(a, 95), loadedP50: pct(l.times, 50), loadedP95: pct(l.times, 95), perSecond: l.perSecond, ratio: pct(l.times, 95) / PAGE_TARGET_MS };
      if (name.startsWith("search")) {
        const r = await searchCases(ctxOf(senior), { q: searches.find(([s]) => name.startsWith(s))![1] });
        f.note = `${r.hits.length}${r.more ? "+" : ""} hits`;
      }
      figures.push(f);
      log(
        `  ${name}: alone p50 ${f.aloneP50.toFixed(1)} ms, p95 ${f.aloneP95.toFixed(1)} ms; ${CONCURRENCY} at once p50 ${f.loadedP50.toFixed(1)} ms, p95 ${f.loadedP95.toFixed(1)} ms, ${Math.round(f.perSecond)}/s; p95/target ${f.ratio.toFixed(2)}${f.note ? ` (${f.note})` : ""}`,
      );
    }

    if (opts.plans) {
      // Every SELECT the pages run, captured from Drizzle and explained with its parameters.
      const captured: { sql: string; params: unknown[] }[] = [];
      const client = await bench.pool.connect();
      try {
        const spy = drizzle(bench.pool, { schema, logger: { logQuery: (sql, params) => void captured.push({ sql, params }) } }) as unknown as Db;
        for (const [name, fn] of pages) {
          captured.length = 0;
          await fn(0, spy);
          log(`\n### ${name}`);
          for (const q of captured.filter((c) => /^\s*(select|\(select)/i.test(c.sql))) {
            const plan = (await client.query<{ "QUERY PLAN": string }>(`explain (analyze, buffers, costs off, timing off, summary off) ${q.sql}`, q.params)).rows.map((r) => r["QUERY PLAN"]);
            log(`${q.sql.replace(/\s+/g, " ").slice(0, 160)}${q.sql.length > 160 ? "…" : ""}\n${plan.map((l) => `    ${l}`).join("\n")}`);
          }
        }
      } finally {
        client.release();
      }
    }
    return { cases: n, seedSeconds: seed.seconds, figures };
  } finally {
    await bench.drop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  const sizes = args.filter((a) => /^\d+$/.test(a)).map(Number);
  for (const n of sizes.length ? sizes : [100_000]) {
    console.log(`officer: ${n.toLocaleString("en")} cases`);
    await runOfficerBench(n, { plans: args.includes("--plans"), light: args.includes("--light") });
  }
}
