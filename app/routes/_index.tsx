import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { getUser, homeFor } from "../session.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  if (user) throw redirect(homeFor(user.role));
  return null;
}

export const meta: MetaFunction = () => [{ title: "TopTier: the Top-Tier talent visa portal" }];

export default function Index() {
  return (
    <section>
      <h1>Apply for the Top-Tier (F-2-T) talent visa</h1>
      <p>
        TopTier is where AI and advanced-industry researchers apply for Korea&apos;s Top-Tier visa, where their sponsoring employers confirm the job
        offer, and where immigration officers review and decide. You can follow every step of your case here.
      </p>
      <p>
        <Link className="button" to="/signup">
          Create an applicant account
        </Link>{" "}
        or <Link to="/login">sign in</Link>.
      </p>
      <p>
        Not sure you qualify? <Link to="/eligibility">Check your eligibility</Link> first: no account needed, every criterion explained.
      </p>
    </section>
  );
}
