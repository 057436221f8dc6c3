import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDateTime } from "../ui";

/** The dev mailbox: every e-mail the embedded portal "sent". Only outside production. */
export async function loader({ context }: LoaderFunctionArgs) {
  const box = context.services.devMailbox;
  if (!context.services.config.devMailPage || !box) throw new Response("Not found", { status: 404 });
  const mails = await box.list();
  return { mails: mails.slice(0, 200).map((m) => ({ id: m.id, to: m.to, subject: m.subject, date: m.date })) };
}

export const meta: MetaFunction = () => [{ title: "Dev mailbox · TopTier" }];

export default function DevMail() {
  const { mails } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>Dev mailbox</h1>
      <p>E-mails the portal sent in embedded mode. Production sends through SMTP and has no such page.</p>
      {mails.length === 0 ? <p>No e-mail yet.</p> : null}
      <table>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">To</th>
            <th scope="col">Subject</th>
          </tr>
        </thead>
        <tbody>
          {mails.map((m) => (
            <tr key={m.id}>
              <td>{formatDateTime(m.date)}</td>
              <td>{m.to}</td>
              <td>
                <Link to={`/dev/mail/${m.id}`}>{m.subject}</Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
