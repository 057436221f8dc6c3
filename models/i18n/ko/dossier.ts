import { chooseCountryMessage, countryLabelKeys, enterMessage, incomeFormatMessage, limits, salaryFormatMessage, textLabels, textMaxima, tooLongMessage } from "../../dossier";

/** Korean for the English messages the dossier models produce (keyed by the exact English text). */
const fixed: Record<string, string> = {
  "You already have 10 applications that are not submitted. Continue one of them instead of starting another.": "제출하지 않은 신청서가 이미 10건 있습니다. 새로 시작하지 말고 그중 하나를 이어서 작성하세요.",
  "Confirm your e-mail address first: follow the link we sent you, then submit.": "먼저 이메일 주소를 확인하세요. 보내 드린 링크를 누른 뒤 제출하세요.",
  "A passport number has 5 to 20 letters and digits": "여권 번호는 영문자와 숫자 5~20자입니다",
  "Add at least one degree": "학위를 하나 이상 입력하세요",
  "Choose spouse or child": "배우자 또는 자녀를 선택하세요",
  "Choose the industry of the job": "직무의 산업 분야를 선택하세요",
  "Choose the level of the degree": "학위 과정을 선택하세요",
  "Choose what kind of employer it was": "근무처 유형을 선택하세요",
  "Choose your sponsoring employer": "초청 기업을 선택하세요",
  "Choose your sponsoring employer from the list": "목록에서 초청 기업을 선택하세요",
  "Enter a birth date that makes you between 16 and 100 years old": "만 16세에서 100세 사이가 되는 생년월일을 입력하세요",
  "Enter the annual salary in whole won": "연봉을 원 단위 정수로 입력하세요",
  "Enter the annual salary in won, digits only": "연봉을 원 단위 숫자로만 입력하세요",
  [salaryFormatMessage]: "연봉을 원 단위 숫자로 입력하세요 (예: 160,000,000 또는 160000000)",
  [incomeFormatMessage]: "신고 소득을 원 단위 숫자로 입력하세요 (예: 62,000,000 또는 62000000)",
  "Enter the date the job ended": "퇴직일을 입력하세요",
  "Enter your date of birth": "생년월일을 입력하세요",
  "Enter the date your passport was issued": "여권 발급일을 입력하세요",
  "Enter the date your passport expires": "여권 만료일을 입력하세요",
  "Enter the date the degree was awarded": "학위 수여일을 입력하세요",
  "Enter the date the job started": "시작일을 입력하세요",
  "Enter the start date": "입사 예정일을 입력하세요",
  "Enter their date of birth": "가족의 생년월일을 입력하세요",
  "Answer the questions about you and your passport": "인적 사항 및 여권 질문에 답해 주세요",
  "Answer the questions about your job offer": "고용 제안 질문에 답해 주세요",
  "Enter the year as 4 digits, e.g. 2021": "연도를 4자리 숫자로 입력하세요 (예: 2021)",
  "Enter their passport number": "가족의 여권 번호를 입력하세요",
  "Enter your passport number": "여권 번호를 입력하세요",
  "Say whether this was postdoctoral research": "박사후 연구 과정이었는지 선택하세요",
  "Say whether you have a job offer": "고용 제안을 받았는지 선택하세요",
  "Say whether you still work there": "현재 재직 중인지 선택하세요",
  "That salary is not plausible: check the number of digits": "연봉이 비현실적입니다. 자릿수를 확인하세요",
  "The annual salary must be more than zero": "연봉은 0보다 커야 합니다",
  "The award date cannot be in the future": "학위 수여일은 미래일 수 없습니다",
  "The birth date cannot be in the future": "생년월일은 미래일 수 없습니다",
  "The end date cannot be in the future": "종료일은 미래일 수 없습니다",
  "The end date must be after the start date": "종료일은 시작일 이후여야 합니다",
  "The issue date cannot be in the future": "발급일은 미래일 수 없습니다",
  "The start date cannot be in the future": "시작일은 미래일 수 없습니다",
  "The year cannot be in the future": "연도는 미래일 수 없습니다",
  "You need a job offer from a registered employer before you can submit": "제출하려면 등록된 기업의 고용 제안이 필요합니다",
  [`List at most ${limits.education} degrees`]: `학위는 최대 ${limits.education}개까지 입력할 수 있습니다`,
  [`List at most ${limits.work} jobs`]: `경력은 최대 ${limits.work}개까지 입력할 수 있습니다`,
  [`List at most ${limits.publications} publications`]: `논문은 최대 ${limits.publications}개까지 입력할 수 있습니다`,
  [`List at most ${limits.patents} patents`]: `특허는 최대 ${limits.patents}개까지 입력할 수 있습니다`,
  [`List at most ${limits.awards} awards`]: `수상 실적은 최대 ${limits.awards}개까지 입력할 수 있습니다`,
  [`List at most ${limits.dependants} dependants`]: `동반가족은 최대 ${limits.dependants}명까지 입력할 수 있습니다`,
  "The case is not complete yet. Fix the items below, then submit again.": "신청서가 아직 완성되지 않았습니다. 아래 항목을 고친 뒤 다시 제출하세요.",
  "Upload at least one document before you submit": "제출하기 전에 서류를 하나 이상 올리세요",
  "This case has already been submitted.": "이미 제출된 신청서입니다.",
  "Only the applicant can submit the case.": "신청인만 제출할 수 있습니다.",
};

/** Whether a Korean word ends in a consonant (을/은) or not (를/는). */
const batchim = (word: string) => {
  const c = word.charCodeAt(word.length - 1) - 0xac00;
  return c >= 0 && c < 11172 && c % 28 !== 0;
};

/** "Enter …" and "… must be N characters or fewer" for every text of the dossier. */
const generated: Record<string, string> = {};
for (const [key, max] of textMaxima) {
  const [en, ko] = textLabels[key];
  generated[enterMessage(en)] = `${ko}${batchim(ko) ? "을" : "를"} 입력하세요`;
  generated[tooLongMessage(en, max)] = `${ko}${batchim(ko) ? "은" : "는"} ${max}자 이하여야 합니다`;
}

for (const key of countryLabelKeys) {
  const [en, ko] = textLabels[key];
  generated[chooseCountryMessage(en)] = `목록에서 ${ko}${batchim(ko) ? "을" : "를"} 선택하세요`;
}

export const dossier: Record<string, string> = { ...generated, ...fixed };
