import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDateTime } from "../ui";

export async function loader({ context, params }: LoaderFunctionArgs) {
  const box = context.services.devMailbox;
  if (!context.services.config.devMailPage || !box) throw new Response("Not found", { status: 404 });
  const mail = await box.get(params.id!);
  if (!mail) throw new Response("No such e-mail", { status: 404 });
  return { mail };
}

/** The text part, with links made clickable (the HTML part is not injected into the page). */
export default function DevMailMessage() {
  const { mail } = useLoaderData<typeof loader>();
  const parts = mail.text.split(/(https?:\/\/\S+)/g);
  return (
    <section>
      <p>
        <Link to="/dev/mail">Back to the mailbox</Link>
      </p>
      <h1>{mail.subject}</h1>
      <p>
        To {mail.to} · from {mail.from} · {formatDateTime(mail.date)}
      </p>
      <div className="mail-body">{parts.map((p, i) => (/^https?:\/\//.test(p) ? <a key={i} href={p}>{p}</a> : <span key={i}>{p}</span>))}</div>
    </section>
  );
}
