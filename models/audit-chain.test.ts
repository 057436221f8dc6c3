import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GENESIS, auditRecordHash, canonicalAuditRecord, canonicalJson, chainBreak, type AuditContent } from "./audit";

const record = (id: number, data: Record<string, unknown> = {}): AuditContent => ({
  id,
  at: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678) + id * 1000),
  actorId: "0b8f5d2e-4c1a-4f7e-9a3b-2d6c8e1f0a11",
  actorRole: "officer",
  action: "case.view",
  caseId: "7e4a9c1b-3d2f-4b8e-a6c5-1f0e9d8c7b22",
  ip: "203.0.113.7",
  data,
});

/** Link records the way `audit()` does. */
function chain(records: AuditContent[]) {
  let prevHash = GENESIS;
  return records.map((r) => {
    const hash = auditRecordHash(prevHash, r);
    const row = { ...r, prevHash, hash };
    prevHash = hash;
    return row;
  });
}

/** The index of the first broken record, or -1, checking like verifyAuditChain. */
function firstBreak(rows: ReturnType<typeof chain>): number {
  let prev: string | null = null;
  for (const [i, row] of rows.entries()) {
    if (chainBreak(prev, row)) return i;
    prev = row.hash;
  }
  return -1;
}

/** The same JSON value with every object's keys in reverse order. */
const reverseKeys = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(reverseKeys)
    : v !== null && typeof v === "object"
      ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverseKeys(x)]))
      : v;

describe("canonical JSON of audit records", () => {
  it("sorts keys at every depth, keeps array order, and writes what JSON would store", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ a: undefined, b: new Date(Date.UTC(2026, 0, 1)), c: [undefined] })).toBe('{"b":"2026-01-01T00:00:00.000Z","c":[null]}');
    expect(canonicalJson({ "10": 1, "9": 2, a: 3 })).toBe('{"10":1,"9":2,"a":3}');
  });

  it("does not depend on key order and survives a JSON round trip (as through JSONB)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const c = canonicalJson(v);
        expect(canonicalJson(reverseKeys(v))).toBe(c);
        expect(canonicalJson(JSON.parse(c))).toBe(c);
      }),
    );
  });

  it("hashes the previous hash, a newline and the canonical record (pinned format)", () => {
    const r = record(1, { to: "in_review", from: "screening" });
    const expected =
      '{"action":"case.view","actorId":"0b8f5d2e-4c1a-4f7e-9a3b-2d6c8e1f0a11","actorRole":"officer","at":"2026-01-02T03:04:06.678Z",' +
      '"caseId":"7e4a9c1b-3d2f-4b8e-a6c5-1f0e9d8c7b22","data":{"from":"screening","to":"in_review"},"id":1,"ip":"203.0.113.7"}';
    expect(canonicalAuditRecord(r)).toBe(expected);
    expect(auditRecordHash(GENESIS, r)).toBe(createHash("sha256").update(`${GENESIS}\n${expected}`).digest("hex"));
    expect(auditRecordHash("a".repeat(64), r)).not.toBe(auditRecordHash(GENESIS, r));
  });
});

describe("checking the chain", () => {
  const rows = () => chain([1, 2, 3, 4, 5].map((id) => record(id, { n: id, nested: { list: [id, "x"] } })));

  it("accepts an intact chain, whatever order JSONB gives the keys back in", () => {
    expect(firstBreak(rows())).toBe(-1);
    expect(firstBreak(rows().map((r) => ({ ...r, data: reverseKeys(r.data) as Record<string, unknown> })))).toBe(-1);
  });

  it("finds an altered field, a removed record, a forged hash and a removed hash", () => {
    const altered = rows();
    altered[2]!.data = { ...altered[2]!.data, n: 99 };
    expect(firstBreak(altered)).toBe(2);

    const actor = rows();
    actor[1]!.actorId = "00000000-0000-4000-8000-000000000000";
    expect(firstBreak(actor)).toBe(1);

    const moved = rows();
    moved[3]!.at = new Date(moved[3]!.at.getTime() + 1);
    expect(firstBreak(moved)).toBe(3);

    const removed = rows();
    removed.splice(2, 1);
    expect(firstBreak(removed)).toBe(2);
    expect(chainBreak(removed[1]!.hash, removed[2]!)).toMatch(/removed/);

    const forged = rows();
    forged[1]!.hash = createHash("sha256").update("forged").digest("hex");
    expect(firstBreak(forged)).toBe(1);
    expect(chainBreak(forged[0]!.hash, forged[1]!)).toMatch(/content does not match/);

    const unhashed = rows();
    (unhashed[3] as { hash: string | null }).hash = null;
    expect(firstBreak(unhashed)).toBe(3);
  });

  it("requires the first chained record to start from the genesis hash", () => {
    const [first] = chain([record(1)]);
    expect(chainBreak(null, first!)).toBeNull();
    const rechained = { ...first!, prevHash: "f".repeat(64) };
    rechained.hash = auditRecordHash(rechained.prevHash, rechained);
    expect(chainBreak(null, rechained)).toMatch(/does not follow/);
  });
});
