import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { audit, auditChainHead, latestAuditCheckpoint, verifyAuditChain } from "../../models/audit";
import { toActor } from "../../models/auth";
import { defineMessages } from "../../models/i18n";
import { auditActionLabel } from "../audit-labels";
import { BackOfficeErrorBoundary, BackOfficeNav, metaTitle } from "../components/officer-common";
import { useT } from "../i18n";
import { requireRole } from "../session.server";
import { ErrorSummary } from "../ui";

/** O9: the state of the audit chain, and a check of the whole chain on request (senior officers). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireRole(request, context, ["senior_officer"]);
  const db = context.services.database.db;
  const [head, checkpoint] = await Promise.all([auditChainHead(db), latestAuditCheckpoint(db)]);
  return {
    head: head ? { id: head.id, at: head.at.toISOString(), action: head.action, hash: head.hash } : null,
    // Decision 015: the published heads of the parallel chains, the value to copy outside the system.
    checkpoint: checkpoint ? { id: checkpoint.id, at: checkpoint.at.toISOString(), upToId: checkpoint.upToId, digest: checkpoint.digest } : null,
  };
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

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, text, "title");

const text = defineMessages(
  {
    back: "Back to the queue",
    title: "Audit trail",
    intro:
      "Every change and every view of a case is recorded. Each record carries a SHA-256 hash over its content and the hash of the record before it, so changing or removing a record breaks the chain from that point on.",
    latest: "Latest record",
    record: "Record",
    written: "Written",
    action: "What was done",
    headHash: "Head hash",
    noHash: "none (written before the chain existed)",
    noRecords: "No records yet.",
    keepCopy:
      "Note the record number and head hash somewhere outside this system from time to time: removing the newest records, or rewriting the whole chain, can only be noticed against such a copy.",
    checkpointTitle: "Latest checkpoint",
    checkpointIntro:
      "Records are written on parallel chains so that many officers can work at once. Every minute a checkpoint records the newest record of every chain; the verification recomputes every checkpoint, so records up to a checkpoint cannot be removed unnoticed. Copying the latest checkpoint's digest outside this system also guards against a rewrite.",
    checkpointOf: "Checkpoint #{id} of {at}, records up to #{upTo}",
    digest: "Digest",
    noCheckpoint: "No checkpoint yet (the worker writes one every minute).",
    checkpointsChecked: " {n} checkpoints recomputed, the latest up to record #{id}.",
    verify: "Verify the audit chain",
    intact: "The chain is intact",
    checked: "{n} records checked at {at}",
    upTo: ", up to record #{id}",
    unchained: " {n} older records were written before the chain existed and are not covered.",
    headHashIs: "Head hash:",
    broken: "The chain is broken at record #{id}",
    intactUpTo: "; the records up to #{id} are intact",
    incident: " Treat this as a security incident: keep the database as it is and tell the security officer.",
  },
  {
    back: "대기열로 돌아가기",
    title: "감사 기록",
    intro:
      "사건의 모든 변경과 열람이 기록됩니다. 각 기록에는 그 내용과 직전 기록의 해시를 합친 SHA-256 해시가 있어, 기록을 바꾸거나 지우면 그 지점부터 체인이 끊어집니다.",
    latest: "최신 기록",
    record: "기록 번호",
    written: "기록 일시",
    action: "작업",
    headHash: "최신 해시",
    noHash: "없음 (체인 도입 이전 기록)",
    noRecords: "아직 기록이 없습니다.",
    keepCopy: "기록 번호와 최신 해시를 때때로 이 시스템 밖에 적어 두세요. 최신 기록 삭제나 체인 전체 재작성은 그런 사본과 비교해야만 알 수 있습니다.",
    checkpointTitle: "최신 체크포인트",
    checkpointIntro:
      "여러 담당자가 동시에 일할 수 있도록 기록은 병렬 체인에 쓰입니다. 1분마다 체크포인트가 각 체인의 최신 기록을 남기고, 검증은 모든 체크포인트를 다시 계산하므로 체크포인트 이전의 기록은 몰래 지울 수 없습니다. 최신 체크포인트의 다이제스트를 이 시스템 밖에 적어 두면 체인 재작성도 알 수 있습니다.",
    checkpointOf: "체크포인트 #{id} ({at}), 기록 #{upTo}까지",
    digest: "다이제스트",
    noCheckpoint: "아직 체크포인트가 없습니다 (워커가 1분마다 씁니다).",
    checkpointsChecked: " 체크포인트 {n}건 재계산, 최신은 기록 #{id}까지.",
    verify: "감사 체인 검증",
    intact: "검증 완료: 이상 없음",
    checked: "{at}에 기록 {n}건 검증",
    upTo: ", 기록 #{id}까지",
    unchained: " 체인 도입 이전의 기록 {n}건은 검증 대상이 아닙니다.",
    headHashIs: "최신 해시:",
    broken: "검증 실패: 기록 #{id}에서 체인이 끊어졌습니다",
    intactUpTo: "; 기록 #{id}까지는 이상 없습니다",
    incident: " 보안 사고로 처리하세요. 데이터베이스를 그대로 두고 보안 담당자에게 알리세요.",
  },
);

export default function AuditTrail() {
  const { head, checkpoint } = useLoaderData<typeof loader>();
  const { t, m, locale, dateTime } = useT(text);
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const report = result?.report;
  return (
    <section>
      <BackOfficeNav current="audit" />
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <ErrorSummary error={result?.error} />

      <h2>{t("latest")}</h2>
      {head ? (
        <dl className="summary">
          <dt>{t("record")}</dt>
          <dd>#{head.id}</dd>
          <dt>{t("written")}</dt>
          <dd>{dateTime(head.at)}</dd>
          <dt>{t("action")}</dt>
          <dd>
            {auditActionLabel(locale, head.action) ?? ""} <code>{head.action}</code>
          </dd>
          <dt>{t("headHash")}</dt>
          <dd>
            <code>{head.hash ?? t("noHash")}</code>
          </dd>
        </dl>
      ) : (
        <p>{t("noRecords")}</p>
      )}
      <p className="hint">{t("keepCopy")}</p>

      <h2>{t("checkpointTitle")}</h2>
      <p>{t("checkpointIntro")}</p>
      {checkpoint ? (
        <dl className="summary">
          <dt>{t("checkpointTitle")}</dt>
          <dd>{t("checkpointOf", { id: checkpoint.id, at: dateTime(checkpoint.at), upTo: checkpoint.upToId })}</dd>
          <dt>{t("digest")}</dt>
          <dd>
            <code>{checkpoint.digest}</code>
          </dd>
        </dl>
      ) : (
        <p>{t("noCheckpoint")}</p>
      )}

      <Form method="post">
        <button type="submit" name="intent" value="verify" disabled={busy}>
          {t("verify")}
        </button>
      </Form>

      {report ? (
        report.ok ? (
          <div className="notice" role="status">
            <h2>{t("intact")}</h2>
            <p>
              {t("checked", { n: report.checked, at: dateTime(report.verifiedAt) })}
              {report.head ? t("upTo", { id: report.head.id }) : ""}.{report.unchained ? t("unchained", { n: report.unchained }) : ""}
              {report.lastCheckpoint ? t("checkpointsChecked", { n: report.checkpoints, id: report.lastCheckpoint.upToId }) : ""}
            </p>
            {report.head ? (
              <p>
                {t("headHashIs")} <code>{report.head.hash}</code>
              </p>
            ) : null}
          </div>
        ) : (
          <div className="error-summary" role="alert">
            <h2>{t("broken", { id: report.firstBrokenId ?? "?" })}</h2>
            <p>{m(report.reason)}</p>
            <p>
              {t("checked", { n: report.checked, at: dateTime(report.verifiedAt) })}
              {report.head ? t("intactUpTo", { id: report.head.id }) : ""}.{t("incident")}
            </p>
          </div>
        )
      ) : null}
    </section>
  );
}

/** A plain officer who opens a senior officer's page gets a page saying so (issue 11 item 9). */
export const ErrorBoundary = BackOfficeErrorBoundary;
