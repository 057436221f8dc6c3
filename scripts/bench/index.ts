/**
 * `npm run bench`: every benchmark, printing figures and ratios against the
 * targets. Targets live here, never as timed assertions in tests; measured
 * figures are recorded in docs/PERFORMANCE.md.
 *
 *   npm run bench                            all of them; the HTTP and pipeline runs at 100,000 and 1,000,000 cases
 *   npm run bench -- --cases 10000           one size (re-screening, officer, HTTP and pipeline runs)
 *   npm run bench -- --only http,pipeline    some of them (eligibility, rescreen, officer, audit, http, pipeline)
 *   npm run bench -- --seconds 5             measured seconds per page in the HTTP run (default 10)
 *   npm run bench -- --burst 200             confirmations in the pipeline burst (default 500)
 *   npm run bench -- --only audit            audit appends from 10 and 50 connections (issue 16)
 */
import { runEligibilityBench } from "./eligibility";
import { runRescreenBench } from "./rescreen";

const args = process.argv.slice(2);
const flag = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const all = ["eligibility", "rescreen", "officer", "audit", "http", "pipeline"] as const;
const only = flag("--only")?.split(",").map((s) => s.trim()) ?? [...all];
const unknown = only.filter((o) => !(all as readonly string[]).includes(o));
if (unknown.length) {
  console.error(`unknown benchmark ${unknown.join(", ")}: choose among ${all.join(", ")}`);
  process.exit(2);
}
const one = flag("--cases");
if (one !== undefined && !/^\d+$/.test(one)) {
  console.error("--cases takes a whole number of cases, e.g. --cases 100000");
  process.exit(2);
}
const sizes = one ? [Number(one)] : [100_000, 1_000_000];
const small = one ? Number(one) : 100_000;
const seconds = Number(flag("--seconds") ?? 10);
const burst = Number(flag("--burst") ?? 500);
const runs = (name: (typeof all)[number]) => only.includes(name);

if (runs("eligibility")) {
  const e = runEligibilityBench({ count: 20_000, rounds: 3 });
  console.log(
    `eligibility: ${Math.round(e.perSecond).toLocaleString("en")} dossiers/s on one core (median of ${e.rounds} rounds of ${e.dossiers.toLocaleString("en")}; best ${Math.round(e.bestPerSecond).toLocaleString("en")}/s); target ${e.target.toLocaleString("en")}/s; ratio ${e.ratio.toFixed(2)}`,
  );
}
if (runs("rescreen")) {
  const r = await runRescreenBench(small);
  console.log(
    `rescreen: ${r.cases.toLocaleString("en")} open cases re-screened through outbox, BullMQ and the worker in ${r.seconds.toFixed(1)} s (${Math.round(r.casesPerSecond).toLocaleString("en")} cases/s; seeding ${r.seedSeconds.toFixed(1)} s)`,
  );
}
if (runs("officer")) await (await import("./officer")).runOfficerBench(small);
// Audit appends from 10 and 50 concurrent connections (issue 16).
if (runs("audit")) await (await import("./audit")).runAuditBench();
if (runs("http")) {
  const { runHttpBench } = await import("./http");
  const { buildApp } = await import("./web-server");
  buildApp();
  for (const n of sizes) await runHttpBench({ cases: n, seconds, build: false });
}
if (runs("pipeline")) {
  const { runPipelineBench } = await import("./pipeline");
  for (const n of sizes) await runPipelineBench({ cases: n, burst });
}
// A worker that would not stop in time keeps Redis connections open: the runs are over all the same.
process.exit(0);
