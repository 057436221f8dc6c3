import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getCaseView } from "../../models/case/drafts";
import { defineMessages } from "../../models/i18n";
import { throwAsResponse } from "../errors.server";
import { useT } from "../i18n";
import { caseContext, requireRole } from "../session.server";

/** A7: the confirmation page after submission, in plain words. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, ["applicant"]);
  const view = await getCaseView(caseContext(context, user), params.caseId!).catch(throwAsResponse);
  const c = view.case;
  if (c.status === "draft" || !c.receiptNumber) throw redirect(`/cases/${c.id}/apply`);
  return { caseId: c.id, receiptNumber: c.receiptNumber, submittedAt: c.submittedAt?.toISOString() ?? null, employer: view.organization?.name ?? null, email: user.email };
}

export const meta: MetaFunction = () => [{ title: "Application submitted · TopTier" }];

const text = defineMessages(
  {
    title: "Application submitted",
    receipt: "Your receipt number",
    when: "Submitted on {date}",
    email: "We have sent a confirmation to {email}. Keep the receipt number: quote it if you contact us.",
    nextTitle: "What happens next",
    next1: "{employer} confirms your job offer. We have asked them; this usually takes a few days.",
    next1NoName: "Your employer confirms your job offer. We have asked them; this usually takes a few days.",
    next2: "Your answers are then checked automatically against the visa rules.",
    next3: "An immigration officer reviews your application and documents. If they need anything more, we e-mail you and the case page lists exactly what, with a deadline.",
    next4: "You get the decision by e-mail, with a letter you can download.",
    follow: "Follow your application",
  },
  {
    title: "신청서가 제출되었습니다",
    receipt: "접수 번호",
    when: "제출일: {date}",
    email: "{email}(으)로 확인 메일을 보냈습니다. 문의할 때 접수 번호를 알려 주세요.",
    nextTitle: "앞으로의 절차",
    next1: "{employer}에서 고용 제안을 확인합니다. 요청을 보냈으며 보통 며칠 걸립니다.",
    next1NoName: "고용주가 고용 제안을 확인합니다. 요청을 보냈으며 보통 며칠 걸립니다.",
    next2: "그다음 답변이 비자 요건에 따라 자동으로 검토됩니다.",
    next3: "출입국 심사관이 신청서와 서류를 심사합니다. 추가 자료가 필요하면 메일로 알려 드리며, 신청 페이지에 필요한 항목과 기한이 표시됩니다.",
    next4: "결정은 메일로 알려 드리며, 결정 통지서를 내려받을 수 있습니다.",
    follow: "신청 현황 보기",
  },
);

export default function Submitted() {
  const d = useLoaderData<typeof loader>();
  const { t, dateTime } = useT(text);
  return (
    <section>
      <div className="panel confirmation" role="status">
        <h1>{t("title")}</h1>
        <p>
          {t("receipt")}: <strong>{d.receiptNumber}</strong>
        </p>
        {d.submittedAt ? <p>{t("when", { date: dateTime(d.submittedAt) })}</p> : null}
      </div>
      <p>{t("email", { email: d.email })}</p>
      <h2>{t("nextTitle")}</h2>
      <ol>
        <li>{d.employer ? t("next1", { employer: d.employer }) : t("next1NoName")}</li>
        <li>{t("next2")}</li>
        <li>{t("next3")}</li>
        <li>{t("next4")}</li>
      </ol>
      <p>
        <Link to={`/cases/${d.caseId}`}>{t("follow")}</Link>
      </p>
    </section>
  );
}
