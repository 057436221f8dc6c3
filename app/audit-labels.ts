import { documentKindLabels } from "../models/case/document-kinds";
import { defineMessages, formatDate, formatDateTime, formatKrw, formatNumber, translator, type Locale } from "../models/i18n";
import { statusLabels, type CaseStatus } from "../models/lifecycle";
import { employerLabels, industryKey } from "./components/employer";
import { isRoleName, roleLabel } from "./role-labels";

/**
 * The audit trail in words (O9, issue 11 item 11): one catalogue for every page that shows
 * audit records (a case's trail, /officer/cases/:id/audit, and the chain's latest record,
 * /officer/audit). Each action a model records (`audit(…, { action })`) has a label, and
 * the record's stored details read as "label: value" pairs in the reader's language.
 * A key this catalogue does not know is shown as it is stored (the key as code, the value
 * as text), so a new kind of detail is never hidden.
 */
const actionText = defineMessages(
  {
    // The case's lifecycle (models/lifecycle.ts transitions, written as `case.<action>`)
    "case.submit": "Submitted",
    "case.await_sponsor": "Sent to the employer for confirmation",
    "case.confirm_sponsorship": "Sponsorship confirmed by the employer",
    "case.complete_screening": "Automated screening completed",
    "case.request_evidence": "Evidence requested",
    "case.answer_evidence": "Evidence sent",
    "case.expire_evidence": "Deadline for evidence passed",
    "case.resume_review": "Review resumed",
    "case.propose_decision": "Decision proposed",
    "case.return_decision": "Decision sent back to the officer",
    "case.approve": "Approved",
    "case.refuse": "Refused",
    "case.withdraw": "Withdrawn",
    // Other case records
    "case.create": "Draft started",
    "case.save_draft": "Draft saved",
    "case.view": "Case file opened",
    "case.audit_view": "Audit trail viewed",
    "case.claim": "Taken from the queue",
    "case.assign": "Assigned to an officer",
    "case.release": "Released to the queue",
    "case.note_add": "Note written",
    "case.search": "Cases searched",
    "case.sla_at_risk": "Stage target at risk",
    "case.sla_overdue": "Stage target passed",
    "case.rescreen": "Screened again after a policy update",
    "case.sponsorship_changed": "Job offer changed by the employer",
    "case.sponsor_link_accepted": "Employer accepted to sponsor",
    "case.sponsor_link_declined": "Employer declined to sponsor",
    "case.letter_made": "Decision letter made",
    "case.letter_download": "Decision letter downloaded",
    "document.upload": "Document uploaded",
    "document.replace": "Document replaced",
    "document.view": "Document opened",
    "document.review": "Document reviewed",
    "message.send": "Message sent",
    "message.read": "Messages read",
    // Back office and administration
    "template.create": "Decision template created",
    "template.update": "Decision template changed",
    "template.activate": "Decision template put in use",
    "template.deactivate": "Decision template taken out of use",
    "policy.publish": "Policy version published",
    "audit.verify": "Audit chain verified",
    "storage.orphans_removed": "Unused files removed",
    // Accounts
    "account.export": "Account data downloaded",
    "user.sign_up": "Account created",
    "user.sign_up_existing": "Sign-up with an address already registered",
    "user.verify_email": "E-mail address confirmed",
    "user.login": "Signed in",
    "user.login_failed": "Sign-in refused (wrong password)",
    "user.login_failed_unknown": "Sign-in refused (unknown address)",
    "user.mfa": "Second step of sign-in passed",
    "user.mfa_failed": "Second step of sign-in refused",
    "user.mfa_replay_refused": "Used code refused",
    "user.recovery_code_used": "Recovery code used",
    "user.recovery_codes_replaced": "New recovery codes made",
    "user.totp_enabled": "Authenticator app set up",
    "user.totp_disabled": "Authenticator app removed",
    "user.password_reset_requested": "Password reset asked for",
    "user.password_reset_unknown": "Password reset asked for an unknown address",
    "user.password_reset": "Password reset",
    "user.password_changed": "Password changed",
    "user.password_check_failed": "Current password given wrongly",
    // Employers
    "organization.sign_up": "Employer registered",
    "organization.sign_up_existing": "Employer sign-up with an address already registered",
    "organization.invite_member": "Member invited",
    "organization.revoke_invitation": "Member invitation withdrawn",
    "organization.change_role": "Member's role changed",
    "organization.remove_member": "Member removed",
    "organization.join": "Joined the employer",
    "organization.invite_candidate": "Candidate invited",
    "organization.revoke_candidate_invitation": "Candidate invitation withdrawn",
    "organization.alert_settings": "Alert settings changed",
  },
  {
    "case.submit": "제출",
    "case.await_sponsor": "초청 기업에 확인 요청",
    "case.confirm_sponsorship": "기업의 초청 확인",
    "case.complete_screening": "자동 심사 완료",
    "case.request_evidence": "보완요청",
    "case.answer_evidence": "보완 서류 제출",
    "case.expire_evidence": "보완 기한 경과",
    "case.resume_review": "심사 재개",
    "case.propose_decision": "결정 제안",
    "case.return_decision": "결정을 심사관에게 반려",
    "case.approve": "승인",
    "case.refuse": "불허",
    "case.withdraw": "철회",
    "case.create": "초안 작성 시작",
    "case.save_draft": "초안 저장",
    "case.view": "사건 서류철 열람",
    "case.audit_view": "감사 기록 열람",
    "case.claim": "대기열에서 사건 맡음",
    "case.assign": "심사관 배정",
    "case.release": "대기열로 반환",
    "case.note_add": "메모 작성",
    "case.search": "사건 검색",
    "case.sla_at_risk": "단계 목표 기간 초과 위험",
    "case.sla_overdue": "단계 목표 기간 초과",
    "case.rescreen": "정책 변경 후 다시 심사",
    "case.sponsorship_changed": "기업이 고용 조건 변경",
    "case.sponsor_link_accepted": "기업이 초청 수락",
    "case.sponsor_link_declined": "기업이 초청 거절",
    "case.letter_made": "결정 통지서 작성",
    "case.letter_download": "결정 통지서 내려받기",
    "document.upload": "서류 올림",
    "document.replace": "서류 교체",
    "document.view": "서류 열람",
    "document.review": "서류 검토",
    "message.send": "메시지 보냄",
    "message.read": "메시지 읽음",
    "template.create": "결정 사유 서식 만듦",
    "template.update": "결정 사유 서식 수정",
    "template.activate": "결정 사유 서식 사용 시작",
    "template.deactivate": "결정 사유 서식 사용 중지",
    "policy.publish": "정책 버전 게시",
    "audit.verify": "감사 체인 검증",
    "storage.orphans_removed": "사용하지 않는 파일 삭제",
    "account.export": "계정 정보 내려받기",
    "user.sign_up": "계정 생성",
    "user.sign_up_existing": "이미 등록된 주소로 가입 시도",
    "user.verify_email": "이메일 주소 확인",
    "user.login": "로그인",
    "user.login_failed": "로그인 거부 (비밀번호 오류)",
    "user.login_failed_unknown": "로그인 거부 (등록되지 않은 주소)",
    "user.mfa": "2단계 인증 통과",
    "user.mfa_failed": "2단계 인증 거부",
    "user.mfa_replay_refused": "이미 쓴 인증 코드 거부",
    "user.recovery_code_used": "복구 코드 사용",
    "user.recovery_codes_replaced": "복구 코드 새로 발급",
    "user.totp_enabled": "인증 앱 등록",
    "user.totp_disabled": "인증 앱 해제",
    "user.password_reset_requested": "비밀번호 재설정 요청",
    "user.password_reset_unknown": "등록되지 않은 주소로 비밀번호 재설정 요청",
    "user.password_reset": "비밀번호 재설정",
    "user.password_changed": "비밀번호 변경",
    "user.password_check_failed": "현재 비밀번호 틀림",
    "organization.sign_up": "기업 등록",
    "organization.sign_up_existing": "이미 등록된 주소로 기업 가입 시도",
    "organization.invite_member": "구성원 초대",
    "organization.revoke_invitation": "구성원 초대 취소",
    "organization.change_role": "구성원 역할 변경",
    "organization.remove_member": "구성원 삭제",
    "organization.join": "기업 구성원으로 가입",
    "organization.invite_candidate": "후보자 초대",
    "organization.revoke_candidate_invitation": "후보자 초대 취소",
    "organization.alert_settings": "알림 설정 변경",
  },
);

