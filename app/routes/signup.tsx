import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { signUp } from "../../models/auth";
import { asFormError } from "../errors.server";
import { redirectIfSignedIn, startSession } from "../session.server";
import { ErrorSummary, Field } from "../ui";

export async function loader({ request, context }: LoaderFunctionArgs) {
  return redirectIfSignedIn(request, context);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  try {
    const user = await signUp(context.services.database.db, Object.fromEntries(form), { ip: context.ip });
    return startSession(request, context, user, "/cases?welcome=1");
  } catch (err) {
    return asFormError(err);
  }
}

export const meta: MetaFunction = () => [{ title: "Create an account · TopTier" }];

export default function SignUp() {
  const result = useActionData<typeof action>();
  const errors = result && "fieldErrors" in result ? result.fieldErrors : {};
  return (
    <section>
      <h1>Create an applicant account</h1>
      <ErrorSummary error={result && "error" in result ? result.error : undefined} fieldErrors={errors} />
      <Form method="post" noValidate>
        <Field name="name" label="Full name" autoComplete="name" error={errors.name} />
        <Field name="email" label="E-mail address" type="email" autoComplete="email" error={errors.email} hint="We send a link to confirm it." />
        <Field name="password" label="Password" type="password" autoComplete="new-password" error={errors.password} hint="At least 10 characters." />
        <input type="hidden" name="locale" value="en" />
        <button type="submit">Create account</button>
      </Form>
      <p>
        Already have an account? <Link to="/login">Sign in</Link>.
      </p>
    </section>
  );
}
