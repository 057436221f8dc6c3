/**
 * The back office over real HTTP (issue 10): N seeded cases in PostgreSQL, the
 * production server (`start:web`), and 50 concurrent signed-in officer sessions
 * (10 senior officers, 40 officers) on keep-alive connections. Measured in one
 * run, each page for the same time: the `/login` baseline, the queue page, each
 * search kind, the officer case file; then "take next" by 20 concurrent officers,
 * checked for double assignments. Prints p50, p95, req/s and the ratio to /login.
 *
 *   npx tsx scripts/bench/http.ts [cases] [--seconds 10] [--no-build]
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import { pathToFileURL } from "node:url";
import { decryptPii, isEnvelope } from "../../models/platform/pii-crypto";
import { Cleanup, deleteRedisPrefix } from "./cleanup";
import { ms, runLoad, send, type LoadFigure, type LoadRequest } from "./load";
import { createBenchDatabase, cultures, officerSessions, printSeed, seedBench, type BenchDatabase, type SeedResult } from "./seed";
import { buildApp, startBenchServer } from "./web-server";

export const PAGE_P95_TARGET_MS = 100;
export const LOGIN_RATIO_TARGET = 3;
export const TAKE_NEXT_P95_TARGET_MS = 20;
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

export interface HttpBenchOptions {
  cases: number;
  /** Measured seconds per page (after 1 s of warm-up). */
  seconds?: number;
  /** How long a page's unanswered requests are waited for once its time is up. */
  graceSeconds?: number;
  concurrency?: number;
  takeNextConcurrency?: number;
  build?: boolean;
  log?: (line: string) => void;
}

export interface HttpBenchResult {
  name: "http";
  cases: number;
  seed: SeedResult;
  pages: (LoadFigure & { ratio: number | null })[];
  takeNext: LoadFigure & { claims: number; doubleAssignments: number; wrongAssignee: number };
}

const uuidIn = (location: string | undefined) => /^\/officer\/cases\/([0-9a-f-]{36})$/.exec(location ?? "")?.[1] ?? null;

/** What officers type: receipts, parts of names (every script), passports as typed, employer names. */
async function probes(bench: BenchDatabase) {
  const q = async <T>(text: string) => (await bench.pool.query(text)).rows as T[];
  const receipts = (await q<{ r: string }>(`select receipt_number as r from cases tablesample system (2) where receipt_number is not null limit 500`)).map((x) => x.r);
  const passports = (await q<{ p: string }>(`select dossier->'personal'->>'passportNumber' as p from cases tablesample system (2) where status <> 'draft' limit 500`)).map((x) =>
    // Issue 12: the server encrypts the seeded numbers at start-up, with the key ring this process shares (web-server.ts).
    isEnvelope(x.p) ? decryptPii(x.p) : x.p,
  );
  const employers = (await q<{ n: string }>(`select name as n from organizations order by md5(id::text) limit 300`)).map((x) => x.n.split(" ").slice(0, 2).join(" "));
  const caseIds = (await q<{ id: string }>(`select id from cases tablesample system (2) where status <> 'draft' limit 500`)).map((x) => x.id);
  const names = [...new Set(cultures.flatMap((c) => c.last.map((l) => l.slice(0, Math.max(2, Math.ceil(l.length * 0.7))).toLowerCase())))];
  // A passport typed the way people do: lower case, with a space and a dash.
  const typed = (p: string) => `${p.slice(0, 1).toLowerCase()} ${p.slice(1, 5)}-${p.slice(5)}`;
  const at = <T>(xs: T[], i: number) => xs[i % xs.length]!;
  if (!receipts.length || !passports.length || !caseIds.length) throw new Error("the seeded database has no cases to probe");
  return {
    receipt: (i: number) => at(receipts, i * 7 + 1),
    name: (i: number) => at(names, i * 5 + 3),
    passport: (i: number) => typed(at(passports, i * 11 + 2)),
    employer: (i: number) => at(employers, i * 13 + 5),
    caseId: (i: number) => at(caseIds, i * 17 + 3),
  };
}

