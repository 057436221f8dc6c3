import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { eligibleDossier } from "./fixtures";

const ROOT = resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "eligibility-cli-"));

function cli(args: string[], stdin?: string) {
  // Node with tsx's loader straight away (npx would add its own start-up to every run).
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/eligibility.ts", ...args], { cwd: ROOT, input: stdin, encoding: "utf8", timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
function file(name: string, content: unknown) {
  const p = join(dir, name);
  writeFileSync(p, typeof content === "string" ? content : JSON.stringify(content));
  return p;
}

// Each test starts the command line as its own process, up to three times: on a loaded 2-core machine a start-up
// has taken 10 s, so these tests get more than the suite's 30 s (the spawn's own limit above stays 60 s).
describe("scripts/eligibility.ts", { timeout: 120_000 }, () => {
  it("evaluates a dossier file and prints JSON (exit 0)", () => {
    const r = cli([file("ok.json", eligibleDossier())]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ ruleset: "top-tier-f2@2025.2", outcome: "eligible", asOf: "2025-06-01" });
    expect(out.alternatives.length).toBe(3);
  });

  it("reads stdin with '-', and honours --ruleset", () => {
    const r = cli(["-", "--ruleset", "f2-7-points"], JSON.stringify(eligibleDossier()));
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.ruleset).toBe("f2-7-points@2025.2");
    expect(typeof out.score).toBe("number");
  });

  it("runs the shipped examples", () => {
    for (const [name, outcome] of [
      ["eligible-industry.json", "eligible"],
      ["needs-review-postdoc.json", "needs_review"],
      ["short-fallbacks.json", "not_eligible"],
    ]) {
      const r = cli([join("models/eligibility/examples", name!)]);
      expect(r.code, name).toBe(0);
      expect(JSON.parse(r.stdout).outcome, name).toBe(outcome);
    }
  });

  it("schema errors go to stderr with the field names (exit 2)", () => {
    const d = eligibleDossier();
    const r = cli([file("bad.json", { ...d, birthDate: "1990-02-30", degrees: [{ ...d.degrees[0]!, level: "doctor" }], shoeSize: 44 })]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("birthDate");
    expect(r.stderr).toContain("degrees[0].level");
    expect(r.stderr).toContain("shoeSize");
  });

  it("bad JSON on stdin, a missing file and an unknown rule set exit 2 with a clear message", () => {
    const bad = cli(["-"], "{ not json");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Invalid JSON in stdin/);
    const missing = cli([join(dir, "nope.json")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/not found/);
    const unknown = cli([file("rs.json", { ...eligibleDossier(), ruleset: "h1b" })]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/ruleset: unknown rule set "h1b"/);
    const none = cli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/usage/);
  });
});
