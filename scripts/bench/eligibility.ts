/**
 * Throughput of the eligibility engine on one core.
 *
 *   npm run -s bench:eligibility -- [count] [--rounds N] [--json]
 *
 * Generates `count` varied dossiers from a fixed seed (known and unknown
 * institutions and companies, overlapping and open-ended jobs, offers around
 * the 3x/4x GNI thresholds), runs each through `evaluate` (main rule set plus
 * its alternatives), and reports dossiers per second against the target.
 */
import { pathToFileURL } from "node:url";
import { evaluate, type EligibilityInput } from "../../models/eligibility/index";

export const ELIGIBILITY_TARGET_PER_SECOND = 10_000;

export interface EligibilityBenchResult {
  name: "eligibility";
  dossiers: number;
  rounds: number;
  /** median round */
  seconds: number;
  perSecond: number;
  bestPerSecond: number;
  target: number;
  /** perSecond / target: >= 1 meets the target */
  ratio: number;
  outcomes: Record<string, number>;
}

/** Small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const UNIS = ["Seoul National University", "KAIST", "Yonsei University", "Korea Univ.", "POSTECH", "MIT", "University of Oxford", "Hanbit University", "Technische Universität München", "Unknown State College"];
const ORGS: [string, EligibilityInput["experience"][number]["kind"]][] = [
  ["Samsung Electronics Co., Ltd.", "company"],
  ["Hyundai Motor Company", "company"],
  ["Kia Corp.", "company"],
  ["TSMC", "company"],
  ["Small Startup Ltd", "company"],
  ["Max Planck Institute for Intelligent Systems", "research_institute"],
  ["RIKEN", "research_institute"],
  ["Regional Lab", "research_institute"],
  ["KAIST", "university"],
  ["Freelance", "other"],
];
const INDUSTRIES = ["semiconductors", "ai", "bio", "displays", "retail", "quantum"];
const FIELDS = ["Computer Science", "Business Administration", "Materials Science", "Design", "Physics"];
const LEVELS = ["phd", "master", "bachelor", "associate"] as const;

function iso(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** `count` deterministic, varied, valid dossiers. */
export function generateDossiers(count: number, seed = 42): EligibilityInput[] {
  const r = rng(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const out: EligibilityInput[] = [];
  for (let i = 0; i < count; i++) {
    const degrees = Array.from({ length: int(0, 2) }, () => ({
      level: pick(LEVELS),
      field: pick(FIELDS),
      institution: pick(UNIS),
      awarded: iso(int(2000, 2022), int(1, 12), int(1, 28)),
    }));
    const experience = Array.from({ length: int(0, 4) }, () => {
      const [organization, kind] = pick(ORGS);
      const sy = int(2000, 2022);
      const open = r() < 0.3;
      return {
        organization,
        kind,
        postdoc: kind !== "company" && r() < 0.5,
        start: iso(sy, int(1, 12), int(1, 28)),
        end: open ? null : iso(Math.min(2025, sy + int(0, 6)), 12, 31),
      };
    });
    const salary = pick([39_964_000, 62_000_000, 149_864_999, 149_865_000, 180_000_000, 199_820_000, 250_000_000]);
    out.push({
      asOf: "2025-06-01",
      birthDate: iso(int(1960, 2003), int(1, 12), int(1, 28)),
      degrees,
      experience,
      offer: r() < 0.15 ? null : { employer: "Bench Corp", industry: pick(INDUSTRIES), annualSalaryKrw: salary },
      ...(r() < 0.8 ? { koreanLevel: int(0, 6) } : {}),
    });
  }
  return out;
}

/**
 * Run the benchmark (after a warm-up) and return the figures; does not print.
 * The dossiers are evaluated `rounds` times; perSecond is the median round
 * (bestPerSecond the fastest), which keeps a noisy shared machine from
 * deciding the figure.
 */
export function runEligibilityBench(options: { count?: number; seed?: number; rounds?: number } = {}): EligibilityBenchResult {
  const count = options.count ?? 20_000;
  const rounds = Math.max(1, options.rounds ?? 3);
  const dossiers = generateDossiers(count, options.seed ?? 42);
  for (const d of dossiers.slice(0, Math.min(2000, count))) evaluate(d); // warm-up (JIT, caches)
  const outcomes: Record<string, number> = {};
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const t0 = process.hrtime.bigint();
    for (const d of dossiers) {
      const res = evaluate(d);
      if (round === 0) outcomes[res.outcome] = (outcomes[res.outcome] ?? 0) + 1;
    }
    times.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const seconds = sorted[Math.floor((sorted.length - 1) / 2)]!;
  const perSecond = count / seconds;
  return {
    name: "eligibility",
    dossiers: count,
    rounds,
    seconds,
    perSecond,
    bestPerSecond: count / sorted[0]!,
    target: ELIGIBILITY_TARGET_PER_SECOND,
    ratio: perSecond / ELIGIBILITY_TARGET_PER_SECOND,
    outcomes,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const roundsAt = args.indexOf("--rounds");
  const rounds = roundsAt >= 0 ? Number(args[roundsAt + 1]) : 3;
  const count = Number(args.find((a, i) => /^\d+$/.test(a) && args[i - 1] !== "--rounds") ?? 20_000);
  const res = runEligibilityBench({ count, rounds });
  if (args.includes("--json")) console.log(JSON.stringify(res));
  else {
    console.log(`eligibility: ${res.dossiers} dossiers x ${res.rounds} rounds on one core; median round ${res.seconds.toFixed(3)} s`);
    console.log(
      `  ${Math.round(res.perSecond).toLocaleString("en-US")} dossiers/s (best round ${Math.round(res.bestPerSecond).toLocaleString("en-US")}/s); target ${res.target.toLocaleString("en-US")}/s; ratio ${res.ratio.toFixed(2)}x`,
    );
    console.log(`  outcomes: ${JSON.stringify(res.outcomes)}`);
  }
}