export async function runHttpBench(o: HttpBenchOptions, cleanup = new Cleanup()): Promise<HttpBenchResult> {
  const log = o.log ?? console.log;
  const seconds = o.seconds ?? 10;
  const graceSeconds = o.graceSeconds ?? 30;
  const concurrency = o.concurrency ?? 50;
  const takers = o.takeNextConcurrency ?? 20;
  try {
    if (o.build !== false) buildApp(log);
    const bench = await createBenchDatabase("http", { cleanup });
    const seed = await seedBench(bench, { cases: o.cases, log });
    printSeed(seed, log);
    const prefix = `toptier-bench-http-${process.pid}-${randomBytes(3).toString("hex")}`;
    cleanup.add(`redis keys ${prefix}:*`, () => deleteRedisPrefix(REDIS_URL, prefix));
    // Start-up encrypts the seeded identity numbers first (about a minute per 200,000 cases here): 1 ms per case more.
    const server = await startBenchServer({ databaseUrl: bench.url, redisUrl: REDIS_URL, queuePrefix: prefix, cleanup, readyTimeoutMs: 90_000 + o.cases });
    log(`server: ready in ${(server.readyMs / 1000).toFixed(1)} s (start-up encrypts the identity numbers the seeder wrote in clear)`);
    const readers = await officerSessions(bench.pool, [...seed.seniors.slice(0, Math.min(10, concurrency)), ...seed.officers.slice(0, Math.max(0, concurrency - 10))], server.sessionSecret);
    const p = await probes(bench);
    const cookie = (w: number) => ({ Cookie: readers[w % readers.length]!.cookie });
    // Every officer page answers 200 with the page itself (never the sign-in or second-factor page).
    const isPage = (_req: LoadRequest, res: { encoding?: string; bytes: number }) => (res.bytes < 200 ? `a ${res.bytes}-byte answer` : null);

    const pages: { name: string; next: (w: number, n: number) => LoadRequest }[] = [
      { name: "GET /login (baseline)", next: () => ({ path: "/login" }) },
      { name: "queue page /officer", next: (w) => ({ path: "/officer", headers: cookie(w) }) },
      { name: "search: receipt", next: (w, n) => ({ path: `/officer/search?q=${encodeURIComponent(p.receipt(w * 1000 + n))}`, headers: cookie(w) }) },
      { name: "search: name part", next: (w, n) => ({ path: `/officer/search?q=${encodeURIComponent(p.name(w * 1000 + n))}`, headers: cookie(w) }) },
      { name: "search: passport", next: (w, n) => ({ path: `/officer/search?q=${encodeURIComponent(p.passport(w * 1000 + n))}`, headers: cookie(w) }) },
      { name: "search: employer", next: (w, n) => ({ path: `/officer/search?q=${encodeURIComponent(p.employer(w * 1000 + n))}`, headers: cookie(w) }) },
      { name: "officer case file", next: (w, n) => ({ path: `/officer/cases/${p.caseId(w * 1000 + n)}`, headers: cookie(w) }) },
    ];
    log(`http: ${o.cases.toLocaleString("en")} cases, ${concurrency} concurrent sessions, ${seconds} s per page (grace ${graceSeconds} s); targets p95 < ${PAGE_P95_TARGET_MS} ms and within ${LOGIN_RATIO_TARGET}x of /login`);
    // One request per page alone first: the page's own latency without load, and a check that it answers at all.
    const single = new http.Agent({ keepAlive: true });
    for (const page of pages) {
      const req = page.next(0, 0);
      const res = await send(single, server.port, req, AbortSignal.timeout(graceSeconds * 1000)).catch((err: Error) => err);
      log(res instanceof Error ? `  alone: ${page.name}: no answer (${res.message})` : `  alone: ${page.name}: ${res.status} in ${ms(res.ms)} (${Math.round(res.bytes / 1024)} KiB${res.encoding ? ` ${res.encoding}` : ""})`);
    }
    single.destroy();
    const figures: HttpBenchResult["pages"] = [];
    let login: LoadFigure | null = null;
    for (const page of pages) {
      const f = await runLoad({ name: page.name, port: server.port, concurrency, seconds, graceSeconds, next: page.next, check: isPage });
      login ??= f;
      const ratio = login.p95 > 0 ? f.p95 / login.p95 : null;
      figures.push({ ...f, ratio });
      log(formatFigure(f, ratio, f === login ? null : PAGE_P95_TARGET_MS));
      if (f.incomplete || f.errors) await explainStall(bench, server.output(), log);
    }

    // Take next: 20 officers claim cases as fast as they can; no case may go to two of them.
    const takerSessions = await officerSessions(bench.pool, seed.officers.slice(concurrency, concurrency + takers), server.sessionSecret);
    const claims: { caseId: string; officerId: string }[] = [];
    const t = await runLoad({
      name: "take next (POST /officer)",
      port: server.port,
      concurrency: takers,
      seconds,
      graceSeconds,
      warmupSeconds: 0,
      next: (w) => ({ method: "POST", path: "/officer?index", body: "intent=take", expect: 302, headers: { Cookie: takerSessions[w]!.cookie } }),
      check: (_req, res, w) => {
        const id = uuidIn(res.location);
        if (!id) return `take next sent the officer to ${res.location ?? "nowhere"}`;
        claims.push({ caseId: id, officerId: takerSessions[w]!.user.id });
        return null;
      },
    });
    const doubleAssignments = claims.length - new Set(claims.map((c) => c.caseId)).size;
    const stored = (
      await bench.pool.query<{ id: string; assigned_officer_id: string | null }>(`select id, assigned_officer_id from cases where id = any($1::uuid[])`, [claims.map((c) => c.caseId)])
    ).rows;
    const assignee = new Map(stored.map((r) => [r.id, r.assigned_officer_id]));
    const wrongAssignee = claims.filter((c) => assignee.get(c.caseId) !== c.officerId).length;
    const takeNext = { ...t, claims: claims.length, doubleAssignments, wrongAssignee };
    log(`${formatFigure(t, login && login.p95 > 0 ? t.p95 / login.p95 : null, TAKE_NEXT_P95_TARGET_MS)}; ${claims.length} claims, ${doubleAssignments} double assignments, ${wrongAssignee} claimed cases not with their claimant`);
    if (t.incomplete || t.errors) await explainStall(bench, server.output(), log);
    return { name: "http", cases: o.cases, seed, pages: figures, takeNext };
  } finally {
    await cleanup.run();
  }
}

