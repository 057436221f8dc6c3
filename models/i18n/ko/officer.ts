/** Korean for the English messages the officer models produce (keyed by the exact English text). */
import { describeAction, statusLabels, transitions, type CaseAction, type CaseStatus } from "../../lifecycle";
import type { Role } from "../../schema/users";
import { josa } from "../josa";
import { roleNames } from "../roles";

const fixed: Record<string, string> = {
  // Queues (O1)
  "Only officers work the review queues.": "심사 대기열은 심사관만 이용할 수 있습니다.",
  "Second reviews are taken by senior officers.": "2차 검토(결재)는 선임 심사관이 맡습니다.",
  "Only cases in review, with evidence received or in second review are assigned.": "심사 중, 보완서류 접수, 2차 검토 단계의 사건만 배정할 수 있습니다.",
  "This case is with another officer; a senior officer can reassign it.": "다른 심사관이 담당 중인 사건입니다. 선임 심사관만 재배정할 수 있습니다.",
  "Choose an officer.": "심사관을 선택하세요.",
  "Choose an officer": "심사관을 선택하세요",
  "A second review goes to a senior officer other than the one who proposed the decision.": "2차 검토는 결정을 제안한 사람이 아닌 다른 선임 심사관에게 배정됩니다.",
  "Choose another senior officer": "다른 선임 심사관을 선택하세요",
  "Only the assigned officer or a senior officer can release this case.": "담당 심사관이나 선임 심사관만 이 사건을 대기열로 반환할 수 있습니다.",
  // Case file (O4)
  "Choose whether the document is verified or rejected.": "서류를 확인 처리할지 반려할지 선택하세요.",
  "Choose verified or rejected": "확인 또는 반려를 선택하세요",
  "Say why the document is rejected.": "서류를 반려하는 이유를 적으세요.",
  "Write the reason for rejecting the document (at least 10 characters)": "서류 반려 사유를 적으세요 (10자 이상)",
  "The reason is too long.": "사유가 너무 깁니다.",
  "The reason must be 1,000 characters or fewer": "사유는 1,000자 이하로 적으세요",
  "Documents can be reviewed only while the case is in review, waiting for evidence, with evidence received or waiting for the decision.":
    "서류 검토는 심사 중, 보완 대기, 보완서류 접수, 결정 대기 단계에서만 할 수 있습니다.",
  "Document not found.": "서류를 찾을 수 없습니다.",
  "Only officers can review documents.": "심사관만 서류를 검토할 수 있습니다.",
  "Only officers can write case notes.": "심사관만 메모를 작성할 수 있습니다.",
  "Only officers can read case notes.": "심사관만 메모를 볼 수 있습니다.",
  "Only officers can open the case file.": "심사관만 사건 서류철을 열 수 있습니다.",
  "Only officers can resume a review.": "심사관만 심사를 재개할 수 있습니다.",
  "The note is empty.": "메모가 비어 있습니다.",
  "Write the note": "메모를 적으세요",
  "The note is too long.": "메모가 너무 깁니다.",
  "A note must be 5,000 characters or fewer": "메모는 5,000자 이하로 적으세요",
  // Requests for evidence (O5)
  "Only officers request evidence.": "보완요청은 심사관만 할 수 있습니다.",
  "The request needs correcting.": "보완요청 내용을 고쳐야 합니다.",
  "Write guidance for the applicant (at least 10 characters)": "신청인 안내문을 적으세요 (10자 이상)",
  "Guidance must be 5,000 characters or fewer": "안내문은 5,000자 이하로 적으세요",
  "Choose a deadline": "제출 기한을 선택하세요",
  "Enter the deadline as YYYY-MM-DD": "기한을 YYYY-MM-DD 형식으로 입력하세요",
  "Write the question (at least 5 characters)": "질문을 적으세요 (5자 이상)",
  "A question must be 1,000 characters or fewer": "질문은 1,000자 이하로 적으세요",
  "Ask for at least one item": "요청할 항목을 하나 이상 고르세요",
  // Issue 11 item 8: items of the checklist, and what is already on file
  "Some items you chose are already on file. Tick the box to ask for them again, or untick them.": "고른 항목 중 일부는 이미 제출되어 있습니다. 다시 요청하려면 확인란을 선택하고, 아니면 해당 항목의 선택을 해제하세요.",
  "Some items you chose are already on file": "고른 항목 중 일부는 이미 제출되어 있습니다",
  "Already on file": "이미 제출됨",
  "Choose items from this case's checklist": "이 사건의 제출 서류 목록에서 항목을 고르세요",
  "Ask for at most 20 items at once": "한 번에 최대 20개 항목까지 요청할 수 있습니다",
  "Give the applicant at least until tomorrow": "기한은 내일 이후로 정하세요",
  "A deadline can be at most 90 days away": "기한은 최대 90일 이내로 정하세요",
  "Choose who must answer": "답변 대상을 선택하세요",
  "A request to the employer holds questions only": "초청 기업에는 질문만 요청할 수 있습니다",
  "This case has no sponsoring employer to ask": "이 사건에는 요청할 초청 기업이 없습니다",
  // Decisions and templates (O6)
  "The decision needs correcting.": "결정 내용을 고쳐야 합니다.",
  "Choose approve or refuse": "승인 또는 불허를 선택하세요",
  "Write the reasons for the decision (at least 10 characters)": "결정 사유를 적으세요 (10자 이상)",
  "Reasons must be 10,000 characters or fewer": "사유는 10,000자 이하로 적으세요",
  "There is no decision waiting for review on this case.": "이 사건에는 결재를 기다리는 결정이 없습니다.",
  "You recorded this decision; another senior officer must confirm it.": "직접 기록한 결정입니다. 다른 선임 심사관이 결재해야 합니다.",
  "Say why the decision goes back.": "결정을 반려하는 이유를 적으세요.",
  "Write a comment for the officer": "심사관에게 남길 의견을 적으세요",
  "This template is not available: choose another": "사용할 수 없는 서식입니다. 다른 서식을 고르세요",
  "This template is for approvals: choose one that matches the decision": "승인용 서식입니다. 결정에 맞는 서식을 고르세요",
  "This template is for refusals: choose one that matches the decision": "불허용 서식입니다. 결정에 맞는 서식을 고르세요",
  "Only senior officers maintain decision templates.": "결정 사유 서식은 선임 심사관만 관리합니다.",
  "Only officers see decision templates.": "결정 사유 서식은 심사관만 볼 수 있습니다.",
  "The template needs correcting.": "서식 내용을 고쳐야 합니다.",
  "Template not found.": "서식을 찾을 수 없습니다.",
  "A template with this code already exists.": "같은 코드의 서식이 이미 있습니다.",
  "This code is taken: choose another": "이미 쓰는 코드입니다. 다른 코드를 정하세요",
  "Enter a code": "코드를 입력하세요",
  "Use 3 to 49 lower-case letters, digits and hyphens, e.g. refuse-income": "영문 소문자, 숫자, 하이픈으로 3~49자를 쓰세요. 예: refuse-income",
  "Enter the English title": "영문 제목을 입력하세요",
  "Enter the Korean title": "국문 제목을 입력하세요",
  "Enter the English text": "영문 문안을 입력하세요",
  "Enter the Korean text": "국문 문안을 입력하세요",
  "The English title must be 120 characters or fewer": "영문 제목은 120자 이하로 적으세요",
  "The Korean title must be 120 characters or fewer": "국문 제목은 120자 이하로 적으세요",
  "The English text must be at least 10 characters": "영문 문안은 10자 이상 적으세요",
  "The Korean text must be at least 10 characters": "국문 문안은 10자 이상 적으세요",
  "The English text must be 5,000 characters or fewer": "영문 문안은 5,000자 이하로 적으세요",
  "The Korean text must be 5,000 characters or fewer": "국문 문안은 5,000자 이하로 적으세요",
  // Search and statistics (O7, O8)
  "Only officers search cases.": "사건 검색은 심사관만 할 수 있습니다.",
  "Check the search.": "검색 조건을 확인하세요.",
  "Enter a receipt number, a name, a passport number or an employer": "접수번호, 성명, 여권번호 또는 기업명을 입력하세요",
  "A search is 200 characters or fewer": "검색어는 200자 이하로 입력하세요",
  "Choose a stage from the list": "목록에서 단계를 고르세요",
  "Statistics are for senior officers.": "통계는 선임 심사관만 볼 수 있습니다.",
  // Audit trail (O9)
  "Choose what to do.": "무엇을 할지 고르세요.",
  "The record's content does not match its hash: the record or its hash was changed.": "기록 내용이 해시와 맞지 않습니다. 기록이나 해시가 변경되었습니다.",
  "The record does not follow the one before it: a record was removed, or this record's link was changed.": "직전 기록과 이어지지 않습니다. 기록이 삭제되었거나 연결 정보가 변경되었습니다.",
  "The record has no hash although records before it are chained (hash removed or record written around the chain).":
    "앞선 기록은 체인에 연결되어 있는데 이 기록에는 해시가 없습니다 (해시 삭제 또는 체인을 우회한 기록).",
  "The records up to this one do not match a checkpoint: the newest record of a chain up to here was removed, or the checkpoint was changed.":
    "이 기록까지의 기록이 체크포인트와 맞지 않습니다. 이 지점까지 어느 체인의 최신 기록이 삭제되었거나 체크포인트가 변경되었습니다.",
  // Administration (policy)
  "Only administrators publish policy.": "정책은 관리자만 게시할 수 있습니다.",
  "The text is not valid JSON.": "올바른 JSON이 아닙니다.",
  "No such reference list.": "그런 참조 목록이 없습니다.",
  "The new version does not pass the checks.": "새 버전이 검사를 통과하지 못했습니다.",
  "The id cannot change.": "식별자(id)는 바꿀 수 없습니다.",
  "No such rule set or reference list": "그런 심사 규칙이나 참조 목록이 없습니다",
  "This version exists already: give the new version its own number.": "이미 있는 버전입니다. 새 버전에는 새 번호를 붙이세요.",
  // The fixed messages of the rule-set and reference-list schemas (models/eligibility/schema.ts), shown by models/policy-problems.ts
  "node id must be lower-case letters, digits, _ . -": "노드 id에는 영문 소문자, 숫자, _ . - 만 쓸 수 있습니다",
  "effectiveFrom must be a calendar date YYYY-MM-DD": "effectiveFrom은 YYYY-MM-DD 형식의 실제 날짜여야 합니다",
  "effectiveTo must be a calendar date YYYY-MM-DD": "effectiveTo는 YYYY-MM-DD 형식의 실제 날짜여야 합니다",
  "effectiveTo must not be before effectiveFrom": "effectiveTo는 effectiveFrom보다 앞설 수 없습니다",
  "appliesFrom must be YYYY-MM-DD": "appliesFrom은 YYYY-MM-DD 형식의 날짜여야 합니다",
  "appliesTo must be YYYY-MM-DD": "appliesTo는 YYYY-MM-DD 형식의 날짜여야 합니다",
  "since must be YYYY-MM-DD": "since는 YYYY-MM-DD 형식의 날짜여야 합니다",
  "until must be YYYY-MM-DD": "until은 YYYY-MM-DD 형식의 날짜여야 합니다",
  "reportedFrom must be YYYY-MM-DD": "reportedFrom은 YYYY-MM-DD 형식의 날짜여야 합니다",
};

