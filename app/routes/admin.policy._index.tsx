import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listPolicyVersions } from "../../models/policy";
import { defineMessages } from "../../models/i18n";
import { metaTitle } from "../components/officer-common";
import { useT } from "../i18n";
import { requireRole } from "../session.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireRole(request, context, ["admin"]);
  const entries = await listPolicyVersions(context.services.database.db);
  return { entries: entries.map((e) => ({ ...e, publishedAt: e.publishedAt?.toISOString() ?? null })) };
}

/** P7: every rule set and reference list with its versions; new versions are published, never edited in place. */
export const meta: MetaFunction = ({ matches }) => metaTitle(matches, text, "title");

const text = defineMessages(
  {
    id: "Id",
    version: "Version",
    titleCol: "Title",
    inForce: "In force from",
    source: "Source",
    published: "Published",
    shipped: "shipped with the code",
    admin: "Administration",
    title: "Rule sets and reference lists",
    intro:
      "Screening uses, for each rule set, the version in force on the day of assessment, and the latest version of each reference list. Publishing a new version re-screens every case not yet decided, in the background; the change appears on each case's timeline.",
    rulesets: "Rule sets",
    references: "Reference lists",
  },
  {
    id: "식별자",
    version: "버전",
    titleCol: "제목",
    inForce: "시행일",
    source: "출처",
    published: "게시일시",
    shipped: "프로그램과 함께 배포",
    admin: "시스템 관리",
    title: "심사 규칙 및 참조 목록",
    intro:
      "자동 심사는 심사일에 시행 중인 규칙 버전과 각 참조 목록의 최신 버전을 사용합니다. 새 버전을 게시하면 아직 결정되지 않은 모든 사건을 백그라운드에서 다시 심사하며, 변경 내용은 각 사건의 진행 기록에 나타납니다.",
    rulesets: "심사 규칙",
    references: "참조 목록",
  },
);

export default function PolicyIndex() {
  const { entries } = useLoaderData<typeof loader>();
  const { t, dateTime } = useT(text);
  const section = (kind: "ruleset" | "reference", title: string) => (
    <>
      <h2>{title}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("id")}</th>
            <th scope="col">{t("version")}</th>
            <th scope="col">{t("titleCol")}</th>
            <th scope="col">{kind === "ruleset" ? t("inForce") : t("source")}</th>
            <th scope="col">{t("published")}</th>
          </tr>
        </thead>
        <tbody>
          {entries
            .filter((e) => e.kind === kind)
            .map((e) => (
              <tr key={`${e.key}@${e.version}`}>
                <td>
                  <Link to={`/admin/policy/${kind}/${encodeURIComponent(e.key)}`}>{e.key}</Link>
                </td>
                <td>{e.version}</td>
                <td>{e.title}</td>
                <td>{kind === "ruleset" ? (e.effectiveFrom ?? "") : e.source}</td>
                <td>{e.publishedAt ? dateTime(e.publishedAt) : t("shipped")}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </>
  );
  return (
    <section>
      <p>
        <Link to="/admin">{t("admin")}</Link>
      </p>
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      {section("ruleset", t("rulesets"))}
      {section("reference", t("references"))}
    </section>
  );
}
