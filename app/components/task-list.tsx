import { Link } from "@remix-run/react";
import { defineMessages } from "../../models/i18n";
import type { Task, TaskId } from "../../models/case/progress";
import { useT } from "../i18n";

const text = defineMessages(
  {
    title: "Your application",
    intro: "Complete each section, in any order. You can come back to any of them until you submit.",
    progress: "{done} of {total} sections done.",
    personal: "Personal details and passport",
    education: "Education",
    work: "Work history",
    achievements: "Publications, patents and awards",
    offer: "Job offer",
    dependants: "Dependants",
    documents: "Documents",
    check: "Check and submit",
    not_started: "Not started",
    in_progress: "In progress",
    done: "Done",
    cannotStart: "Cannot start yet",
    docsCount: "{done} of {total} required documents have files",
    checkHint: "Open it any time to see what is left.",
  },
  {
    title: "내 신청서",
    intro: "순서에 상관없이 각 항목을 완성하세요. 제출하기 전까지 언제든 다시 열어 고칠 수 있습니다.",
    progress: "{total}개 항목 중 {done}개 완료.",
    personal: "인적 사항 및 여권",
    education: "학력",
    work: "경력",
    achievements: "논문·특허·수상",
    offer: "고용 제안",
    dependants: "동반 가족",
    documents: "서류",
    check: "확인 및 제출",
    not_started: "시작 전",
    in_progress: "작성 중",
    done: "완료",
    cannotStart: "아직 시작할 수 없음",
    docsCount: "필수 서류 {total}개 중 {done}개에 파일이 있습니다",
    checkHint: "남은 일을 확인하려면 언제든 열어 보세요.",
  },
);

const href = (caseId: string, id: TaskId) => (id === "documents" ? `/cases/${caseId}/documents` : `/cases/${caseId}/apply/${id}`);

/** Issue 11 item 6: the draft's sections with their status in words (GOV.UK's task list pattern). */
export function TaskList({ caseId, tasks }: { caseId: string; tasks: Task[] }) {
  const { t } = useT(text);
  const sections = tasks.filter((x) => x.id !== "check");
  return (
    <section aria-labelledby="task-list-title">
      <h2 id="task-list-title">{t("title")}</h2>
      <p>
        {t("intro")} <strong>{t("progress", { done: sections.filter((x) => x.status === "done").length, total: sections.length })}</strong>
      </p>
      <ul className="task-list" data-testid="task-list">
        {tasks.map((task) => {
          const status = task.id === "check" && task.blocked ? t("cannotStart") : t(task.status);
          const cls = task.id === "check" && task.blocked ? "status-optional" : task.status === "done" ? "status-done" : task.status === "in_progress" ? "status-progress" : "status-optional";
          const hintId = `task-${task.id}-hint`;
          const hint = task.id === "documents" && task.count ? t("docsCount", task.count) : task.id === "check" && task.blocked ? t("checkHint") : null;
          return (
            <li key={task.id} data-task={task.id} data-status={task.status}>
              <span className="task-name">
                <Link to={href(caseId, task.id)} aria-describedby={`task-${task.id}-status${hint ? ` ${hintId}` : ""}`}>
                  {t(task.id)}
                </Link>
                {hint ? (
                  <span className="task-hint" id={hintId}>
                    {hint}
                  </span>
                ) : null}
              </span>
              <strong className={`status-tag ${cls}`} id={`task-${task.id}-status`}>
                {status}
              </strong>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
