import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { createDraftCase } from "../../models/case/drafts";
import { defineMessages } from "../../models/i18n";
import { asFormError } from "../errors.server";
import { useT } from "../i18n";
import { requireRole, caseContext } from "../session.server";
import { ErrorSummary } from "../ui";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireRole(request, context, ["applicant"]);
  return null;
}

/** A3: start an empty draft and go to the first page of the wizard. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, context, ["applicant"]);
  try {
    const c = await createDraftCase(caseContext(context, user), {});
    return redirect(`/cases/${c.id}/apply/personal`);
  } catch (err) {
    return asFormError(err);
  }
}

export const meta: MetaFunction = () => [{ title: "New application · TopTier" }];

const text = defineMessages(
  {
    title: "Start a new application",
    intro: "The application has six short pages. Each page is saved when you continue, and you can stop at any time and come back later: you will return to the page you were on.",
    pages: "You will be asked about:",
    p1: "your personal details and passport",
    p2: "your degrees",
    p3: "your work history",
    p4: "your publications, patents and awards",
    p5: "your job offer",
    p6: "family members who come with you",
    after: "Then you check your answers, upload the documents we list for you, and submit.",
    start: "Start",
    cancel: "Back to your applications",
  },
  {
    title: "새 신청서 작성",
    intro: "신청서는 짧은 6개 페이지로 되어 있습니다. '계속'을 누를 때마다 저장되며, 언제든 멈췄다가 나중에 다시 오면 보던 페이지로 돌아갑니다.",
    pages: "다음 내용을 묻습니다:",
    p1: "인적 사항 및 여권",
    p2: "학위",
    p3: "경력",
    p4: "논문·특허·수상",
    p5: "고용 제안",
    p6: "함께 오는 가족",
    after: "그다음 답변을 확인하고, 안내하는 서류를 올린 뒤 제출합니다.",
    start: "시작하기",
    cancel: "내 신청서로 돌아가기",
  },
);

export default function NewCase() {
  const { t } = useT(text);
  const result = useActionData<typeof action>();
  return (
    <section>
      <h1>{t("title")}</h1>
      <ErrorSummary error={result?.error} />
      <p>{t("intro")}</p>
      <p>{t("pages")}</p>
      <ol>
        {(["p1", "p2", "p3", "p4", "p5", "p6"] as const).map((k) => (
          <li key={k}>{t(k)}</li>
        ))}
      </ol>
      <p>{t("after")}</p>
      <Form method="post">
        <button type="submit">{t("start")}</button>
      </Form>
      <p>
        <Link to="/cases">{t("cancel")}</Link>
      </p>
    </section>
  );
}
