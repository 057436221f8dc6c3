import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { audit, caseAuditHistory } from "../../models/audit";
import { toActor } from "../../models/auth";
import { loadCaseFor } from "../../models/case/core";
import { throwAsResponse } from "../errors.server";
import { defineMessages } from "../../models/i18n";
import { metaTitle, officerCommon } from "../components/officer-common";
import { useT } from "../i18n";
import { requireRole } from "../session.server";

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
      who: r.actorId ? (r.actorName ?? r.actorEmail ?? r.actorId) : null,
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

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => metaTitle(matches, text, "title", data?.case.receiptNumber ?? undefined);

const text = defineMessages(
  {
    back: "Back to the case",
    chain: "Audit chain",
    case: "Case",
    title: "Audit trail",
    newest: "Newest first.",
    truncated: " Only the latest {n} records are shown.",
    caption: "Audit records of this case",
    when: "When",
    who: "Who",
    action: "Action",
    from: "From",
    details: "Details",
    system: "System",
  },
  {
    back: "사건으로 돌아가기",
    chain: "감사 체인",
    case: "사건",
    title: "감사 기록",
    newest: "최신순.",
    truncated: " 최근 기록 {n}건만 보여 줍니다.",
    caption: "이 사건의 감사 기록",
    when: "일시",
    who: "처리자",
    action: "작업",
    from: "접속 위치",
    details: "내용",
    system: "시스템",
  },
);

export default function CaseAuditTrail() {
  const d = useLoaderData<typeof loader>();
  const { t, dateTime } = useT(text);
  const common = useT(officerCommon).t;
  const roleName = (role: string) => (role === "officer" || role === "senior_officer" ? common(`role_${role}`) : role.replace("_", " "));
  return (
    <section>
      <p>
        <Link to={`/officer/cases/${d.case.id}`}>{t("back")}</Link> · <Link to="/officer/audit">{t("chain")}</Link>
      </p>
      <h1>
        {d.case.receiptNumber ?? t("case")} · {t("title")}
      </h1>
      <p>
        {t("newest")}
        {d.truncated ? t("truncated", { n: d.records.length }) : ""}
      </p>
      <table>
        <caption className="visually-hidden">{t("caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("when")}</th>
            <th scope="col">{t("who")}</th>
            <th scope="col">{t("action")}</th>
            <th scope="col">{t("from")}</th>
            <th scope="col">{t("details")}</th>
          </tr>
        </thead>
        <tbody>
          {d.records.map((r) => (
            <tr key={r.id}>
              <td>
                <time dateTime={r.at}>{dateTime(r.at)}</time>
              </td>
              <td>
                {r.who ?? t("system")}
                {r.role && r.role !== "system" ? ` (${roleName(r.role)})` : ""}
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