type ActionKey = keyof typeof actionText.en;
const isAction = (a: string): a is ActionKey => Object.hasOwn(actionText.en, a);

/** The label of an audit action in the reader's language, or null for an action this catalogue does not know. */
export function auditActionLabel(locale: Locale, action: string): string | null {
  return isAction(action) ? translator(locale, actionText)(action) : null;
}

/** Who acted: the role in the reader's language (the page leaves it out for the system). */
export const auditRoleLabel = roleLabel;

/** The names of the details the models store, in the order they are shown. */
const keyText = defineMessages(
  {
    receiptNumber: "Receipt number",
    from: "Before",
    to: "After",
    stage: "Stage",
    outcome: "Outcome",
    previousOutcome: "Previous outcome",
    ruleset: "Rule set",
    previousRuleset: "Previous rule set",
    template: "Template",
    comment: "Comment",
    requestId: "Request ID",
    deadline: "Deadline",
    items: "Items asked for",
    addressee: "Addressed to",
    documentId: "Document ID",
    kind: "Kind",
    checklistItem: "Checklist item",
    replaces: "Replaces",
    verdict: "Verdict",
    reason: "Reason",
    previous: "Verdict before",
    noteId: "Note ID",
    messageId: "Message ID",
    messageIds: "Message IDs",
    requestItemId: "Request item ID",
    side: "Written by",
    length: "Length",
    step: "Step",
    candidateInvitationId: "Candidate invitation ID",
    policyKey: "Rule set or list",
    version: "Version",
    previousVersion: "Previous version",
    note: "What changed",
    changed: "Changed",
    changedCount: "Changes",
    storageKey: "Stored as",
    sizeBytes: "Size",
    sha256: "SHA-256",
    queryLength: "Length of the search",
    results: "Results",
    more: "More results",
    ok: "Intact",
    checked: "Records checked",
    firstBrokenId: "First broken record",
    headId: "Latest record",
    templateId: "Template ID",
    code: "Code",
    sessionsEnded: "Sessions ended",
    otherSessionsEnded: "Other sessions ended",
    recoveryCodes: "Recovery codes",
    remaining: "Left",
    method: "Method",
    userId: "User ID",
    organizationId: "Employer ID",
    invitationId: "Invitation ID",
    role: "Role",
    cases: "Cases",
    files: "Files",
    count: "Count",
    filesRemoved: "Files removed",
    keys: "Files",
    fields: "Fields",
    targetHours: "Stage target",
    jobTitle: "Job title",
    startDate: "Start date",
    annualSalaryKrw: "Annual salary",
    industry: "Industry",
  },
  {
    receiptNumber: "접수번호",
    from: "변경 전",
    to: "변경 후",
    stage: "단계",
    outcome: "결과",
    previousOutcome: "이전 결과",
    ruleset: "심사 규칙",
    previousRuleset: "이전 심사 규칙",
    template: "서식",
    comment: "의견",
    requestId: "보완요청 ID",
    deadline: "기한",
    items: "요청 항목 수",
    addressee: "요청 대상",
    documentId: "서류 ID",
    kind: "종류",
    checklistItem: "제출 서류 항목",
    replaces: "교체한 서류",
    verdict: "검토 결과",
    reason: "사유",
    previous: "이전 검토 결과",
    noteId: "메모 ID",
    messageId: "메시지 ID",
    messageIds: "메시지 ID",
    requestItemId: "보완요청 항목 ID",
    side: "작성 측",
    length: "길이",
    step: "작성 단계",
    candidateInvitationId: "후보자 초대 ID",
    policyKey: "심사 규칙 또는 참조 목록",
    version: "버전",
    previousVersion: "이전 버전",
    note: "변경 내용",
    changed: "변경된 곳",
    changedCount: "변경 수",
    storageKey: "저장 위치",
    sizeBytes: "크기",
    sha256: "SHA-256",
    queryLength: "검색어 길이",
    results: "검색 결과 수",
    more: "결과 더 있음",
    ok: "이상 없음",
    checked: "검증한 기록 수",
    firstBrokenId: "처음 끊어진 기록",
    headId: "최신 기록",
    templateId: "서식 ID",
    code: "코드",
    sessionsEnded: "종료된 세션",
    otherSessionsEnded: "종료된 다른 세션",
    recoveryCodes: "복구 코드 수",
    remaining: "남은 수",
    method: "방식",
    userId: "사용자 ID",
    organizationId: "기업 ID",
    invitationId: "초대 ID",
    role: "역할",
    cases: "사건 수",
    files: "파일 수",
    count: "개수",
    filesRemoved: "삭제한 파일 수",
    keys: "파일",
    fields: "항목",
    targetHours: "단계 목표 기간",
    jobTitle: "직무",
    startDate: "근무 시작일",
    annualSalaryKrw: "연봉",
    industry: "산업 분야",
  },
);
type DetailKey = keyof typeof keyText.en;

