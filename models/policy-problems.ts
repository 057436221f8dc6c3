import type { ZodError, ZodIssue } from "zod";
import { issueLines } from "./eligibility/errors";
import { AppError } from "./errors";
import { localizeMessage } from "./i18n";

/**
 * Issue 11 item 11: why a new policy version cannot be published, one problem a line, in
 * English and Korean (the administrator's page shows the reader's language). The English is
 * what the checks have always said (`formatValidationError`); the Korean is made from the
 * same zod issue: by its code for the schema's structure, by `params.ko` for the rule set's
 * own checks, and by the Korean catalogue (models/i18n/ko/officer.ts) for the fixed messages
 * of the schema (dates, node ids).
 */
export interface PolicyProblem {
  /** Where in the JSON (`root.children[0].multiple`); null for the document as a whole. */
  path: string | null;
  en: string;
  ko: string;
}

/**
 * A definition that cannot be published, with its problems in both languages. `fieldErrors.json`
 * keeps the English text for callers that show one string (the API, the logs, the tests).
 */
export class PolicyCheckError extends AppError {
  constructor(
    code: "validation" | "conflict",
    message: string,
    readonly problems: PolicyProblem[],
    fieldError = problems.map((p) => p.en).join("\n"),
  ) {
    super(code, message, { json: fieldError });
  }
}

const typeKo: Record<string, string> = {
  string: "문자열",
  number: "숫자",
  integer: "정수",
  float: "소수",
  boolean: "true 또는 false",
  object: "객체({ })",
  array: "배열([ ])",
  null: "null",
  undefined: "없음",
  date: "날짜",
};
const typeName = (t: string) => typeKo[t] ?? t;
/** The Korean of a fixed English message, or undefined when it has none. */
const known = (message: string | undefined) => {
  if (!message) return undefined;
  const ko = localizeMessage("ko", message);
  return ko === message ? undefined : ko;
};
const list = (values: readonly unknown[]) => values.map((v) => String(v)).join(", ");

/** The Korean lines of one issue, one for each English line `issueLines` gives. */
function koreanLines(issue: ZodIssue): string[] {
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map(() => "알 수 없는 항목입니다 (쓸 수 없음)");
    case "invalid_union_discriminator":
      return [`다음 중 하나여야 합니다: ${list(issue.options)}`];
    case "invalid_type":
      if (issue.received === "undefined") return [known(issue.message) ?? "꼭 있어야 하는 항목입니다"];
      return [known(issue.message) ?? `${typeName(issue.expected)} 값이어야 합니다 (지금은 ${typeName(issue.received)})`];
    case "invalid_literal":
      return [`쓸 수 있는 값은 ${JSON.stringify(issue.expected)} 하나뿐입니다`];
    case "invalid_enum_value":
      return [`다음 중 하나여야 합니다: ${list(issue.options)} (지금은 ${String(issue.received)})`];
    case "too_small": {
      const n = Number(issue.minimum);
      if (issue.type === "array") return [n <= 1 ? "항목이 하나 이상 있어야 합니다" : `항목이 ${n}개 이상 있어야 합니다`];
      if (issue.type === "string") return [n <= 1 ? "비어 있으면 안 됩니다" : issue.exact ? `정확히 ${n}자여야 합니다` : `${n}자 이상이어야 합니다`];
      return [issue.inclusive ? `${n} 이상이어야 합니다` : `${n}보다 커야 합니다`];
    }
    case "too_big": {
      const n = Number(issue.maximum);
      if (issue.type === "array") return [`항목은 ${n}개까지 쓸 수 있습니다`];
      if (issue.type === "string") return [issue.exact ? `정확히 ${n}자여야 합니다` : `${n}자 이하여야 합니다`];
      return [issue.inclusive ? `${n} 이하여야 합니다` : `${n}보다 작아야 합니다`];
    }
    case "invalid_string":
      return [known(issue.message) ?? "형식에 맞지 않습니다"];
    case "not_finite":
      return ["유한한 숫자여야 합니다"];
    case "not_multiple_of":
      return [`${String(issue.multipleOf)}의 배수여야 합니다`];
    case "invalid_date":
      return ["올바른 날짜가 아닙니다"];
    case "custom": {
      const ko = (issue.params as { ko?: unknown } | undefined)?.ko;
      return [typeof ko === "string" ? ko : (known(issue.message) ?? "규칙에 맞지 않는 값입니다")];
    }
    default:
      return ["허용되는 형식이 아닙니다"];
  }
}

/** The problems of a definition that does not pass its schema, in both languages, each once. */
export function schemaProblems(error: ZodError): PolicyProblem[] {
  const seen = new Set<string>();
  const out: PolicyProblem[] = [];
  for (const issue of error.issues) {
    const en = issueLines(issue);
    const ko = koreanLines(issue);
    en.forEach((line, i) => {
      const key = `${line.path}\u0000${line.message}`;
      if (seen.has(key)) return;
      seen.add(key);
      out.push({ path: line.path, en: line.message, ko: ko[i] ?? ko[0]! });
    });
  }
  return out;
}

/** Where a JSON text stops parsing, as a line and column (1-based), from the parser's "at position n". */
export function jsonSyntaxProblem(text: string, err: Error): PolicyProblem {
  const at = /at position (\d+)/.exec(err.message);
  if (at) {
    const before = text.slice(0, Number(at[1]));
    const line = before.split("\n").length;
    const column = before.length - before.lastIndexOf("\n");
    return { path: null, en: `Not valid JSON: ${err.message.replace(/ at position \d+.*$/, "")} at line ${line}, column ${column}`, ko: `JSON 문법 오류: ${line}행 ${column}열 근처를 확인하세요` };
  }
  if (/end of JSON input/.test(err.message)) return { path: null, en: `Not valid JSON: ${err.message}`, ko: "JSON이 중간에 끝났습니다. 닫지 않은 괄호나 따옴표가 있는지 확인하세요" };
  return { path: null, en: `Not valid JSON: ${err.message}`, ko: "JSON 문법 오류가 있습니다" };
}
