import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { verifyEmail } from "../../models/auth";
import { AppError } from "../../models/errors";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  try {
    const user = await verifyEmail(context.services.database.db, token);
    return { ok: true as const, email: user.email };
  } catch (err) {
    if (err instanceof AppError) return { ok: false as const, message: err.message };
    throw err;
  }
}

export const meta: MetaFunction = () => [{ title: "Confirm e-mail · TopTier" }];

export default function VerifyEmail() {
  const result = useLoaderData<typeof loader>();
  return result.ok ? (
    <section>
      <h1>E-mail address confirmed</h1>
      <p>Thank you: {result.email} is confirmed.</p>
      <p>
        <Link to="/cases">Go to your applications</Link>
      </p>
    </section>
  ) : (
    <section>
      <h1>This link does not work</h1>
      <p>{result.message}</p>
    </section>
  );
}