/** Words for stored values (enumerations) and for the formats of numbers. */
const valueText = defineMessages(
  {
    yes: "yes",
    no: "no",
    none: "none",
    all: "all",
    outcome_eligible: "eligible",
    outcome_not_eligible: "not eligible",
    outcome_needs_review: "needs review",
    outcome_approve: "approve",
    outcome_refuse: "refuse",
    verdict_pending: "not reviewed",
    verdict_verified: "verified",
    verdict_rejected: "rejected",
    addressee_applicant: "the applicant",
    addressee_employer: "the sponsoring employer",
    method_totp: "authenticator app",
    method_recovery_code: "recovery code",
    step_personal: "Personal details and passport",
    step_education: "Education",
    step_work: "Work history",
    step_achievements: "Publications, patents and awards",
    step_offer: "Job offer",
    step_dependants: "Dependants",
    policy_ruleset: "rule set",
    policy_reference: "reference list",
    characters: "{n} characters",
    hours: "{n} hours",
    kilobytes: "{n} KB",
    more: "and {n} more",
  },
  {
    yes: "예",
    no: "아니요",
    none: "없음",
    all: "모두",
    outcome_eligible: "요건 충족",
    outcome_not_eligible: "요건 미충족",
    outcome_needs_review: "검토 필요",
    outcome_approve: "승인",
    outcome_refuse: "불허",
    verdict_pending: "검토 전",
    verdict_verified: "확인",
    verdict_rejected: "반려",
    addressee_applicant: "신청인",
    addressee_employer: "초청 기업",
    method_totp: "인증 앱",
    method_recovery_code: "복구 코드",
    step_personal: "인적 사항 및 여권",
    step_education: "학력",
    step_work: "경력",
    step_achievements: "논문·특허·수상",
    step_offer: "고용 제안",
    step_dependants: "동반 가족",
    policy_ruleset: "심사 규칙",
    policy_reference: "참조 목록",
    characters: "{n}자",
    hours: "{n}시간",
    kilobytes: "{n}KB",
    more: "외 {n}건",
  },
);
type ValueKey = keyof typeof valueText.en;

