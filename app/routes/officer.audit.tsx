import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { audit, auditChainHead, verifyAuditChain } from "../../models/audit";
import { toActor } from "../../models/auth";
import { requireRole } from "../session.server";
import { ErrorSummary, formatDateTime } from "../ui";

/** O9: the state of the audit chain, and a check of the whole chain on request (senior officers). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireRole(request, context, ["senior_officer"]);
  const head = await auditChainHead(context.services.database.db);
  return { head: head ? { id: head.id, at: head.at.toISOString(), hash: head.hash } : null };
}

const verifyForm = z.object({ intent: z.literal("verify") });

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, context, ["senior_officer"]);
  const parsed = verifyForm.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ error: "Choose what to do.", report: null }, { status: 400 });
  const db = context.services.database.db;
  const report = await verifyAuditChain(db);
  // The check itself is recorded, after it ran (it is not part of what it checked).
  await audit(db, {
    actor: toActor(user),
    action: "audit.verify",
    ip: context.ip,
    data: { ok: report.ok, checked: report.checked, firstBrokenId: report.firstBrokenId, headId: report.head?.id ?? null },
  });
  return data({ error: undefined, report: { ...report, verifiedAt: new Date().toISOString() } });
}

export const meta: MetaFunction = () => [{ title: "감사 기록 Audit trail · TopTier" }];

export default function AuditTrail() {
  const { head } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const report = result?.report;
  return (
    <section>
      <p>
        <Link to="/officer">Back to the queue</Link>
      </p>
      <h1>
        <span lang="ko">감사 기록</span> · Audit trail
      </h1>
      <p>
        Every change and every view of a case is recorded. Each record carries a SHA-256 hash over its content and the hash of the record
        before it, so changing or removing a record breaks the chain from that point on.
      </p>
      <ErrorSummary error={result?.error} />

      <h2>
        <span lang="ko">현재 상태</span> · Latest record
      </h2>
      {head ? (
        <dl className="summary">
          <dt>Record</dt>
          <dd>#{head.id}</dd>
          <dt>Written</dt>
          <dd>{formatDateTime(head.at)}</dd>
          <dt>Head hash</dt>
          <dd>
            <code>{head.hash ?? "none (written before the chain existed)"}</code>
          </dd>
        </dl>
      ) : (
        <p>No records yet.</p>
      )}
      <p className="hint">
        Note the record number and head hash somewhere outside this system from time to time: removing the newest records, or rewriting the
        whole chain, can only be noticed against such a copy.
      </p>

      <Form method="post">
        <button type="submit" name="intent" value="verify" disabled={busy}>
          <span lang="ko">감사 체인 검증</span> · Verify the audit chain
        </button>
      </Form>

      {report ? (
        report.ok ? (
          <div className="notice" role="status">
            <h2>
              <span lang="ko">검증 완료: 이상 없음</span> · The chain is intact
            </h2>
            <p>
              {report.checked} records checked at {formatDateTime(report.verifiedAt)}
              {report.head ? `, up to record #${report.head.id}` : ""}.
              {report.unchained ? ` ${report.unchained} older records were written before the chain existed and are not covered.` : ""}
            </p>
            {report.head ? (
              <p>
                Head hash: <code>{report.head.hash}</code>
              </p>
            ) : null}
          </div>
        ) : (
          <div className="error-summary" role="alert">
            <h2>
              <span lang="ko">검증 실패: 체인 손상</span> · The chain is broken at record #{report.firstBrokenId}
            </h2>
            <p>{report.reason}</p>
            <p>
              {report.checked} records checked at {formatDateTime(report.verifiedAt)}
              {report.head ? `; the records up to #${report.head.id} are intact` : ""}. Treat this as a security incident: keep the database as it
              is and tell the security officer.
            </p>
          </div>
        )
      ) : null}
    </section>
  );
}
