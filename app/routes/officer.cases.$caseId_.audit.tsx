import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { audit, caseAuditHistory } from "../../models/audit";
import { toActor } from "../../models/auth";
import { loadCaseFor } from "../../models/case/core";
import { throwAsResponse } from "../errors.server";
import { requireRole } from "../session.server";
import { formatDateTime } from "../ui";

const HISTORY_LIMIT = 500;

/** O9: who did what to a case, when and from where (senior officers). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, ["senior_officer"]);
  const db = context.services.database.db;
  const actor = toActor(user);
  const c = await loadCaseFor(db, actor, params.caseId!).catch(throwAsResponse);
  // Reading the trail is itself recorded, and shows at the top of the list.
  await audit(db, { actor, action: "case.audit_view", caseId: c.id, ip: context.ip });
  const records = await caseAuditHistory(db, c.id, { limit: HISTORY_LIMIT });
  return {
    case: { id: c.id, receiptNumber: c.receiptNumber },
    truncated: records.length === HISTORY_LIMIT,
    records: records.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      who: r.actorId ? (r.actorName ?? r.actorEmail ?? r.actorId) : "System",
      role: r.actorRole,
      action: r.action,
      ip: r.ip,
      data: summarize(r.data),
    })),
  };
}

/** `key: value` pairs on one line, long values shortened (the full record stays in the database). */
function summarize(data: Record<string, unknown>): string {
  return Object.entries(data)
    .map(([k, v]) => {
      const text = typeof v === "string" ? v : JSON.stringify(v);
      return `${k}: ${text.length > 60 ? `${text.slice(0, 57)}…` : text}`;
    })
    .join(", ");
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.case.receiptNumber ?? "Case"} · 감사 기록 Audit trail · TopTier` }];

export default function CaseAuditTrail() {
  const d = useLoaderData<typeof loader>();
  return (
    <section>
      <p>
        <Link to={`/officer/cases/${d.case.id}`}>Back to the case</Link> · <Link to="/officer/audit">Audit chain</Link>
      </p>
      <h1>
        {d.case.receiptNumber ?? "Case"} · <span lang="ko">감사 기록</span> · Audit trail
      </h1>
      <p>Newest first.{d.truncated ? ` Only the latest ${d.records.length} records are shown.` : ""}</p>
      <table>
        <caption className="visually-hidden">Audit records of this case</caption>
        <thead>
          <tr>
            <th scope="col">
              <span lang="ko">일시</span> · When
            </th>
            <th scope="col">
              <span lang="ko">처리자</span> · Who
            </th>
            <th scope="col">
              <span lang="ko">작업</span> · Action
            </th>
            <th scope="col">
              <span lang="ko">접속 위치</span> · From
            </th>
            <th scope="col">
              <span lang="ko">내용</span> · Details
            </th>
          </tr>
        </thead>
        <tbody>
          {d.records.map((r) => (
            <tr key={r.id}>
              <td>
                <time dateTime={r.at}>{formatDateTime(r.at)}</time>
              </td>
              <td>
                {r.who}
                {r.role && r.role !== "system" ? ` (${r.role.replace("_", " ")})` : ""}
              </td>
              <td>
                <code>{r.action}</code>
              </td>
              <td>{r.ip ?? "—"}</td>
              <td>{r.data}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