/** How a stored value reads: a word from a closed list, a number of some unit, a date, an identifier or typed text. */
type Kind =
  | "auto"
  | "status"
  | "role"
  | "outcome"
  | "verdict"
  | "addressee"
  | "method"
  | "step"
  | "industry"
  | "count"
  | "characters"
  | "hours"
  | "bytes"
  | "krw"
  | "date"
  | "moment"
  | "bool"
  | "sessions"
  | "text"
  | "code"
  | "hash";

const kinds: Record<DetailKey, Kind> = {
  receiptNumber: "text",
  from: "auto",
  to: "auto",
  stage: "status",
  outcome: "outcome",
  previousOutcome: "outcome",
  ruleset: "code",
  previousRuleset: "code",
  template: "code",
  comment: "text",
  requestId: "code",
  deadline: "moment",
  items: "count",
  addressee: "addressee",
  documentId: "code",
  kind: "auto",
  checklistItem: "code",
  replaces: "code",
  verdict: "verdict",
  reason: "text",
  previous: "verdict",
  noteId: "code",
  messageId: "code",
  messageIds: "code",
  requestItemId: "code",
  side: "role",
  length: "characters",
  step: "step",
  candidateInvitationId: "code",
  policyKey: "code",
  version: "code",
  previousVersion: "code",
  note: "text",
  changed: "code",
  changedCount: "count",
  storageKey: "code",
  sizeBytes: "bytes",
  sha256: "hash",
  queryLength: "characters",
  results: "count",
  more: "bool",
  ok: "bool",
  checked: "count",
  firstBrokenId: "code",
  headId: "code",
  templateId: "code",
  code: "code",
  sessionsEnded: "sessions",
  otherSessionsEnded: "count",
  recoveryCodes: "count",
  remaining: "count",
  method: "method",
  userId: "code",
  organizationId: "code",
  invitationId: "code",
  role: "role",
  cases: "count",
  files: "count",
  count: "count",
  filesRemoved: "count",
  keys: "code",
  fields: "code",
  targetHours: "hours",
  jobTitle: "text",
  startDate: "date",
  annualSalaryKrw: "krw",
  industry: "industry",
};
const order = Object.keys(kinds) as DetailKey[];
const isDetailKey = (k: string): k is DetailKey => Object.hasOwn(kinds, k);

