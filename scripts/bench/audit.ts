/**
 * Audit trail appends under concurrency (issue 16): every search and every case-file
 * view appends a record, so the append must not serialise concurrent readers.
 * On a fresh PostgreSQL database, C connections (10, then 50) each append
 * `case.view` records with `audit()` in their own transaction, as the case-file
 * loader does, for a fixed time. The same is run with a plain INSERT (no chain)
 * as the ceiling. Prints appends/s, the 50/10 ratio and the chained/plain ratio,
 * then verifies the whole chain.
 *
 *   npx tsx scripts/bench/audit.ts [seconds per run]     (default 5)
 */
import { randomBytes, randomUUID } from "node:crypto";
import { pathToFileURL } from "node:url";
import { eq } from "drizzle-orm";
import pg from "pg";
import type { ActorRef } from "../../models/actor";
import { audit, verifyAuditChain } from "../../models/audit";
import { openDatabase, type Db } from "../../models/platform/db";
import { auditLog } from "../../models/schema/audit";

const PG_ADMIN = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const CONNECTIONS = [10, 50] as const;

export interface AuditBenchRun {
  mode: "chained" | "plain";
  connections: number;
  appends: number;
  perSecond: number;
  p95Ms: number;
}

export interface AuditBenchResult {
  runs: AuditBenchRun[];
  /** Chained appends/s at 50 connections over 10: 1 or more means more readers are not slowed down by the chain. */
  scaling: number;
  /** Chained over plain inserts at 50 connections: what the chain costs. */
  chainedOverPlain: number;
  verify: { ok: boolean; checked: number; ms: number };
}

const actor: ActorRef = { id: randomUUID(), role: "officer", organizationId: null };
const caseIds = Array.from({ length: 200 }, () => randomUUID());

async function run(db: Db, mode: AuditBenchRun["mode"], connections: number, seconds: number): Promise<AuditBenchRun> {
  const until = performance.now() + seconds * 1000;
  const latencies: number[] = [];
  const reader = async (r: number) => {
    for (let n = 0; performance.now() < until; n++) {
      const entry = { actor, action: "case.view", caseId: caseIds[(r * 7 + n) % caseIds.length]!, ip: "203.0.113.7", data: { reader: r, n } };
      const t0 = performance.now();
      if (mode === "chained") await audit(db, entry);
      else await db.insert(auditLog).values({ actorId: actor.id, actorRole: actor.role, action: "bench.plain", caseId: entry.caseId, ip: entry.ip, data: entry.data });
      latencies.push(performance.now() - t0);
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: connections }, (_, r) => reader(r)));
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return { mode, connections, appends: latencies.length, perSecond: latencies.length / elapsed, p95Ms: latencies[Math.floor(latencies.length * 0.95)] ?? 0 };
}

export async function runAuditBench(opts: { seconds?: number; log?: (line: string) => void } = {}): Promise<AuditBenchResult> {
  const seconds = opts.seconds ?? 5;
  const log = opts.log ?? ((l: string) => console.log(l));
  const name = `toptier_bench_audit_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = PG_ADMIN.replace(/\/[^/]*$/, `/${name}`);
  const runs: AuditBenchRun[] = [];
  let verify: AuditBenchResult["verify"] = { ok: false, checked: 0, ms: 0 };
  try {
    const setup = await openDatabase({ kind: "postgres", url, max: 1 });
    await setup.migrate();
    await setup.close();
    for (const mode of ["plain", "chained"] as const) {
      for (const connections of CONNECTIONS) {
        // One pool per run, as large as the number of readers (each reader holds one connection at a time).
        const handle = await openDatabase({ kind: "postgres", url, max: connections });
        await run(handle.db, mode, connections, 0.5); // warm the connections up
        const r = await run(handle.db, mode, connections, seconds);
        runs.push(r);
        log(`audit: ${mode.padEnd(7)} ${String(connections).padStart(2)} connections: ${Math.round(r.perSecond).toLocaleString("en")} appends/s, p95 ${r.p95Ms.toFixed(1)} ms (${r.appends.toLocaleString("en")} in ${seconds} s)`);
        await handle.close();
      }
    }
    const check = await openDatabase({ kind: "postgres", url, max: 2 });
    // The plain inserts are not part of the chain: leave only what audit() wrote.
    await check.db.delete(auditLog).where(eq(auditLog.action, "bench.plain"));
    const v0 = performance.now();
    const report = await verifyAuditChain(check.db);
    verify = { ok: report.ok, checked: report.checked, ms: performance.now() - v0 };
    await check.close();
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
    await admin.end();
  }
  const at = (mode: AuditBenchRun["mode"], c: number) => runs.find((r) => r.mode === mode && r.connections === c)!.perSecond;
  const result = { runs, scaling: at("chained", 50) / at("chained", 10), chainedOverPlain: at("chained", 50) / at("plain", 50), verify };
  log(
    `audit: chained appends at 50 vs 10 connections: ratio ${result.scaling.toFixed(2)} (target >= 1: more readers must not serialise); chained/plain at 50: ${result.chainedOverPlain.toFixed(2)}; verified ${verify.checked.toLocaleString("en")} records in ${Math.round(verify.ms)} ms (${verify.ok ? "intact" : "BROKEN"})`,
  );
  return result;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const seconds = Number(process.argv[2] ?? 5);
  await runAuditBench({ seconds });
}
