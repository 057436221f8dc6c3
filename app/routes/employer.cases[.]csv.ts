import type { LoaderFunctionArgs } from "@remix-run/node";
import { dashboardCsv, listDashboard } from "../../models/case/employer-dashboard";
import { translator } from "../../models/i18n";
import { actorKey, deadlineKey, employerLabels, stageLabel } from "../components/employer";
import { throwAsResponse } from "../errors.server";
import { getLocale } from "../locale.server";
import { caseContext, requireRole } from "../session.server";

const headers = {
  en: ["Receipt number", "Applicant", "Job title", "Stage", "Days in stage", "Next deadline", "Deadline type", "Who acts next", "Submitted"],
  ko: ["접수번호", "신청인", "직무", "단계", "현 단계 경과일", "다음 기한", "기한 종류", "다음 조치", "제출일"],
} as const;

/** E4: the dashboard (with the same filters) as CSV for Excel: UTF-8 with BOM, formulas neutralised. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, ["employer_admin", "employer_member"]);
  const url = new URL(request.url);
  const rows = await listDashboard(caseContext(context, user), { stage: url.searchParams.get("stage"), q: url.searchParams.get("q"), sort: url.searchParams.get("sort") }).catch(throwAsResponse);
  const locale = await getLocale(request, user);
  const t = translator(locale, employerLabels);
  const csv = dashboardCsv(rows, {
    headers: [...headers[locale]],
    stage: (s) => stageLabel(locale, s),
    actor: (a) => t(actorKey(a)),
    deadlineKind: (k) => t(deadlineKey(k)),
  });
  const day = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="sponsored-cases-${day}.csv"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
