/**
 * The national-scale seeder of the benchmarks (issues 10 and 16): N cases (up to
 * millions) in a fresh PostgreSQL database of its own, written by set-based SQL
 * (`INSERT ... SELECT ... FROM generate_series`), never row by row.
 *
 * What it writes, deterministically for a given N (hashes of the row number, no
 * randomness): a few thousand organisations with an administrator each, one
 * applicant per case (4% of applicants applied twice, with the same passport),
 * names in many scripts (Latin with diacritics, Hangul, Han, kana, Cyrillic,
 * Arabic, Greek, Devanagari, Thai), passports, every stage of the lifecycle with
 * a realistic spread, screening results made by the real engine, risk flags,
 * SLA clocks, decisions, the timeline events of each case's path through the
 * lifecycle, documents (with some replaced versions) and requests for evidence;
 * then officers and senior officers with TOTP set up, and ANALYZE.
 *
 * To seed a new column of `cases`, add one entry to `caseColumns` below: an SQL
 * expression over the row's drawn values (`g.*`, see `caseDraws`).
 *
 *   npx tsx scripts/bench/seed.ts [cases] [--keep]     seed, print the time, drop (or keep) the database
 */
import { createHash, randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { hashPassword, newToken, SESSION_TTL_MS } from "../../models/auth";
import { openDatabase, type DatabaseHandle } from "../../models/platform/db";
import type { Cleanup } from "./cleanup";
import { loadPolicy } from "../../models/policy";
import { validDossier } from "../../models/seed";
import { screenDossier } from "../../models/screening";
import { dossierSchema } from "../../models/dossier";
import type { CaseStatus } from "../../models/lifecycle";
import { slaDueAtSqlText, slaTargets, targetHoursFor } from "../../models/sla";
import { passportIndexSqlText } from "../../models/case/passport-index";

export const PG_ADMIN = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
/** The password of every seeded account (never used by the HTTP runs: they get sessions directly). */
export const BENCH_PASSWORD = "bench-password-2026";
/** The TOTP secret of every seeded officer. */
export const BENCH_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

// ---------------------------------------------------------------------------------------------
// The bench's own database.

export interface BenchDatabase {
  name: string;
  url: string;
  handle: DatabaseHandle;
  /** A plain pool for the seeder's set-based SQL and the checks. */
  pool: pg.Pool;
  drop(): Promise<void>;
}

const dbUrl = (name: string) => PG_ADMIN.replace(/\/[^/]*$/, `/${name}`);

/** A fresh database (`toptier_bench_<label>_<pid>_<random>`), migrated with the project's migrator. */
export async function createBenchDatabase(label: string, opts: { max?: number; cleanup?: Cleanup } = {}): Promise<BenchDatabase> {
  const name = `toptier_bench_${label}_${process.pid}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = dbUrl(name);
  let handle: DatabaseHandle | undefined;
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on("error", () => undefined);
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await pool.end().catch(() => undefined);
    await handle?.close().catch(() => undefined);
    await dropDatabase(name);
  };
  // Registered before migrating: a Ctrl-C during the migration still drops the database.
  opts.cleanup?.add(`database ${name}`, () => drop());
  try {
    handle = await openDatabase({ kind: "postgres", url, max: opts.max ?? 8 });
    await handle.migrate();
  } catch (err) {
    await drop();
    throw err;
  }
  return { name, url, handle, pool, drop };
}

/** Drop one bench database by name (only names this module makes). */
export async function dropDatabase(name: string) {
  if (!/^toptier_bench_[a-z0-9_]+$/.test(name)) throw new Error(`not a bench database: ${name}`);
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
}

// ---------------------------------------------------------------------------------------------
// Reference data the rows draw from.

interface Culture {
  nationality: string;
  passportPrefix: string;
  first: string[];
  last: string[];
  /** Family name first, no space (Korean, Chinese in characters); otherwise "first last". */
  order: "first-last" | "last-first-joined" | "last-first";
  /** Share of applicants, in percent. */
  share: number;
}

export const cultures: Culture[] = [
  { nationality: "India", passportPrefix: "Z", order: "first-last", share: 14, first: ["Priya", "Arjun", "Ravi", "Ananya", "Vikram", "Deepika", "Rahul", "Sneha", "Karthik", "Lakshmi"], last: ["Sharma", "Patel", "Iyer", "Banerjee", "Reddy", "Nair", "Gupta", "Chatterjee", "Rao", "Menon"] },
  { nationality: "India", passportPrefix: "Y", order: "first-last", share: 2, first: ["प्रिया", "अर्जुन", "रवि", "अनन्या", "विक्रम"], last: ["शर्मा", "पटेल", "गुप्ता", "वर्मा", "सिंह"] },
  { nationality: "China", passportPrefix: "E", order: "last-first-joined", share: 8, first: ["伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "杰"], last: ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴"] },
  { nationality: "China", passportPrefix: "G", order: "last-first", share: 6, first: ["Wei", "Fang", "Na", "Min", "Jing", "Lei", "Yang", "Yan", "Yong", "Jie"], last: ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Zhou", "Wu"] },
  { nationality: "Japan", passportPrefix: "T", order: "last-first", share: 6, first: ["健", "翔太", "さくら", "陽菜", "大輔", "美咲", "拓海", "結衣"], last: ["佐藤", "鈴木", "高橋", "田中", "渡辺", "伊藤", "山本", "中村"] },
  { nationality: "United States", passportPrefix: "K", order: "last-first-joined", share: 4, first: ["민지", "서연", "지호", "현우", "수빈", "동현", "하나", "재원"], last: ["김", "이", "박", "최", "정", "강", "조", "윤"] },
  { nationality: "United States", passportPrefix: "A", order: "first-last", share: 12, first: ["Ada", "Liam", "Noah", "Grace", "Emily", "James", "Olivia", "Ethan", "Sarah", "Michael", "Hannah", "Daniel"], last: ["Smith", "Johnson", "O'Brien", "Walsh", "Miller", "Davis", "Anderson", "Thompson", "Park", "Kim", "Lee", "Nguyen"] },
  { nationality: "Germany", passportPrefix: "C", order: "first-last", share: 5, first: ["Jürgen", "Lena", "Felix", "Anna-Lena", "Matthias", "Sophie", "Jörg", "Käthe"], last: ["Müller", "Schäfer", "Fischer", "Weiß", "Groß", "Köhler", "Schröder", "Becker"] },
  { nationality: "France", passportPrefix: "F", order: "first-last", share: 4, first: ["Élodie", "François", "Chloé", "Stéphane", "Hélène", "Jérôme", "Zoé", "Noël"], last: ["Dubois", "Lefèvre", "Moreau", "Girard", "Bérenger", "Rousseau", "Fournier", "Lemaître"] },
  { nationality: "Spain", passportPrefix: "P", order: "first-last", share: 4, first: ["Lucía", "Tomás", "José María", "Begoña", "Íñigo", "Mateo", "Sofía", "Álvaro"], last: ["García", "Fernández", "Núñez", "Martínez", "Muñoz", "Ortega", "Jiménez", "Peña"] },
  { nationality: "Poland", passportPrefix: "B", order: "first-last", share: 3, first: ["Łukasz", "Agnieszka", "Paweł", "Małgorzata", "Wojciech", "Zofia"], last: ["Kowalski", "Wiśniewska", "Wójcik", "Kamiński", "Lewandowska", "Zieliński"] },
  { nationality: "Russia", passportPrefix: "R", order: "first-last", share: 5, first: ["Ольга", "Иван", "Наталья", "Дмитрий", "Екатерина", "Сергей", "Анна", "Алексей"], last: ["Иванова", "Петров", "Смирнова", "Кузнецов", "Попова", "Соколов", "Лебедева", "Новиков"] },
  { nationality: "Vietnam", passportPrefix: "N", order: "last-first", share: 6, first: ["Văn An", "Thị Hương", "Minh Tuấn", "Thu Trang", "Quốc Bảo", "Ngọc Lan"], last: ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ"] },
  { nationality: "Egypt", passportPrefix: "H", order: "first-last", share: 3, first: ["فاطمة", "محمد", "ليلى", "عمر", "نادية", "يوسف"], last: ["حداد", "منصور", "عبد الله", "السيد", "حسن", "خليل"] },
  { nationality: "Nigeria", passportPrefix: "D", order: "first-last", share: 4, first: ["Chinedu", "Amara", "Oluwaseun", "Ngozi", "Kwame", "Folake"], last: ["Okafor", "Adeyemi", "Okonkwo", "Eze", "Balogun", "Mensah"] },
  { nationality: "Greece", passportPrefix: "S", order: "first-last", share: 2, first: ["Νίκος", "Μαρία", "Γιώργος", "Ελένη", "Δημήτρης"], last: ["Παπαδόπουλος", "Παπαδοπούλου", "Οικονόμου", "Γεωργίου", "Νικολάου"] },
  { nationality: "Thailand", passportPrefix: "U", order: "first-last", share: 2, first: ["สมชาย", "สมหญิง", "ประเสริฐ", "วิไล", "อนุชา"], last: ["ใจดี", "ศรีสุข", "แสงทอง", "วงศ์ใหญ่", "บุญมา"] },
  { nationality: "Canada", passportPrefix: "M", order: "first-last", share: 5, first: ["Olivia", "Mathieu", "Aiko", "Chen", "Ingrid", "Ravi", "Leila", "Omar"], last: ["Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "MacDonald", "Singh", "Wong"] },
  { nationality: "Brazil", passportPrefix: "W", order: "first-last", share: 5, first: ["João", "Ana Luísa", "Gonçalo", "Conceição", "Thiago", "Beatriz"], last: ["Silva", "Santos", "Conceição", "Araújo", "Gonçalves", "Magalhães"] },
];

const orgPlaces = ["Hanbit", "Pangyo", "Daejeon", "Songdo", "Gangnam", "Mapo", "Busan", "Incheon", "Suwon", "Gwangju", "Ulsan", "Jeju", "Sejong", "Cheongju", "Jeonju", "Andong", "Pohang", "Gimhae", "Yeosu", "Chuncheon", "Mirae", "Saebyeok", "Haneul", "Baram", "Nuri", "Gaon", "Areum", "Dasom", "Bitgoeul", "Seoul", "Daegu", "Changwon", "Hwaseong", "Yongin", "Anyang", "Goyang", "Asan", "Gumi", "Wonju", "Gangneung"];
const orgKinds = ["Robotics", "Quantum Labs", "Semiconductor", "Biologics", "AI Research", "Battery Systems", "Mobility", "Photonics", "Materials", "Software", "Display", "Aerospace", "Defence Systems", "Genomics", "Vision AI", "Chip Design", "Energy", "Therapeutics", "Precision", "Data", "Machine Intelligence", "Nano", "Microsystems", "Devices", "Networks"];
const orgSuffixes = ["Co., Ltd.", "Inc.", "Korea"];
const industries = ["ai", "semiconductors", "bio", "secondary_batteries", "displays", "robotics", "aerospace", "defence"];
const institutions = ["KAIST", "Seoul National University", "POSTECH", "Yonsei University", "Korea University", "University of Toronto", "ETH Zurich", "Tsinghua University", "University of Tokyo", "Technical University of Munich", "Indian Institute of Science", "Unknown Institute of Technology", "Massachusetts Institute of Technology", "University of Cambridge"];
const fields = ["Computer Science", "Electrical Engineering", "Materials Science", "Bioengineering", "Physics", "Chemistry", "Mechanical Engineering", "Mathematics"];
const previousEmployers = ["Samsung Electronics", "Hyundai Motor", "KAIST AI Institute", "Max Planck Institute", "Google", "Siemens", "RIKEN", "Baidu", "Infosys", "NVIDIA", "Unknown Startup"];
const jobTitles = ["Research scientist", "Principal engineer", "Senior researcher", "Staff machine learning engineer", "Lead process engineer", "Postdoctoral fellow"];

/** Stages and their share of the table, per mille (drafts included: officers never see them). */
export const stageShares: [string, number][] = [
  ["draft", 50],
  ["submitted", 20],
  ["awaiting_sponsor", 50],
  ["screening", 20],
  ["in_review", 300],
  ["evidence_requested", 50],
  ["evidence_received", 30],
  ["decision_pending", 80],
  ["approved", 250],
  ["refused", 100],
  ["withdrawn", 50],
];

/** Each stage's path through the lifecycle (the timeline events a case in it has). */
const paths: Record<string, [action: string, from: string, to: string][]> = (() => {
  const submit: [string, string, string][] = [["submit", "draft", "submitted"]];
  const sponsor: [string, string, string][] = [...submit, ["await_sponsor", "submitted", "awaiting_sponsor"]];
  const screening: [string, string, string][] = [...sponsor, ["confirm_sponsorship", "awaiting_sponsor", "screening"]];
  const review: [string, string, string][] = [...screening, ["complete_screening", "screening", "in_review"]];
  const requested: [string, string, string][] = [...review, ["request_evidence", "in_review", "evidence_requested"]];
  const received: [string, string, string][] = [...requested, ["answer_evidence", "evidence_requested", "evidence_received"]];
  const pending: [string, string, string][] = [...review, ["propose_decision", "in_review", "decision_pending"]];
  return {
    draft: [],
    submitted: submit,
    awaiting_sponsor: sponsor,
    screening,
    in_review: review,
    evidence_requested: requested,
    evidence_received: received,
    decision_pending: pending,
    approved: [...pending, ["approve", "decision_pending", "approved"]],
    refused: [...pending, ["refuse", "decision_pending", "refused"]],
    withdrawn: [...sponsor, ["withdraw", "awaiting_sponsor", "withdrawn"]],
  };
})();

// ---------------------------------------------------------------------------------------------
// SQL helpers.

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const arr = (xs: readonly string[]) => `array[${xs.map(lit).join(",")}]::text[]`;
/** A deterministic draw in [0, 2^32) for row value `x` and salt `k`. */
const h = (x: string, k: number) => `(hashint8((${x})::bigint * 64 + ${k})::bigint + 2147483648)`;
/** A deterministic uniform draw in [0, 1). */
const u = (x: string, k: number) => `(${h(x, k)}::float8 / 4294967296.0)`;
/** Pick from a text array by a draw. */
const pick = (xs: readonly string[], x: string, k: number) => `(${arr(xs)})[1 + (${h(x, k)} % ${xs.length})]`;
/** Deterministic ids, so that rows can refer to each other without a join. */
const idOf = (kind: string, x: string) => `md5('bench-${kind}-' || (${x}))::uuid`;

const queueStages = ["in_review", "evidence_received", "decision_pending"];
const screenedStages = ["in_review", "evidence_requested", "evidence_received", "decision_pending", "approved", "refused"];
const inList = (xs: readonly string[]) => xs.map(lit).join(",");

export interface SeedOptions {
  cases: number;
  /** Sponsoring organisations (default 3,000, each with one administrator). */
  organizations?: number;
  /** Officers and senior officers (default 200 and 20). */
  officers?: number;
  seniors?: number;
  /** Rows per INSERT of cases (default 100,000). */
  batch?: number;
  log?: (line: string) => void;
}

export interface SeededStaff {
  id: string;
  email: string;
  role: "officer" | "senior_officer";
}

export interface SeedResult {
  cases: number;
  seconds: number;
  /** Seconds per part (cases, events, documents, ...), for the report. */
  parts: Record<string, number>;
  rows: Record<string, number>;
  officers: SeededStaff[];
  seniors: SeededStaff[];
  /** Ids of the generated organisations' administrators, by organisation number (1-based). */
  orgAdminId: (k: number) => string;
  orgId: (k: number) => string;
}

/** The deterministic id of organisation k, of its administrator and of applicant a (as the SQL makes them). */
const md5uuid = (s: string) => {
  const x = createHash("md5").update(s).digest("hex");
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
};

/**
 * The values drawn for case number `i` (and its applicant `a`), from which every
 * column is made: one SELECT over generate_series, so columns stay consistent
 * with each other (the stage decides the dates, the screening, the assignee...).
 */
function caseDraws(o: { from: number; to: number; applicants: number; orgs: number }) {
  const cultureBuckets: string[] = [];
  let acc = 0;
  cultures.forEach((c, idx) => {
    acc += c.share;
    cultureBuckets.push(`when ${h("a", 1)} % 100 < ${acc} then ${idx + 1}`);
  });
  let stageAcc = 0;
  const stageCase = stageShares
    .map(([s, share]) => {
      stageAcc += share;
      return `when ${h("i", 2)} % 1000 < ${stageAcc} then ${lit(s)}`;
    })
    .join(" ");
  const nameByCulture = cultures
    .map((c, idx) => {
      const f = pick(c.first, "a", 3);
      const l = pick(c.last, "a", 4);
      const full = c.order === "first-last" ? `${f} || ' ' || ${l}` : c.order === "last-first" ? `${l} || ' ' || ${f}` : `${l} || ${f}`;
      return `when ${idx + 1} then ${full}`;
    })
    .join(" ");
  const nat = `(${arr(cultures.map((c) => c.nationality))})[culture]`;
  const prefix = `(${arr(cultures.map((c) => c.passportPrefix))})[culture]`;
  const clockOf = (x: string) => `case ${x} ${["screening", "in_review", "evidence_requested", "evidence_received", "decision_pending"]
    .map((s) => `when ${lit(s)} then ${Math.round((targetHoursFor(s as CaseStatus) ?? 0) * 3_600_000)}`)
    .join(" ")} end`;
  return `
    select s3.*,
      case when target_ms is null then 'ok'
           when elapsed_ms >= target_ms then 'overdue'
           when elapsed_ms >= ${slaTargets.atRiskShare} * target_ms then 'at_risk' else 'ok' end as sla_state
    from (
      select s2.*,
        ${clockOf("status")} as target_ms,
        case when status = 'evidence_requested' then extract(epoch from sla_paused_at - sla_started_at) * 1000 - sla_paused_ms
             else extract(epoch from $1::timestamptz - sla_started_at) * 1000 - sla_paused_ms end as elapsed_ms
      from (
        select s1.*,
          case when status in ('screening', 'in_review', 'decision_pending') then status_changed_at
               when status in ('evidence_requested', 'evidence_received') then greatest(submitted_at, status_changed_at - clock_gap) end as sla_started_at,
          case when status = 'evidence_received' then (extract(epoch from least(clock_gap, status_changed_at - submitted_at)) * 500)::bigint else 0 end as sla_paused_ms,
          case when status = 'evidence_requested' then status_changed_at end as sla_paused_at
        from (
          select s0.*,
            ${idOf("case", "i")} as id,
            ${idOf("applicant", "a")} as applicant_id,
            ${idOf("org", "org")} as organization_id,
            ${idOf("admin", "org")} as admin_id,
            -- 0.4% of applicants travel in pairs on one passport number (a risk flag): applicants 500k+1 and 500k+2.
            case when fraud then 'X' || lpad(((a - 1) / 500)::text, 8, '0') else ${prefix} || lpad(a::text, 8, '0') end as passport,
            make_date(1965 + (${h("a", 5)} % 31)::int, 1 + (${h("a", 6)} % 12)::int, 1 + (${h("a", 7)} % 28)::int) as birth_date,
            case when status = 'draft' then $1::timestamptz - interval '1 day' * (${h("i", 8)} % 60)
                 -- Screening takes minutes: the cases in it arrived within the last hour.
                 when status = 'screening' then greatest(submitted_at, $1::timestamptz - interval '1 second' * (${h("i", 9)} % 3600))
                 when status in ('approved', 'refused', 'withdrawn') then submitted_at + ($1::timestamptz - submitted_at) * ${u("i", 9)}
                 -- Open cases moved to their stage within the last 20 days.
                 else greatest(submitted_at, $1::timestamptz - interval '1 minute' * (${h("i", 9)} % 28800)) end as status_changed_at,
            interval '1 minute' * (${h("i", 39)} % 7200) as clock_gap,
            ${h("i", 10)} as r
          from (
            select i, a, culture, status, org, fraud,
              case culture ${nameByCulture} end as full_name,
              ${nat} as nationality,
              case when status = 'draft' then null
                   when status in ('approved', 'refused', 'withdrawn') then $1::timestamptz - interval '1 minute' * (43200 + ${h("i", 11)} % 1000000)
                   else $1::timestamptz - interval '1 minute' * (${h("i", 11)} % 172800) end as submitted_at
            from (
              select i, a,
                case ${cultureBuckets.join(" ")} else 1 end as culture,
                case ${stageCase} else 'approved' end as status,
                -- Big employers sponsor many cases: organisation numbers skewed towards 1.
                1 + floor(${o.orgs} * power(${u("a", 12)}, 2))::int as org,
                (a - 1) % 500 < 2 as fraud
              from (select i, 1 + (i - 1) % ${o.applicants} as a from generate_series(${o.from}, ${o.to}) as i offset 0) q
            offset 0) s
          offset 0) s0
        offset 0) s1
      offset 0) s2
    offset 0) s3`;
}

/**
 * Every column of a seeded case, as an SQL expression over the draws (`g`), with
 * $1 the seeding moment, $2 the officers' ids (uuid[]), $3 the screening results
 * (jsonb[]). To seed a new column, add it here.
 */
export function caseColumns(o: { officers: number; assignPpm: number; screenings: number }): Record<string, string> {
  const inQueue = `g.status in (${inList(queueStages)})`;
  const screened = `g.status in (${inList(screenedStages)})`;
  const decided = `g.status in ('decision_pending', 'approved', 'refused')`;
  const officer = (k: number) => `($2::uuid[])[1 + (${h("g.i", k)} % ${o.officers})]`;
  const year = "extract(year from g.submitted_at at time zone 'UTC')::int";
  const salary = `(120000000 + (${h("g.i", 20)} % 120) * 1000000)`;
  const industry = pick(industries, "g.org", 21);
  const jobTitle = pick(jobTitles, "g.i", 22);
  const startDate = `to_char($1::timestamptz + interval '1 day' * (30 + ${h("g.i", 23)} % 200), 'YYYY-MM-DD')`;
  const awarded = `make_date(extract(year from g.birth_date)::int + 24 + (${h("g.a", 24)} % 6)::int, 2, 20)`;
  // Issue 12: list entries carry stable ids (a letter and 11 hex digits here, derived from the case id), as the wizard stores them.
  const entryId = (list: string) => `'b' || substr(md5(g.id::text || ':${list}'), 1, 11)`;
  const dossier = `jsonb_build_object(
      'personal', jsonb_build_object('fullName', g.full_name, 'nationality', g.nationality, 'birthDate', to_char(g.birth_date, 'YYYY-MM-DD'),
        'countryOfBirth', g.nationality, 'passportNumber', g.passport, 'passportCountry', g.nationality,
        'passportIssued', '2022-01-10', 'passportExpires', to_char($1::timestamptz + interval '1 year' * (2 + ${h("g.a", 25)} % 7), 'YYYY-MM-DD')),
      'education', jsonb_build_array(jsonb_build_object('id', ${entryId("education:0")}, 'level', case when ${h("g.a", 26)} % 3 = 0 then 'master' else 'phd' end,
        'field', ${pick(fields, "g.a", 27)}, 'institution', ${pick(institutions, "g.a", 28)}, 'country', 'Korea', 'awarded', to_char(${awarded}, 'YYYY-MM-DD'))),
      'work', jsonb_build_array(jsonb_build_object('id', ${entryId("work:0")}, 'employer', ${pick(previousEmployers, "g.a", 29)}, 'kind', case when ${h("g.a", 30)} % 2 = 0 then 'company' else 'research_institute' end,
        'title', 'Researcher', 'country', 'Korea', 'start', to_char(${awarded} + interval '6 months', 'YYYY-MM-DD'), 'current', true, 'postdoc', ${h("g.a", 30)} % 2 = 1)),
      'achievements', jsonb_build_object('publications', case when ${h("g.a", 31)} % 2 = 0 then jsonb_build_array(jsonb_build_object('id', ${entryId("publications:0")}, 'title', 'Scaling laws for ' || ${pick(fields, "g.a", 32)}, 'venue', 'NeurIPS', 'year', 2022)) else '[]'::jsonb end,
        'patents', '[]'::jsonb, 'awards', '[]'::jsonb),
      'offer', jsonb_build_object('hasOffer', 'yes', 'organizationId', g.organization_id, 'jobTitle', ${jobTitle}, 'industry', ${industry}, 'annualSalaryKrw', ${salary}, 'startDate', ${startDate}),
      'dependants', case when ${h("g.a", 33)} % 4 = 0 then jsonb_build_array(jsonb_build_object('id', ${entryId("dependants:0")}, 'relation', 'spouse', 'fullName', 'Spouse of ' || g.full_name, 'birthDate', '1990-05-05', 'nationality', g.nationality, 'passportNumber', 'S' || lpad(g.a::text, 8, '0'))) else '[]'::jsonb end)`;
  const flagAt = `to_char(g.submitted_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
  return {
    id: "g.id",
    applicant_id: "g.applicant_id",
    organization_id: "g.organization_id",
    status: "g.status::case_status",
    receipt_number: `case when g.status = 'draft' then null else 'TT-' || ${year} || '-' || lpad(g.i::text, greatest(6, length(g.i::text)), '0') end`,
    dossier,
    screening: `case when ${screened} then jsonb_set(($3::jsonb[])[1 + (${h("g.i", 34)} % ${o.screenings})], '{screenedAt}', to_jsonb(${flagAt})) end`,
    decision: `case when ${decided} then jsonb_build_object('outcome', case when g.status = 'refused' or (g.status = 'decision_pending' and g.r % 4 = 0) then 'refuse' else 'approve' end,
        'reasons', 'The applicant meets the Top-Tier requirements on the evidence provided.', 'proposedBy', ${officer(35)}, 'proposedAt', ${flagAt})
        || case when g.status in ('approved', 'refused') then jsonb_build_object('confirmedBy', ($2::uuid[])[1], 'confirmedAt', ${flagAt}) else '{}'::jsonb end end`,
    sponsor_confirmed_at: `case when g.status not in ('draft', 'submitted', 'awaiting_sponsor', 'withdrawn') then g.submitted_at + interval '2 days' end`,
    sponsor_confirmed_by: `case when g.status not in ('draft', 'submitted', 'awaiting_sponsor', 'withdrawn') then g.admin_id end`,
    sponsorship: `case when g.status not in ('draft', 'submitted', 'awaiting_sponsor', 'withdrawn') then jsonb_build_object('jobTitle', ${jobTitle}, 'startDate', ${startDate}, 'annualSalaryKrw', ${salary}, 'industry', ${industry}, 'attestedBy', g.admin_id, 'attestedAt', ${flagAt}) end`,
    sponsor_link: `'accepted'`,
    visa_expires_on: `case when g.status = 'approved' then to_char(g.status_changed_at + interval '5 years', 'YYYY-MM-DD') end`,
    draft_step: `case when g.status = 'draft' then 'documents' end`,
    // A realistic workload: about `assignPpm` per million queue cases are with an officer.
    assigned_officer_id: `case when ${inQueue} and g.r % 1000000 < ${o.assignPpm} then ${officer(36)} end`,
    assigned_at: `case when ${inQueue} and g.r % 1000000 < ${o.assignPpm} then g.status_changed_at end`,
    priority: `case when g.status in ('in_review', 'evidence_received') and ${h("g.i", 37)} % 50 = 0 then 1 else 0 end`,
    flags: `case when not (${screened}) then '[]'::jsonb
      when g.fraud then jsonb_build_array(jsonb_build_object('code', 'passport_on_other_case', 'detail', 'The passport number is also on another applicant''s case.', 'raisedAt', ${flagAt}))
      when g.org % 20 = 0 then jsonb_build_array(jsonb_build_object('code', 'employer_not_registered', 'detail', 'The sponsoring employer has no business registration number on file.', 'raisedAt', ${flagAt}))
      else '[]'::jsonb end`,
    sla_started_at: "g.sla_started_at",
    sla_paused_ms: "g.sla_paused_ms",
    sla_paused_at: "g.sla_paused_at",
    sla_state: "g.sla_state",
    // Issue 10: the stored due date and the passport blind index, by the same SQL as the application's.
    sla_due_at: slaDueAtSqlText({ status: "g.status", startedAt: "g.sla_started_at", pausedMs: "g.sla_paused_ms", pausedAt: "g.sla_paused_at" }),
    passport_index: `case when g.status <> 'draft' then ${passportIndexSqlText("g.passport")} end`,
    version: `case g.status ${Object.entries(paths)
      .map(([s, steps]) => `when ${lit(s)} then ${steps.length + 1}`)
      .join(" ")} end`,
    created_at: `coalesce(g.submitted_at, g.status_changed_at) - interval '3 days'`,
    updated_at: "g.status_changed_at",
    submitted_at: "g.submitted_at",
    status_changed_at: "g.status_changed_at",
  };
}

/** Seed `n` cases and everything around them into a bench database made by createBenchDatabase. */
export async function seedBench(bench: BenchDatabase, opts: SeedOptions): Promise<SeedResult> {
  const log = opts.log ?? (() => undefined);
  const n = opts.cases;
  const nOrgs = opts.organizations ?? 3000;
  const nOfficers = opts.officers ?? 200;
  const nSeniors = opts.seniors ?? 20;
  const batch = opts.batch ?? 100_000;
  const applicants = Math.max(1, n - Math.floor(n / 25));
  // About 25 queue cases per officer, whatever the size of the table (at most half of the queue).
  const queueShare = stageShares.filter(([s]) => queueStages.includes(s)).reduce((t, [, v]) => t + v, 0) / 1000;
  const assignPpm = Math.min(500_000, Math.round((25 * nOfficers * 1_000_000) / Math.max(1, n * queueShare)));
  const now = new Date();
  const parts: Record<string, number> = {};
  const c = await bench.pool.connect();
  const timed = async (part: string, sqlText: string, params: unknown[] = []) => {
    const t0 = performance.now();
    const r = await c.query(sqlText, params);
    parts[part] = (parts[part] ?? 0) + (performance.now() - t0) / 1000;
    return r;
  };
  const start = performance.now();
  try {
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    // Bulk loading: no WAL flush per statement; the database is thrown away after the run.
    await c.query("set synchronous_commit = off");
    await c.query("set maintenance_work_mem = '512MB'");
    await c.query("set work_mem = '64MB'");

    const orgName = `${pick(orgPlaces, "k", 40)} || ' ' || (${arr(orgKinds)})[1 + ((k - 1) / ${orgPlaces.length})::int % ${orgKinds.length}] || ' ' || (${arr(orgSuffixes)})[1 + ((k - 1) / ${orgPlaces.length * orgKinds.length})::int % ${orgSuffixes.length}]`;
    await timed(
      "organisations and users",
      `insert into organizations (id, name, registration_number, industry, created_at)
       select ${idOf("org", "k")}, ${orgName} || case when k > ${orgPlaces.length * orgKinds.length * orgSuffixes.length} then ' ' || k else '' end,
         case when k % 20 = 0 then null else lpad((1000000000 + k * 7)::text, 10, '0') end, ${pick(industries, "k", 21)}, $1::timestamptz - interval '3 years'
       from generate_series(1, ${nOrgs}) k`,
      [now],
    );
    await timed(
      "organisations and users",
      `insert into users (id, email, name, password_hash, role, organization_id, locale, email_verified_at, created_at)
       select ${idOf("admin", "k")}, 'admin-' || k || '@org.bench.test', 'HR admin ' || k, $2, 'employer_admin', ${idOf("org", "k")}, case when k % 3 = 0 then 'en' else 'ko' end, $1, $1
       from generate_series(1, ${nOrgs}) k`,
      [now, passwordHash],
    );
    await timed(
      "organisations and users",
      `insert into users (id, email, name, password_hash, role, locale, email_verified_at, totp_secret, totp_enabled_at, created_at)
       select ${idOf("staff", "k")}, case when k <= ${nOfficers} then 'officer-' || k else 'senior-' || (k - ${nOfficers}) end || '@immigration.bench.test',
         case when k <= ${nOfficers} then '심사관 ' || k else '선임 심사관 ' || (k - ${nOfficers}) end, $2,
         case when k <= ${nOfficers} then 'officer' else 'senior_officer' end::role, 'ko', $1, $3, $1, $1
       from generate_series(1, ${nOfficers + nSeniors}) k`,
      [now, passwordHash, BENCH_TOTP_SECRET],
    );
    await timed(
      "organisations and users",
      `insert into users (id, email, name, password_hash, role, locale, email_verified_at, created_at)
       select ${idOf("applicant", "a")}, 'applicant-' || a || '@mail.bench.test', 'Applicant ' || a, $2, 'applicant', case when a % 5 = 0 then 'ko' else 'en' end, $1::timestamptz, $1::timestamptz - interval '1 year'
       from generate_series(1, ${applicants}) a`,
      [now, passwordHash],
    );
    const staff = (await c.query<{ id: string; email: string; role: SeededStaff["role"] }>(`select id, email, role from users where role in ('officer', 'senior_officer') order by created_at, email`)).rows;
    const byNumber = (prefix: string) => (s: SeededStaff) => Number(s.email.slice(prefix.length).split("@")[0]);
    const officers = staff.filter((s) => s.role === "officer").sort((x, y) => byNumber("officer-")(x) - byNumber("officer-")(y));
    const seniors = staff.filter((s) => s.role === "senior_officer").sort((x, y) => byNumber("senior-")(x) - byNumber("senior-")(y));
    const officerIds = officers.map((o) => o.id);

    // Screening results made by the real engine under the shipped policy: eligible, not eligible, needs review.
    const policy = await loadPolicy(bench.handle.db);
    const sampleOrg = md5uuid("bench-org-1");
    const samples = [
      validDossier(sampleOrg, { work: [{ employer: "Samsung Electronics", kind: "company", title: "Researcher", country: "Korea", start: "2012-03-01", current: true, postdoc: false }] }),
      validDossier(sampleOrg),
      validDossier(sampleOrg, { degree: { institution: "Unknown Institute of Technology" } }),
      validDossier(sampleOrg, { offer: { annualSalaryKrw: 90_000_000 } }),
    ];
    const screenings = samples.map((d) => JSON.stringify(screenDossier(d, "Hanbit AI Labs", now, policy)));

    // Bulk loading as a restore does: foreign-key triggers off for this session (the rows are consistent by
    // construction), secondary indexes dropped now and built once at the end (constraint indexes stay).
    await c.query("set session_replication_role = replica");
    const secondary = (
      await c.query<{ name: string; def: string }>(
        `select i.indexname as name, i.indexdef as def from pg_indexes i
         where i.schemaname = 'public' and i.tablename in ('cases', 'case_events', 'documents', 'evidence_requests', 'evidence_request_items')
           and not exists (select 1 from pg_constraint k where k.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)`,
      )
    ).rows;
    for (const ix of secondary) await c.query(`drop index ${ix.name}`);

    await c.query(`create temporary table bench_paths (status text, step int, action text, from_status text, to_status text)`);
    const pathRows = Object.entries(paths).flatMap(([status, steps]) => steps.map(([action, from, to], k) => `(${lit(status)}, ${k + 1}, ${lit(action)}, ${lit(from)}, ${lit(to)})`));
    await c.query(`insert into bench_paths values ${pathRows.join(",")}`);

    const columns = caseColumns({ officers: officerIds.length, assignPpm, screenings: screenings.length });
    const names = Object.keys(columns);
    for (let from = 1; from <= n; from += batch) {
      const to = Math.min(n, from + batch - 1);
      await timed(
        "cases",
        `insert into cases (${names.join(", ")})
         select ${names.map((k) => columns[k]).join(",\n")}
         from (${caseDraws({ from, to, applicants, orgs: nOrgs })}) g`,
        [now, officerIds, screenings],
      );
      log(`  seeded ${to.toLocaleString("en")} of ${n.toLocaleString("en")} cases (${((performance.now() - start) / 1000).toFixed(0)} s)`);
    }
    // New submissions continue after the seeded receipt numbers.
    await c.query(`select setval('receipt_seq', $1)`, [n + 1]);

    // The timeline: each case's path, the events spread between submission and the last change.
    await timed(
      "case events",
      `insert into case_events (case_id, at, actor_id, type, from_status, to_status, data)
       select c.id,
         c.submitted_at + (c.status_changed_at - c.submitted_at) * (p.step::float8 / m.steps),
         case when p.action in ('submit', 'withdraw', 'answer_evidence') then c.applicant_id
              when p.action = 'confirm_sponsorship' then c.sponsor_confirmed_by
              when p.action in ('request_evidence', 'propose_decision') then coalesce((c.decision->>'proposedBy')::uuid, c.assigned_officer_id)
              when p.action in ('approve', 'refuse') then (c.decision->>'confirmedBy')::uuid end,
         p.action, p.from_status::case_status, p.to_status::case_status,
         case when p.action = 'complete_screening' then jsonb_build_object('outcome', c.screening->'result'->>'outcome', 'ruleset', c.screening->'result'->>'ruleset')
              when p.action = 'propose_decision' then jsonb_build_object('outcome', c.decision->>'outcome') else '{}'::jsonb end
       from cases c
       join bench_paths p on p.status = c.status::text
       join (select status, max(step) as steps from bench_paths group by status) m on m.status = c.status::text
       where c.submitted_at is not null
       order by c.id, p.step`,
    );

    // Documents: 3 to 7 files per submitted case, 5% of them replaced by a newer version.
    const kinds = ["passport", "photo", "degree_certificate", "employment_certificate", "employment_contract", "publication_evidence", "criminal_record"];
    await timed(
      "documents",
      `insert into documents (id, case_id, kind, filename, content_type, size_bytes, sha256, storage_key, uploaded_by, checklist_item, superseded_by, superseded_at, review_status, created_at)
       select md5(c.id::text || ':' || d)::uuid, c.id, (${arr(kinds)})[d], (${arr(kinds)})[d] || '.pdf', 'application/pdf', 80000 + (hashtext(c.id::text || d) & 1048575),
         md5(c.id::text || d), 'cases/' || c.id || '/' || md5(c.id::text || ':' || d)::uuid, c.applicant_id,
         case (${arr(kinds)})[d] when 'passport' then 'passport:self' when 'photo' then 'photo:self' when 'criminal_record' then 'criminal:self'
           when 'degree_certificate' then 'degree:b' || substr(md5(c.id::text || ':education:0'), 1, 11) when 'employment_certificate' then 'employment:b' || substr(md5(c.id::text || ':work:0'), 1, 11)
           when 'employment_contract' then 'contract:offer' when 'publication_evidence' then 'publications' else (${arr(kinds)})[d] end,
         null, null,
         case when c.status in ('approved', 'refused') then 'verified' else 'pending' end,
         c.submitted_at - interval '1 day'
       from cases c cross join lateral generate_series(1, 3 + (hashtext(c.id::text) & 1023) % 5) d
       where c.submitted_at is not null`,
    );
    await timed(
      "documents",
      `insert into documents (id, case_id, kind, filename, content_type, size_bytes, sha256, storage_key, uploaded_by, checklist_item, review_status, created_at)
       select md5(d.id::text || ':v2')::uuid, d.case_id, d.kind, 'scan-2.pdf', d.content_type, d.size_bytes + 1000, md5(d.sha256), d.storage_key || '-v2', d.uploaded_by, d.checklist_item, 'pending', d.created_at + interval '1 hour'
       from documents d where (hashtext(d.id::text) & 1023) % 20 = 0`,
    );
    await timed(
      "documents",
      `update documents old set superseded_by = md5(old.id::text || ':v2')::uuid, superseded_at = old.created_at + interval '1 hour'
       where exists (select 1 from documents v where v.id = md5(old.id::text || ':v2')::uuid)`,
    );

    // Requests for evidence on the cases waiting for it or answered: a document and a question each.
    await timed(
      "evidence requests",
      `insert into evidence_requests (id, case_id, requested_by, guidance, addressee, deadline, status, answer_note, answered_at, created_at)
       select md5(c.id::text || ':rfe')::uuid, c.id, coalesce(c.assigned_officer_id, ($1::uuid[])[1]), 'Please send the certified employment certificate and explain the gap in 2019.',
         case when c.r % 10 = 0 then 'employer' else 'applicant' end,
         c.status_changed_at + interval '30 days', case when c.status = 'evidence_requested' then 'open' else 'answered' end,
         case when c.status = 'evidence_received' then 'Attached, with an explanation.' end,
         case when c.status = 'evidence_received' then c.status_changed_at end, c.status_changed_at - interval '10 days'
       from (select *, hashtext(id::text) & 1023 as r from cases where status in ('evidence_requested', 'evidence_received')) c`,
      [officerIds],
    );
    await timed(
      "evidence requests",
      `insert into evidence_request_items (request_id, kind, document_kind, label, answer_text, answered_at)
       select r.id, k.kind, k.document_kind, k.label, case when r.status = 'answered' and k.kind = 'question' then 'I was on parental leave.' end, r.answered_at
       from evidence_requests r cross join (values ('document', 'employment_certificate', 'Certified employment certificate'), ('question', null, 'Explain the gap in 2019')) as k(kind, document_kind, label)`,
    );

    for (const ix of secondary) await timed("indexes", ix.def);
    await c.query("set session_replication_role = origin");
    await timed("analyze", "analyze");
    const rows: Record<string, number> = {};
    for (const table of ["organizations", "users", "cases", "case_events", "documents", "evidence_requests", "evidence_request_items"]) {
      rows[table] = Number((await c.query<{ n: string }>(`select count(*) as n from ${table}`)).rows[0]!.n);
    }
    await checkSample(c);
    return {
      cases: n,
      seconds: (performance.now() - start) / 1000,
      parts,
      rows,
      officers,
      seniors,
      orgAdminId: (k) => md5uuid(`bench-admin-${k}`),
      orgId: (k) => md5uuid(`bench-org-${k}`),
    };
  } finally {
    c.release();
  }
}

/** The seeded dossiers must be what the application accepts: parse a sample with the real schema. */
async function checkSample(c: pg.PoolClient) {
  const sample = (await c.query<{ dossier: unknown; receipt_number: string }>(`select dossier, receipt_number from cases where status <> 'draft' order by id limit 200`)).rows;
  for (const row of sample) {
    const parsed = dossierSchema.safeParse(row.dossier);
    if (!parsed.success) throw new Error(`seeded dossier of ${row.receipt_number} is not valid: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Signed-in officers.

/**
 * Sessions of signed-in officers with the second factor given, written straight
 * into `sessions` as `createSession` + `completeMfa` leave them: the cookie holds
 * a random token signed with the server's secret, the row holds its SHA-256 and
 * `mfa_at`. `cookie` is the Cookie header value the server accepts.
 */
export async function officerSessions(pool: pg.Pool, staff: SeededStaff[], sessionSecret: string): Promise<{ user: SeededStaff; cookie: string }[]> {
  const { createCookie } = await import("@remix-run/node");
  const jar = createCookie("__session", { httpOnly: true, sameSite: "lax", path: "/", secrets: [sessionSecret], maxAge: SESSION_TTL_MS / 1000 });
  const out: { user: SeededStaff; cookie: string }[] = [];
  for (const user of staff) {
    const token = newToken();
    await pool.query(`insert into sessions (id, user_id, expires_at, mfa_at, user_agent, ip) values ($1, $2, now() + interval '12 hours', now(), 'toptier-bench', '127.0.0.1')`, [
      createHash("sha256").update(token).digest("hex"),
      user.id,
    ]);
    out.push({ user, cookie: (await jar.serialize(token)).split(";")[0]! });
  }
  return out;
}

export function printSeed(r: SeedResult, log: (line: string) => void = console.log) {
  const parts = Object.entries(r.parts)
    .map(([k, v]) => `${k} ${v.toFixed(1)} s`)
    .join(", ");
  const rows = Object.entries(r.rows)
    .map(([k, v]) => `${k} ${v.toLocaleString("en")}`)
    .join(", ");
  log(`seed: ${r.cases.toLocaleString("en")} cases in ${r.seconds.toFixed(1)} s (${Math.round(r.cases / r.seconds).toLocaleString("en")} cases/s; ${parts})`);
  log(`      rows: ${rows}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  const n = Number(args.find((a) => /^\d+$/.test(a)) ?? 100_000);
  const bench = await createBenchDatabase("seed");
  try {
    printSeed(await seedBench(bench, { cases: n, log: console.log }));
    if (args.includes("--keep")) console.log(`kept database ${bench.name} (${bench.url}); drop it when done`);
  } finally {
    if (!args.includes("--keep")) await bench.drop();
    else {
      await bench.pool.end();
      await bench.handle.close();
    }
  }
}
