import type { z } from "zod";
import type { ChecklistItem } from "../checklist";
import { stepSchemas, wizardSteps, type DraftDossier, type WizardStep } from "../dossier";
import type { CaseStatus } from "../lifecycle";

/**
 * Issue 11 item 6: where an application stands, for the applicant's overview.
 * Pure (the browser bundle may use it): the task list of a draft (each wizard
 * page, the documents, check and submit) and the stage tracker of a case.
 */

export type TaskStatus = "not_started" | "in_progress" | "done";
export type TaskId = WizardStep | "documents" | "check";

export interface Task {
  id: TaskId;
  status: TaskStatus;
  /** For the documents task: required items with files, of all required items. */
  count?: { done: number; total: number };
  /** Check and submit waits until every other task is done (it can still be opened). */
  blocked?: boolean;
}

/** Whether a section holds anything the applicant typed (an empty list is an answer: "no jobs"). */
function started(draft: DraftDossier, step: WizardStep): boolean {
  const v = draft[step];
  if (v === undefined || v === null) return false;
  if (Array.isArray(v)) return true;
  // A page of lists (achievements) saved empty is answered; a page of fields needs one filled.
  return Object.values(v as Record<string, unknown>).some((x) => Array.isArray(x) || (x !== undefined && x !== null && x !== ""));
}

/** One wizard page's status: not started (never saved), done (passes the page's "Continue" check), else in progress. */
export function stepStatus(draft: DraftDossier, step: WizardStep): TaskStatus {
  if (!started(draft, step)) return "not_started";
  const schema = stepSchemas[step].complete as z.ZodType;
  return schema.safeParse({ [step]: draft[step] }).success ? "done" : "in_progress";
}

/**
 * The task list of a draft: the six wizard pages, the documents (done when every
 * required item has a file, in progress when some have), then check and submit.
 */
export function applicationTasks(draft: DraftDossier, checklist: readonly (Pick<ChecklistItem, "required"> & { done: boolean })[]): Task[] {
  const steps: Task[] = wizardSteps.map((s) => ({ id: s, status: stepStatus(draft, s) }));
  const required = checklist.filter((i) => i.required);
  const withFiles = required.filter((i) => i.done).length;
  const documents: Task = {
    id: "documents",
    status: required.length > 0 && withFiles === required.length ? "done" : withFiles > 0 || checklist.some((i) => i.done) ? "in_progress" : "not_started",
    count: { done: withFiles, total: required.length },
  };
  const ready = [...steps, documents].every((t) => t.status === "done");
  return [...steps, documents, { id: "check", status: "not_started", blocked: !ready }];
}

// ---------------------------------------------------------------------------
// The stage tracker: submitted -> sponsor -> screening -> review -> decision
// ---------------------------------------------------------------------------

export const stages = ["submitted", "sponsor", "screening", "review", "decision"] as const;
export type Stage = (typeof stages)[number];
export type StageState = "done" | "current" | "upcoming";

/** The stage each open status belongs to (a draft has none yet; the final ones are the decision, or where it stopped). */
export const stageOfStatus: Record<Exclude<CaseStatus, "draft" | "withdrawn">, Stage> = {
  submitted: "submitted",
  awaiting_sponsor: "sponsor",
  screening: "screening",
  in_review: "review",
  evidence_requested: "review",
  evidence_received: "review",
  decision_pending: "decision",
  approved: "decision",
  refused: "decision",
};

export interface Tracker {
  steps: { stage: Stage; state: StageState }[];
  /** The stage the case is at (null for a draft, nothing started yet). */
  current: Stage | null;
  /** Approved, refused or withdrawn: the tracker shows where the case ended. */
  ended: "approved" | "refused" | "withdrawn" | null;
}

/**
 * The tracker for a case status. A withdrawn case shows the stage it was
 * withdrawn at (`before`: its last status before withdrawal, from the timeline)
 * as the current one. A decided case has every earlier stage done and the
 * decision current (`ended` says how it ended).
 */
export function stageTracker(status: CaseStatus, before?: CaseStatus | null): Tracker {
  const at = status === "withdrawn" ? before : status;
  const current = at && at !== "draft" && at !== "withdrawn" ? stageOfStatus[at] : null;
  const index = current ? stages.indexOf(current) : -1;
  const ended = status === "approved" || status === "refused" || status === "withdrawn" ? status : null;
  return {
    current,
    ended,
    steps: stages.map((stage, i) => ({
      stage,
      state: i < index ? "done" : i === index ? "current" : "upcoming",
    })),
  };
}
