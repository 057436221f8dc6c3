/** Korean for the English messages shared by every area (keyed by the exact English text). */
export const common: Record<string, string> = {
  "Some answers need correcting.": "일부 답변을 고쳐야 합니다.",
  "Enter a date as YYYY-MM-DD": "날짜를 YYYY-MM-DD 형식으로 입력하세요",
  "Enter a real date": "실제 날짜를 입력하세요",
  "This case has been submitted; its dossier can no longer be edited.": "이미 제출된 사건입니다. 신청서를 더 이상 고칠 수 없습니다.",
  "Only applicants can do this.": "신청인만 할 수 있습니다.",
};
