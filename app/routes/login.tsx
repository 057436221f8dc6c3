import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { loginSchema } from "../../models/auth";
import { fieldErrors } from "../../models/dossier";
import { homeFor, redirectIfSignedIn, safeRedirect, signIn, startSession } from "../session.server";
import { ErrorSummary, Field } from "../ui";

export async function loader({ request, context }: LoaderFunctionArgs) {
  return redirectIfSignedIn(request, context);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const parsed = loginSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return data({ error: undefined, fieldErrors: fieldErrors(parsed.error) }, { status: 400 });
  const user = await signIn(request, context, parsed.data.email, parsed.data.password);
  if (!user) {
    return data({ error: "The e-mail address or password is not right.", fieldErrors: {} as Record<string, string> }, { status: 400 });
  }
  return startSession(request, context, user, safeRedirect(form.get("redirectTo"), homeFor(user.role)));
}

export const meta: MetaFunction = () => [{ title: "Sign in · TopTier" }];

export default function Login() {
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errors = result?.fieldErrors ?? {};
  return (
    <section>
      <h1>Sign in</h1>
      <ErrorSummary error={result?.error} fieldErrors={errors} />
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <Field name="email" label="E-mail address" type="email" autoComplete="username" error={errors.email} />
        <Field name="password" label="Password" type="password" autoComplete="current-password" error={errors.password} />
        <button type="submit">Sign in</button>
      </Form>
      <p>
        New here? <Link to="/signup">Create an applicant account</Link>.
      </p>
    </section>
  );
}
