import { describe, expect, it } from "vitest";
import topTier from "./eligibility/rulesets/top-tier-f2.json";
import gni from "./eligibility/reference/gni.json";
import { formatValidationError } from "./eligibility/errors";
import { gniReferenceSchema, institutionListSchema, ruleSetSchema } from "./eligibility/schema";
import { jsonSyntaxProblem, schemaProblems } from "./policy-problems";

const problemsOf = (schema: { safeParse: (v: unknown) => { success: boolean; error?: unknown } }, value: unknown) => {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error("expected the value to fail its schema");
  return schemaProblems(parsed.error as Parameters<typeof schemaProblems>[0]);
};

/**
 * English left in a Korean line, once the codes are taken out: quoted values, the JSON's field
 * names (camelCase or snake_case words, as in the definition), the schema's lists of values and
 * abbreviations in capitals (YYYY-MM-DD), as the e2e check (test/e2e/a11y.ts) reads a Korean page.
 */
const englishLeft = (line: string) =>
  /[A-Za-z]{4,}/.test(
    line
      .replace(/"[^"]*"/g, " ")
      .replace(/\b(effectiveFrom|effectiveTo|appliesFrom|appliesTo|reportedFrom|since|until|points|true|false|null|id|ko)\b/g, " ")
      .replace(/: [a-z0-9_, ]+(?= \(|$)/g, " ")
      .replace(/\(지금은 [^)]*\)/g, " ")
      .replace(/\b[A-Z]{2,}s?\b/g, " "),
  );

describe("why a policy version cannot be published, in English and Korean", () => {
  it("names each problem of a rule set in both languages, the English as the checks always wrote it", () => {
    const broken = {
      ...topTier,
      version: 7,
      effectiveFrom: "2026-02-30",
      extra: true,
      root: { id: "r", type: "at_least", n: 3, children: [{ id: "x", type: "income_multiple_of_gni", multiple: "three" }, { id: "x", type: "job_offer", present: true }] },
    };
    const parsed = ruleSetSchema.safeParse(broken);
    expect(parsed.success).toBe(false);
    const problems = schemaProblems(parsed.error!);
    // The English lines are the ones formatValidationError lists.
    const english = formatValidationError(parsed.error!, "Fix these fields").split("\n").slice(1);
    expect(problems.map((p) => `- ${p.path}: ${p.en}`)).toEqual(english);
    const ko = Object.fromEntries(problems.map((p) => [p.path, p.ko]));
    expect(ko).toMatchObject({
      version: "문자열 값이어야 합니다 (지금은 숫자)",
      effectiveFrom: "effectiveFrom은 YYYY-MM-DD 형식의 실제 날짜여야 합니다",
      extra: "알 수 없는 항목입니다 (쓸 수 없음)",
      "root.children[0].multiple": "숫자 값이어야 합니다 (지금은 문자열)",
    });
    for (const p of problems) expect(englishLeft(p.ko), `${p.path}: ${p.ko}`).toBe(false);
  });

  it("gives the rule set's own checks (duplicate ids, n of at_least, points children) in Korean", () => {
    const rs = { ...topTier, root: { id: "r", type: "at_least", n: 3, children: [{ id: "a", type: "job_offer", present: true }, { id: "a", type: "points", children: [{ id: "b", type: "job_offer", present: true }] }] } };
    const ko = problemsOf(ruleSetSchema, rs).map((p) => `${p.path}: ${p.ko}`);
    expect(ko).toEqual(
      expect.arrayContaining([
        'root.children[1].id: 중복된 노드 id입니다: "a"',
        'root.children[1].children[0].type: points 노드에는 점수 노드(points, age_points, education_points, korean_points, income_points, bonus)만 넣을 수 있습니다. "job_offer" 노드는 넣을 수 없습니다',
        "root.n: n(3)은 하위 노드 수(2)보다 클 수 없습니다",
      ]),
    );
  });

  it("reads missing fields, wrong choices, bounds and literals of a reference list in Korean", () => {
    const figure = gni.figures[0]!;
    const next = { ...gni, title: "", currency: "USD", edition: undefined, figures: [{ ...figure, amountKrw: -5, status: "guessed", appliesFrom: "1 April" }] };
    const ko = Object.fromEntries(problemsOf(gniReferenceSchema, next).map((p) => [p.path, p.ko]));
    expect(ko).toEqual({
      title: "비어 있으면 안 됩니다",
      edition: "꼭 있어야 하는 항목입니다",
      currency: '쓸 수 있는 값은 "KRW" 하나뿐입니다',
      "figures[0].amountKrw": "0보다 커야 합니다",
      "figures[0].status": "다음 중 하나여야 합니다: official, reported, unverified (지금은 guessed)",
      "figures[0].appliesFrom": "appliesFrom은 YYYY-MM-DD 형식의 날짜여야 합니다",
    });
    const empty = Object.fromEntries(problemsOf(institutionListSchema, { id: "x", version: "1", title: "T", source: "s", edition: "e", entries: [] }).map((p) => [p.path, p.ko]));
    expect(empty).toEqual({ entries: "항목이 하나 이상 있어야 합니다" });
  });

  it("says where a JSON text stops parsing, by line and column", () => {
    const text = '{\n  "id": "d10",\n  "version" "2026.1"\n}';
    let error: Error | undefined;
    try {
      JSON.parse(text);
    } catch (err) {
      error = err as Error;
    }
    const p = jsonSyntaxProblem(text, error!);
    expect(p.ko).toBe("JSON 문법 오류: 3행 13열 근처를 확인하세요");
    expect(p.en).toMatch(/^Not valid JSON: .+ at line 3, column 13$/);
    expect(jsonSyntaxProblem('{"a": ', new SyntaxError("Unexpected end of JSON input")).ko).toMatch(/^JSON이 중간에 끝났습니다/);
    expect(jsonSyntaxProblem("x", new SyntaxError("Something else")).ko).toBe("JSON 문법 오류가 있습니다");
  });
});
