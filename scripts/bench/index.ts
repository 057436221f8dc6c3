/**
 * `npm run bench`: every benchmark, printing figures and ratios against the
 * targets. Targets live here, never as timed assertions in tests; measured
 * figures are recorded in docs/PERFORMANCE.md.
 *
 *   npm run bench                     eligibility throughput + re-screening of 100,000 cases
 *   npm run bench -- --cases 10000    a smaller re-screening run
 *   npm run bench -- --only audit     only the audit append benchmark (issue 16)
 */
import { runEligibilityBench } from "./eligibility";
import { runRescreenBench } from "./rescreen";

const args = process.argv.slice(2);
const casesAt = args.indexOf("--cases");
const cases = casesAt >= 0 ? Number(args[casesAt + 1]) : 100_000;
const onlyAt = args.indexOf("--only");
const only = onlyAt >= 0 ? args[onlyAt + 1] : undefined;

if (only === "audit") {
  await (await import("./audit")).runAuditBench();
  process.exit(0);
}

const e = runEligibilityBench({ count: 20_000, rounds: 3 });
console.log(
  `eligibility: ${Math.round(e.perSecond).toLocaleString("en")} dossiers/s on one core (median of ${e.rounds} rounds of ${e.dossiers.toLocaleString("en")}; best ${Math.round(e.bestPerSecond).toLocaleString("en")}/s); target ${e.target.toLocaleString("en")}/s; ratio ${e.ratio.toFixed(2)}`,
);
const r = await runRescreenBench(cases);
console.log(
  `rescreen: ${r.cases.toLocaleString("en")} open cases re-screened through outbox, BullMQ and the worker in ${r.seconds.toFixed(1)} s (${Math.round(r.casesPerSecond).toLocaleString("en")} cases/s; seeding ${r.seedSeconds.toFixed(1)} s)`,
);
await (await import("./officer")).runOfficerBench(cases);
// Audit appends from 10 and 50 concurrent connections (issue 16).
await (await import("./audit")).runAuditBench();
