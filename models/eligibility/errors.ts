import type { ZodError, ZodIssue } from "zod";

/** An error the caller caused (bad input, unknown rule set); `code` is stable for the HTTP/CLI edges. */
export class EligibilityError extends Error {
  readonly code: "invalid_input" | "unknown_ruleset" | "invalid_ruleset" | "invalid_reference";
  readonly fields: string[];
  constructor(code: EligibilityError["code"], message: string, fields: string[] = []) {
    super(message);
    this.name = "EligibilityError";
    this.code = code;
    this.fields = fields;
  }
}

/** degrees[0].awarded style path. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out ? `.${p}` : p;
  }
  return out || "(root)";
}

/** One issue as the lines it reads as: a path and an English message each (an unknown-keys issue names each key). */
export function issueLines(issue: ZodIssue): { path: string; message: string }[] {
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((k) => ({ path: formatPath([...issue.path, k]), message: "unknown field (not allowed)" }));
  }
  if (issue.code === "invalid_union_discriminator") {
    return [{ path: formatPath(issue.path), message: `must be one of ${issue.options.map(String).join(", ")}` }];
  }
  if (issue.code === "invalid_type" && issue.received === "undefined") {
    const msg = issue.message && issue.message !== "Required" ? issue.message : "is required";
    return [{ path: formatPath(issue.path), message: msg }];
  }
  return [{ path: formatPath(issue.path), message: issue.message }];
}

/** The paths of the fields a ZodError complains about (unknown keys included). */
export function invalidFields(error: ZodError): string[] {
  return [...new Set(error.issues.flatMap((i) => issueLines(i).map((l) => l.path)))];
}

/**
 * A message naming each bad field, one per line:
 *   Invalid input (2 problems):
 *   - degrees[0].awarded: awarded must be a real calendar date written YYYY-MM-DD
 *   - extra: unknown field (not allowed)
 */
export function formatValidationError(error: ZodError, heading = "Invalid input"): string {
  const lines = error.issues.flatMap(issueLines);
  const seen = new Set<string>();
  const unique = lines.filter((l) => {
    const k = `${l.path}\u0000${l.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return [`${heading} (${unique.length} problem${unique.length === 1 ? "" : "s"}):`, ...unique.map((l) => `- ${l.path}: ${l.message}`)].join("\n");
}
