import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { requireRole } from "../session.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireRole(request, context, ["admin"]);
  return null;
}

export const meta: MetaFunction = () => [{ title: "Administration · TopTier" }];

export default function AdminHome() {
  return (
    <section>
      <h1>Administration</h1>
      <ul>
        <li>
          <Link to="/admin/policy">Rule sets and reference lists</Link>: view their versions and publish new ones.
        </li>
      </ul>
      <p>
        <a href="/healthz">Service health (JSON)</a> · <Link to="/">Start page</Link>
      </p>
    </section>
  );
}
