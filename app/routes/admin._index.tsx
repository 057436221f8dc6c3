import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { defineMessages } from "../../models/i18n";
import { metaTitle } from "../components/officer-common";
import { useT } from "../i18n";
import { requireRole } from "../session.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireRole(request, context, ["admin"]);
  return null;
}

export const meta: MetaFunction = ({ matches }) => metaTitle(matches, text, "title");

const text = defineMessages(
  {
    title: "Administration",
    policy: "Rule sets and reference lists",
    policyHint: ": view their versions and publish new ones.",
    queues: "Background job queues",
    queuesHint: ": waiting, running, failed and finished jobs (Bull Board); retry or remove them.",
    health: "Service readiness (JSON)",
    start: "Start page",
  },
  {
    title: "시스템 관리",
    policy: "심사 규칙 및 참조 목록",
    policyHint: ": 버전을 확인하고 새 버전을 게시합니다.",
    queues: "백그라운드 작업 대기열",
    queuesHint: ": 대기·실행·실패·완료된 작업을 보고 다시 실행하거나 삭제합니다 (Bull Board).",
    health: "서비스 준비 상태 (JSON)",
    start: "처음 화면",
  },
);

export default function AdminHome() {
  const { t } = useT(text);
  return (
    <section>
      <h1>{t("title")}</h1>
      <ul>
        <li>
          <Link to="/admin/policy">{t("policy")}</Link>
          {t("policyHint")}
        </li>
        <li>
          {/* Served by Express (server.ts), not a Remix route: a full page load. */}
          <a href="/admin/queues">{t("queues")}</a>
          {t("queuesHint")}
        </li>
      </ul>
      <p>
        <a href="/readyz">{t("health")}</a> · <Link to="/">{t("start")}</Link>
      </p>
    </section>
  );
}
