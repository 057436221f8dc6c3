/** Korean for the English messages the account models produce (keyed by the exact English text). */
export const auth: Record<string, string> = {
  "Enter your name": "이름을 입력하세요",
  "Name must be 200 characters or fewer": "이름은 200자 이내여야 합니다",
  "E-mail address is too long": "이메일 주소가 너무 깁니다",
  "Enter an e-mail address like name@example.com": "name@example.com 형식의 이메일 주소를 입력하세요",
  "Use at least 10 characters": "10자 이상으로 정하세요",
  "Use 200 characters or fewer": "200자 이내로 정하세요",
  "Enter your e-mail address": "이메일 주소를 입력하세요",
  "Enter your password": "비밀번호를 입력하세요",
  "Password is too long": "비밀번호가 너무 깁니다",
  "An account with this e-mail address already exists.": "이 이메일 주소로 된 계정이 이미 있습니다.",
  "An account with this e-mail address already exists: sign in instead": "이 이메일 주소로 된 계정이 이미 있습니다. 로그인하세요",
  "The e-mail address or password is not right.": "이메일 주소 또는 비밀번호가 맞지 않습니다.",
};