/** What the database was doing when a page stalled or failed, and the server's last words. */
async function explainStall(bench: BenchDatabase, output: string, log: (line: string) => void) {
  const rows = (
    await bench.pool.query<{ n: string; state: string; wait: string | null; query: string }>(
      `select count(*) as n, state, wait_event_type || ':' || wait_event as wait, left(regexp_replace(query, '\\s+', ' ', 'g'), 140) as query
       from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() group by 2, 3, 4 order by 1 desc limit 8`,
    )
  ).rows;
  for (const r of rows) log(`      db: ${r.n} ${r.state}${r.wait ? ` (${r.wait})` : ""}: ${r.query}`);
  const errors = output.split("\n").filter((l) => /error|fail/i.test(l)).slice(-5);
  for (const l of errors) log(`      server: ${l.slice(0, 300)}`);
}

export function formatFigure(f: LoadFigure, ratio: number | null, targetMs: number | null): string {
  const verdict = targetMs === null ? "" : f.p95 < targetMs && !f.p95Open && (ratio === null || ratio <= LOGIN_RATIO_TARGET || targetMs === TAKE_NEXT_P95_TARGET_MS) ? " [target met]" : " [target missed]";
  const failed = f.errors ? `; ${f.errors} errors (${f.firstError})` : "";
  const open = f.incomplete ? `; ${f.incomplete} unanswered at the end` : "";
  const r = ratio === null ? "" : `; ${ratio.toFixed(1)}x /login`;
  return `  ${f.name.padEnd(28)} p50 ${ms(f.p50, f.p50Open).padStart(9)}  p95 ${ms(f.p95, f.p95Open).padStart(9)}  ${f.rps.toFixed(1).padStart(7)} req/s  (${f.ok} answered, ${Math.round(f.bytes / 1024)} KiB each${r}${open}${failed})${verdict}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  const flag = (name: string) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const n = Number(args.find((a) => /^\d+$/.test(a)) ?? 100_000);
  await runHttpBench({ cases: n, seconds: Number(flag("--seconds") ?? 10), graceSeconds: Number(flag("--grace") ?? 30), build: !args.includes("--no-build") });
}
