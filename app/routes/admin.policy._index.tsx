import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listPolicyVersions } from "../../models/policy";
import { requireRole } from "../session.server";
import { formatDateTime } from "../ui";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireRole(request, context, ["admin"]);
  const entries = await listPolicyVersions(context.services.database.db);
  return { entries: entries.map((e) => ({ ...e, publishedAt: e.publishedAt?.toISOString() ?? null })) };
}

export const meta: MetaFunction = () => [{ title: "Rule sets and reference lists · TopTier admin" }];

/** P7: every rule set and reference list with its versions; new versions are published, never edited in place. */
export default function PolicyIndex() {
  const { entries } = useLoaderData<typeof loader>();
  const section = (kind: "ruleset" | "reference", title: string) => (
    <>
      <h2>{title}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Id</th>
            <th scope="col">Version</th>
            <th scope="col">Title</th>
            <th scope="col">{kind === "ruleset" ? "In force from" : "Source"}</th>
            <th scope="col">Published</th>
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
                <td>{e.publishedAt ? formatDateTime(e.publishedAt) : "shipped with the code"}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </>
  );
  return (
    <section>
      <p>
        <Link to="/admin">Administration</Link>
      </p>
      <h1>Rule sets and reference lists</h1>
      <p>
        Screening uses, for each rule set, the version in force on the day of assessment, and the latest version of each reference list. Publishing
        a new version re-screens every case not yet decided, in the background; the change appears on each case&apos;s timeline.
      </p>
      {section("ruleset", "Rule sets")}
      {section("reference", "Reference lists")}
    </section>
  );
}
