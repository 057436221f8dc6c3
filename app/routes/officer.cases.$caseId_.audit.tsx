import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { audit, caseAuditHistory } from "../../models/audit";
import { toActor } from "../../models/auth";
import { loadCaseFor } from "../../models/case/core";
import { throwAsResponse } from "../errors.server";
import { defineMessages } from "../../models/i18n";
import { metaTitle } from "../components/officer-common";
import { auditActionLabel, auditDetails, auditRoleLabel } from "../audit-labels";
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
      data: r.data,
    })),
  };
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
    from: "From",
    noIp: "not recorded",
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
    from: "접속 위치",
    noIp: "기록 없음",
    system: "시스템",
  },
);

export default function CaseAuditTrail() {
  const d = useLoaderData<typeof loader>();
  const { t, locale, dateTime } = useT(text);
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
      <ol className="audit-records" aria-label={t("caption")}>
        {d.records.map((r) => {
          const label = auditActionLabel(locale, r.action);
          const details = auditDetails(locale, r.action, r.data as Record<string, unknown>);
          return (
            <li key={r.id} className="audit-record">
              <div className="audit-when">
                <time dateTime={r.at}>{dateTime(r.at)}</time>
                <span>
                  {r.who ?? t("system")}
                  {r.role && r.role !== "system" ? ` (${auditRoleLabel(locale, r.role)})` : ""}
                </span>
                <span className="audit-ip">
                  {t("from")}: {r.ip ? <span translate="no">{r.ip}</span> : t("noIp")}
                </span>
              </div>
              <div className="audit-what">
                <p className="audit-action">
                  {label ? <strong>{label}</strong> : null} <code>{r.action}</code>
                </p>
                {details.length ? (
                  <dl className="audit-details">
                    {details.map((x) => (
                      <div key={x.key}>
                        <dt>{x.label ?? <code>{x.key}</code>}</dt>
                        <dd>{x.code ? <code>{x.value}</code> : x.value}</dd>
                      </div>
                    ))}
                  </dl>
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
