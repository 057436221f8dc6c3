import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { defineMessages } from "../../models/i18n";
import { useT } from "../i18n";
import { getUser, homeFor } from "../session.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  if (user) throw redirect(homeFor(user.role));
  return null;
}

export const meta: MetaFunction = () => [{ title: "TopTier: the Top-Tier talent visa portal · 최우수인재 비자 포털" }];

const text = defineMessages(
  {
    title: "Apply for the Top-Tier (F-2-T) talent visa",
    intro:
      "TopTier is where AI and advanced-industry researchers apply for Korea's Top-Tier visa, where their sponsoring employers confirm the job offer, and where immigration officers review and decide. You can follow every step of your case here.",
    signUp: "Create an applicant account",
    or: "or",
    signIn: "sign in",
    checkFirst: "Not sure you qualify?",
    check: "Check your eligibility",
    checkRest: "first: no account needed, every criterion explained.",
    employers: "Hiring foreign talent?",
    employerSignUp: "Register your company",
    employerRest: "to invite candidates, confirm job offers and follow every case you sponsor.",
  },
  {
    title: "최우수인재(F-2-T) 비자 신청",
    intro:
      "TopTier에서 AI·첨단산업 연구자는 최우수인재 비자를 신청하고, 초청 기업은 고용 제안을 확인하며, 출입국 심사관은 심사하고 결정합니다. 사건의 모든 단계를 이곳에서 확인할 수 있습니다.",
    signUp: "신청인 계정 만들기",
    or: "또는",
    signIn: "로그인",
    checkFirst: "자격이 되는지 궁금하신가요?",
    check: "자격 요건 확인하기",
    checkRest: "계정 없이 이용할 수 있고 모든 기준을 설명합니다.",
    employers: "외국인 인재를 채용하시나요?",
    employerSignUp: "기업 등록하기",
    employerRest: "후보자를 초대하고, 고용 제안을 확인하고, 초청한 모든 사건을 확인할 수 있습니다.",
  },
);

export default function Index() {
  const { t } = useT(text);
  return (
    <section>
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <p>
        <Link className="button" to="/signup">
          {t("signUp")}
        </Link>{" "}
        {t("or")} <Link to="/login">{t("signIn")}</Link>.
      </p>
      <p>
        {t("checkFirst")} <Link to="/eligibility">{t("check")}</Link>: {t("checkRest")}
      </p>
      <p>
        {t("employers")} <Link to="/employer/signup">{t("employerSignUp")}</Link> {t("employerRest")}
      </p>
    </section>
  );
}
