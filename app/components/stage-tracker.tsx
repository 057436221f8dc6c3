import { defineMessages } from "../../models/i18n";
import type { Stage, Tracker } from "../../models/case/progress";
import { useT } from "../i18n";

const text = defineMessages(
  {
    label: "Where your application is",
    submitted: "Submitted",
    sponsor: "Sponsor confirms",
    screening: "Screening",
    review: "Officer review",
    decision: "Decision",
    done: "Done",
    current: "Current stage",
    upcoming: "Not yet",
    approved: "Approved",
    refused: "Refused",
    withdrawn: "Withdrawn at this stage",
  },
  {
    label: "신청 진행 단계",
    submitted: "제출",
    sponsor: "기업 확인",
    screening: "자동 심사",
    review: "심사관 검토",
    decision: "결정",
    done: "완료",
    current: "현재 단계",
    upcoming: "예정",
    approved: "승인",
    refused: "불허",
    withdrawn: "이 단계에서 철회됨",
  },
);

/**
 * Issue 11 item 6: the stages of a case as numbered steps. The current one is
 * marked in words ("Current stage") and with aria-current="step", done ones
 * with a tick and "Done": colour only adds to that.
 */
export function StageTracker({ tracker }: { tracker: Tracker }) {
  const { t } = useT(text);
  const stateWords = (stage: Stage, state: "done" | "current" | "upcoming") => {
    if (state !== "current") return t(state);
    if (tracker.ended === "withdrawn") return t("withdrawn");
    if (stage === "decision" && (tracker.ended === "approved" || tracker.ended === "refused")) return t(tracker.ended);
    return t("current");
  };
  return (
    <ol className="stage-tracker" data-testid="stage-tracker" aria-label={t("label")}>
        {tracker.steps.map((s) => (
        <li key={s.stage} className={s.state === "current" && tracker.ended ? `current ${tracker.ended}` : s.state} aria-current={s.state === "current" ? "step" : undefined} data-stage={s.stage}>
            {t(s.stage)}
            <span className="stage-state">
              <span className="visually-hidden">: </span>
              {stateWords(s.stage, s.state)}
            </span>
          </li>
        ))}
    </ol>
  );
}
