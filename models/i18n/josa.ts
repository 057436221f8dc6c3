import { josa as pick } from "es-hangul";

/**
 * Issue 11 item 11: Korean particles chosen by the word they follow (책은 / 사과는, 신청인이 / 회사가,
 * 서울로 / 부산으로), instead of writing both ("은(는)"). es-hangul decides for a Hangul syllable
 * (its final consonant, and ㄹ taking 로). Words that end in something else are read as a Korean
 * reader says them first:
 * - a digit by its Korean name (3 삼 → 3을, 7 칠 → 7로, 2 이 → 2를); a final 0 by the unit it
 *   closes (10 십, 100 백, 1000 천, 10000 만), a lone 0 as 영: all of them end in a consonant;
 * - a Latin letter: l, m, n (and "ng") end in a consonant as they are read at the end of a word
 *   (메일, 컴, 엔, 킹); l takes 로 like ㄹ; every other letter is read with a vowel (test 테스트,
 *   tier 티어, E 이);
 * - closing quotes and brackets are passed over (`"AI"를`), so a quoted value decides, not the quote.
 */
export type Particle = "은/는" | "이/가" | "을/를" | "와/과" | "으로/로" | "이나/나" | "이라/라";

const digitReading = ["영", "일", "이", "삼", "사", "오", "육", "칠", "팔", "구"] as const;
const zeroUnits = ["십", "백", "천", "만"] as const;
const closing = /["'”’」』)\]}>]+$/;

/** The Hangul syllable that stands for how `word` ends, when read aloud. */
function lastSound(word: string): string {
  const w = word.replace(closing, "");
  const c = w.at(-1) ?? "";
  if (/[0-9]/.test(c)) {
    if (c !== "0") return digitReading[Number(c)]!;
    const zeros = /0+$/.exec(w)![0].length;
    return zeros === w.replace(/[^0-9]/g, "").length && !/[1-9]/.test(w) ? "영" : zeroUnits[Math.min(zeros, 4) - 1]!;
  }
  if (/[a-z]/i.test(c)) {
    if (/ng$/i.test(w) || /[mn]/i.test(c)) return "엠";
    if (/l/i.test(c)) return "엘";
    return "아";
  }
  return c || "아";
}

/** `word` followed by the particle that fits it: `josa("책", "은/는")` → "책은". */
export function josa(word: string, particle: Particle): string {
  return word + josaFor(word, particle);
}

/** Only the particle: `josaFor("서울", "으로/로")` → "로". */
export function josaFor(word: string, particle: Particle): string {
  return pick.pick(lastSound(word), particle);
}

/**
 * Resolve the both-ways markers a Korean catalogue may write after a placeholder — "{name}은(는)",
 * "{email}(으)로", "{code}을(를)", "{who}이(가)", "{name}와(과)" — by the text just before each marker,
 * once the values are in. Applied by the translator to every Korean string.
 */
const markers: Record<string, Particle> = {
  "은(는)": "은/는",
  "는(은)": "은/는",
  "이(가)": "이/가",
  "가(이)": "이/가",
  "을(를)": "을/를",
  "를(을)": "을/를",
  "와(과)": "와/과",
  "과(와)": "와/과",
  "(으)로": "으로/로",
  "(이)나": "이나/나",
  "(이)라": "이라/라",
};
const markerPattern = /(은\(는\)|는\(은\)|이\(가\)|가\(이\)|을\(를\)|를\(을\)|와\(과\)|과\(와\)|\(으\)로|\(이\)나|\(이\)라)/g;

export function resolveParticles(text: string): string {
  if (!text.includes("(")) return text;
  return text.replace(markerPattern, (marker: string, _m: string, offset: number) => {
    const before = text.slice(0, offset);
    if (!before || /\s$/.test(before)) return marker;
    return josaFor(before.slice(-40), markers[marker]!);
  });
}
