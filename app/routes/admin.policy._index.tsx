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
    edition: "Edition",
    versions: "Versions",
    inForce: "in force from {date}",
    shipped: "shipped with the code",
    publishedAt: "published {at}",
    admin: "Administration",
    title: "Rule sets and reference lists",
    intro:
      "Screening uses, for each rule set, the version in force on the day of assessment, and the latest version of each reference list. Publishing a new version re-screens every case not yet decided, in the background; the change appears on each case's timeline.",
    rulesets: "Rule sets",
    references: "Reference lists",
  },
  {
    id: "식별자",
    edition: "기준 자료",
    versions: "버전",
    inForce: "{date}부터 시행",
    shipped: "프로그램과 함께 배포",
    publishedAt: "{at} 게시",
    admin: "시스템 관리",
    title: "심사 규칙 및 참조 목록",
    intro:
      "자동 심사는 심사일에 시행 중인 규칙 버전과 각 참조 목록의 최신 버전을 사용합니다. 새 버전을 게시하면 아직 결정되지 않은 모든 사건을 백그라운드에서 다시 심사하며, 변경 내용은 각 사건의 진행 기록에 나타납니다.",
    rulesets: "심사 규칙",
    references: "참조 목록",
  },
);

type Entry = ReturnType<typeof useLoaderData<typeof loader>>["entries"][number];

/** The entries of one kind, one group per rule set or list (its versions in the order they came), the latest first in each. */
function byKey(entries: Entry[], kind: Entry["kind"]): { key: string; latest: Entry; versions: Entry[] }[] {
  const groups = new Map<string, Entry[]>();
  for (const e of entries) if (e.kind === kind) groups.set(e.key, [...(groups.get(e.key) ?? []), e]);
  return [...groups].map(([key, versions]) => ({ key, latest: versions[versions.length - 1]!, versions: [...versions].reverse() }));
}

export default function PolicyIndex() {
  const { entries } = useLoaderData<typeof loader>();
  const { t, locale, date, dateTime } = useT(text);
  const section = (kind: Entry["kind"], title: string) => (
    <>
      <h2>{title}</h2>
      <ul className="policy-list">
        {byKey(entries, kind).map(({ key, latest, versions }) => {
          const edition = locale === "ko" ? (latest.editionKo ?? latest.edition) : latest.edition;
          return (
            <li key={key}>
              <h3>
                <Link to={`/admin/policy/${kind}/${encodeURIComponent(key)}`}>{locale === "ko" ? (latest.titleKo ?? latest.title) : latest.title}</Link>
              </h3>
              <dl className="policy-facts">
                <div>
                  <dt>{t("id")}</dt>
                  <dd>
                    <code>{key}</code>
                  </dd>
                </div>
                {edition ? (
                  <div>
                    <dt>{t("edition")}</dt>
                    <dd>{edition}</dd>
                  </div>
                ) : null}
                <div>
                  <dt>{t("versions")}</dt>
                  <dd>
                    <ul className="policy-versions">
                      {versions.map((v) => (
                        <li key={v.version}>
                          <code>{v.version}</code>
                          {v.effectiveFrom ? ` · ${t("inForce", { date: date(v.effectiveFrom) })}` : ""} · {v.publishedAt ? t("publishedAt", { at: dateTime(v.publishedAt) }) : t("shipped")}
                        </li>
                      ))}
                    </ul>
                  </dd>
                </div>
              </dl>
            </li>
          );
        })}
      </ul>
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