/** Where one action stores a detail under a key that means something else elsewhere. */
const renamed: Record<string, Record<string, DetailKey>> = {
  "policy.publish": { key: "policyKey" },
  "case.letter_made": { key: "storageKey" },
  "storage.orphans_removed": { count: "filesRemoved" },
};

/** One detail of a record: `label` null for a key the catalogue does not know (then `key` is shown, as code). */
export interface AuditDetail {
  key: string;
  label: string | null;
  value: string;
  /** The value is an identifier, a path or a hash: shown as code, the same in both languages. */
  code: boolean;
}

/** Longest stored text shown in full; longer is cut (the whole record stays in the database). */
const MAX_TEXT = 200;
/** Most list items shown, then "and n more". */
const MAX_ITEMS = 10;
const cut = (s: string, max = MAX_TEXT) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
const isStatus = (v: string): v is CaseStatus => Object.hasOwn(statusLabels, v);
const isDocumentKind = (v: string): v is keyof typeof documentKindLabels => Object.hasOwn(documentKindLabels, v);
const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * The stored details of an audit record, as label/value pairs in the reader's language:
 * known keys by the catalogue, in its order; a nested object (an offer's fields before and
 * after a change) as one pair per field; unknown keys last, as stored.
 */
export function auditDetails(locale: Locale, action: string, data: Record<string, unknown> | null | undefined): AuditDetail[] {
  const t = translator(locale, keyText);
  const v = translator(locale, valueText);
  const word = (key: string, fallback: string): { value: string; code: boolean } =>
    Object.hasOwn(valueText.en, key) ? { value: v(key as ValueKey), code: false } : { value: fallback, code: true };

  const one = (kind: Kind, value: unknown): { value: string; code: boolean } => {
    if (value === null || value === undefined || value === "") return { value: v("none"), code: false };
    if (typeof value === "boolean") return { value: v(value ? "yes" : "no"), code: false };
    const s = String(value);
    const n = typeof value === "number" ? value : Number.NaN;
    switch (kind) {
      case "auto":
        if (isStatus(s)) return { value: statusLabels[s][locale], code: false };
        if (isRoleName(s)) return { value: roleLabel(locale, s), code: false };
        if (isDocumentKind(s)) return { value: documentKindLabels[s][locale], code: false };
        if (s === "ruleset" || s === "reference") return { value: v(`policy_${s}`), code: false };
        return { value: cut(s), code: true };
      case "status":
        return isStatus(s) ? { value: statusLabels[s][locale], code: false } : { value: s, code: true };
      case "role":
        return isRoleName(s) ? { value: roleLabel(locale, s), code: false } : { value: s, code: true };
      case "outcome":
      case "verdict":
      case "addressee":
      case "method":
      case "step":
        return word(`${kind}_${s}`, s);
      case "sessions":
        return word(s, s);
      case "industry":
        return { value: translator(locale, employerLabels)(industryKey(s)), code: false };
      case "count":
        return Number.isFinite(n) ? { value: formatNumber(locale, n), code: false } : { value: s, code: true };
      case "characters":
      case "hours":
        return Number.isFinite(n) ? { value: v(kind, { n: formatNumber(locale, n) }), code: false } : { value: s, code: true };
      case "bytes":
        return Number.isFinite(n) ? { value: v("kilobytes", { n: formatNumber(locale, Math.max(1, Math.round(n / 1024))) }), code: false } : { value: s, code: true };
      case "krw":
        return Number.isFinite(n) ? { value: formatKrw(locale, n), code: false } : { value: s, code: true };
      case "date":
      case "moment":
        if (Number.isNaN(Date.parse(s))) return { value: s, code: true };
        return { value: kind === "date" ? formatDate(locale, s) : formatDateTime(locale, s), code: false };
      case "hash":
        return { value: cut(s, 17), code: true };
      case "code":
        return { value: cut(s), code: true };
      case "bool":
      case "text":
        return { value: cut(s), code: false };
    }
  };

  const format = (kind: Kind, value: unknown): { value: string; code: boolean } => {
    if (!Array.isArray(value)) return isPlainObject(value) ? { value: cut(JSON.stringify(value)), code: true } : one(kind, value);
    if (value.length === 0) return { value: v("none"), code: false };
    const shown = value.slice(0, MAX_ITEMS).map((item) => one(kind, item));
    const rest = value.length - shown.length;
    return { value: shown.map((p) => p.value).join(", ") + (rest > 0 ? ` ${v("more", { n: rest })}` : ""), code: shown.every((p) => p.code) };
  };

  const entries = Object.entries(data ?? {}).map(([stored, value]) => ({ stored, key: renamed[action]?.[stored] ?? stored, value }));
  const known = entries.filter((e): e is typeof e & { key: DetailKey } => isDetailKey(e.key)).sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
  const unknown = entries.filter((e) => !isDetailKey(e.key));
  const out: AuditDetail[] = [];
  for (const e of known) {
    if (isPlainObject(e.value) && kinds[e.key] === "auto") {
      // Before/after of several fields: one pair per field ("Before · Annual salary: ₩…").
      for (const [field, inner] of Object.entries(e.value)) {
        const label = isDetailKey(field) ? `${t(e.key)} · ${t(field)}` : null;
        const shown = format(isDetailKey(field) ? kinds[field] : "text", inner);
        out.push({ key: `${e.stored}.${field}`, label, ...shown });
      }
      continue;
    }
    out.push({ key: e.stored, label: t(e.key), ...format(kinds[e.key], e.value) });
  }
  for (const e of unknown) {
    const shown = typeof e.value === "number" ? { value: formatNumber(locale, e.value), code: false } : format("text", e.value);
    out.push({ key: e.stored, label: null, ...shown });
  }
  return out;
}