/** The lifecycle's refusals (models/lifecycle.ts planTransition), for every status and action. */
const actionKo: Record<CaseAction, string> = {
  submit: "제출할 수 없습니다",
  await_sponsor: "기업 확인을 요청할 수 없습니다",
  confirm_sponsorship: "초청을 확인할 수 없습니다",
  complete_screening: "자동 심사를 마칠 수 없습니다",
  request_evidence: "보완요청을 할 수 없습니다",
  answer_evidence: "보완요청에 답할 수 없습니다",
  expire_evidence: "보완요청 기한을 만료할 수 없습니다",
  resume_review: "심사를 재개할 수 없습니다",
  propose_decision: "결정을 제안할 수 없습니다",
  return_decision: "결정을 반려할 수 없습니다",
  approve: "승인할 수 없습니다",
  refuse: "불허할 수 없습니다",
  withdraw: "철회할 수 없습니다",
};
const lifecycle: Record<string, string> = {};
for (const action of Object.keys(transitions) as CaseAction[]) {
  for (const status of Object.keys(statusLabels) as CaseStatus[]) {
    lifecycle[`This case is ${statusLabels[status].en.toLowerCase()}; it cannot ${describeAction(action)} now.`] =
      `이 사건은 현재 ‘${statusLabels[status].ko}’ 단계이므로 지금은 ${actionKo[action]}.`;
  }
  for (const actor of Object.keys(roleNames) as (Role | "system")[]) {
    lifecycle[`A ${actor.replace("_", " ")} cannot ${describeAction(action)}.`] = `${josa(roleNames[actor].ko, "은/는")} ${actionKo[action]}.`;
  }
}

export const officer: Record<string, string> = { ...lifecycle, ...fixed };
