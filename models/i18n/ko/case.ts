/** Korean for the English messages the case models produce (keyed by the exact English text). */
export const cases: Record<string, string> = {
  // A10 messages
  "Write your message": "메시지를 쓰세요",
  "A message must be 4,000 characters or fewer": "메시지는 4,000자 이하여야 합니다",
  "Choose a request item from the list": "목록에서 보완 항목을 선택하세요",
  "The message needs correcting.": "메시지를 고쳐야 합니다.",
  "Messages open once the application is submitted.": "신청서를 제출하면 메시지를 주고받을 수 있습니다.",
  "Case not found.": "사건을 찾을 수 없습니다.",
  // A8 / A12 case page
  "Confirm the declaration to submit.": "제출하려면 선언에 동의하세요.",
  "Tick the box to confirm that the information is true": "정보가 사실임을 확인하는 칸에 표시하세요",
  "Confirm that you want to withdraw.": "철회하려는 것이 맞는지 확인하세요.",
  "Tick the box to confirm the withdrawal": "철회를 확인하는 칸에 표시하세요",
  "Account not found.": "계정을 찾을 수 없습니다.",
  // A11
  "Letter not found.": "통지서를 찾을 수 없습니다.",
  "The decision letter is missing from storage.": "결정 통지서가 저장소에 없습니다.",
};
