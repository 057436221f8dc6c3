import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { conversationForPage, sendMessage } from "../../models/case/messages";
import { defineMessages } from "../../models/i18n";
import { CaseMessages } from "../components/case-messages";
import { asFormError, throwAsResponse } from "../errors.server";
import { useT } from "../i18n";
import { caseContext, requireRole } from "../session.server";
import { loadCaseFor } from "../../models/case/core";
import { ErrorSummary } from "../ui";

/**
 * A10: the conversation of one case, for the applicant and the officers (the
 * role and the case are checked by the use cases: anyone else gets 404). POST
 * sends a message from either side and returns to the page it came from; the
 * page itself is the fallback that shows a refused message with what was typed.
 */
const roles = ["applicant", "officer", "senior_officer"] as const;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, roles);
  const ctx = caseContext(context, user);
  const conversation = await conversationForPage(ctx, params.caseId!).catch(throwAsResponse);
  const c = await loadCaseFor(ctx.db, ctx.actor, params.caseId!).catch(throwAsResponse);
  const side = user.role === "applicant" ? ("applicant" as const) : ("officer" as const);
  return { caseId: c.id, receiptNumber: c.receiptNumber, side, canSend: c.status !== "draft", messages: conversation.messages, topics: conversation.topics.map((tp) => ({ id: tp.id, label: tp.label })) };
}

/** Only our own pages of this case may be returned to. */
function returnPath(value: FormDataEntryValue | null, caseId: string, side: "applicant" | "officer"): string {
  const fallback = side === "officer" ? `/officer/cases/${caseId}` : `/cases/${caseId}`;
  const allowed = side === "officer" ? [`/officer/cases/${caseId}`, `/cases/${caseId}/messages`] : [`/cases/${caseId}`, `/cases/${caseId}/messages`];
  return typeof value === "string" && allowed.includes(value) ? value : fallback;
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireRole(request, context, roles);
  const form = await request.formData();
  const side = user.role === "applicant" ? ("applicant" as const) : ("officer" as const);
  const values = { body: String(form.get("body") ?? "") };
  try {
    await sendMessage(caseContext(context, user), params.caseId!, { body: values.body, requestItemId: String(form.get("requestItemId") ?? "") });
    return redirect(`${returnPath(form.get("returnTo"), params.caseId!, side)}?sent=1#messages`);
  } catch (err) {
    return asFormError(err, values);
  }
}

const text = defineMessages(
  { title: "Messages about application {receipt}", back: "Back to the application", backOfficer: "Back to the case file", sent: "Your message was sent." },
  { title: "신청 {receipt} 관련 메시지", back: "신청서로 돌아가기", backOfficer: "사건 파일로 돌아가기", sent: "메시지를 보냈습니다." },
);

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: `${d?.receiptNumber ?? ""} · Messages · TopTier` }];

export default function MessagesPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useT(text);
  return (
    <section>
      <p>
        <Link to={d.side === "officer" ? `/officer/cases/${d.caseId}` : `/cases/${d.caseId}`}>{d.side === "officer" ? t("backOfficer") : t("back")}</Link>
      </p>
      <h1>{t("title", { receipt: d.receiptNumber ?? "" })}</h1>
      <ErrorSummary error={result?.error} fieldErrors={result?.fieldErrors} />
      <CaseMessages
        caseId={d.caseId}
        side={d.side}
        messages={d.messages}
        topics={d.topics}
        canSend={d.canSend}
        returnTo={`/cases/${d.caseId}/messages`}
        fieldErrors={result?.fieldErrors}
        defaultBody={result?.values?.body}
      />
    </section>
  );
}
