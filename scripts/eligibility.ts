/**
 * Evaluate a dossier from the command line.
 *
 *   npm run -s eligibility -- path/to/dossier.json      (or "-" for stdin)
 *   options: --ruleset <id|id@version>   --as-of <YYYY-MM-DD>   --compact
 *
 * Prints the result as JSON on stdout and exits 0. Invalid input (missing file,
 * bad JSON, schema errors naming each bad field, unknown rule set) goes to
 * stderr with exit code 2.
 */
import { readFileSync } from "node:fs";
import { EligibilityError, evaluate, isIsoDate, todayIso } from "../models/eligibility/index";

const USAGE = "usage: eligibility <dossier.json | -> [--ruleset <id|id@version>] [--as-of YYYY-MM-DD] [--compact]";

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function readStdin(): string {
  try {
    return readFileSync(0, "utf8");
  } catch (e) {
    return fail(`Could not read stdin: ${(e as Error).message}`);
  }
}

function main(argv: string[]): void {
  let file: string | undefined;
  let ruleset: string | undefined;
  let asOf: string | undefined;
  let compact = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--ruleset") ruleset = argv[++i] ?? fail(`--ruleset needs a value\n${USAGE}`);
    else if (a === "--as-of") asOf = argv[++i] ?? fail(`--as-of needs a value\n${USAGE}`);
    else if (a === "--compact") compact = true;
    else if (a === "-h" || a === "--help") {
      process.stdout.write(`${USAGE}\n`);
      return;
    } else if (a.startsWith("--")) fail(`Unknown option ${a}\n${USAGE}`);
    else if (file === undefined) file = a;
    else fail(`Only one dossier file may be given\n${USAGE}`);
  }
  if (file === undefined) fail(`No dossier given\n${USAGE}`);
  if (asOf !== undefined && !isIsoDate(asOf)) fail(`--as-of: must be a real calendar date written YYYY-MM-DD (got "${asOf}")`);

  let text: string;
  if (file === "-") text = readStdin();
  else {
    try {
      text = readFileSync(file, "utf8");
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      fail(err.code === "ENOENT" ? `Dossier file not found: ${file}` : `Could not read ${file}: ${err.message}`);
    }
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    fail(`Invalid JSON in ${file === "-" ? "stdin" : file}: ${(e as Error).message}`);
  }
  if (asOf !== undefined && typeof raw === "object" && raw !== null && !Array.isArray(raw)) raw = { ...raw, asOf }; // the flag overrides the file
  try {
    // The edge supplies today's date explicitly; the engine never reads the clock.
    const result = evaluate(raw, { asOf: asOf ?? todayIso(), ...(ruleset ? { ruleset } : {}) });
    process.stdout.write(`${JSON.stringify(result, null, compact ? undefined : 2)}\n`);
  } catch (e) {
    if (e instanceof EligibilityError) fail(e.message);
    throw e;
  }
}

main(process.argv.slice(2));
