import { z } from "zod";
import { isCountryCode, toCountryCode } from "./countries";
import { MAX_KRW, STAY_STATUS_RE } from "./eligibility/schema";

/**
 * The applicant's dossier (A3), filled in by the wizard one topic per page:
 * personal details and passport, education (several degrees), work history
 * (several jobs), publications, patents and awards, the job offer (or "no offer
 * yet"), and dependants. Drafts are stored as they are typed (every field
 * optional, but what is there must be well-formed); submission requires the
 * complete schema. Every text and every list is bounded (generously).
 */

export const degreeLevels = ["phd", "master", "bachelor", "associate"] as const;
export const industryIds = ["ai", "semiconductors", "bio", "secondary_batteries", "displays", "robotics", "aerospace", "defence", "quantum", "advanced_mobility", "other"] as const;
export const employerKinds = ["company", "research_institute", "university", "other"] as const;
export const dependantRelations = ["spouse", "child"] as const;

/** List bounds: generous, but bounded. */
export const limits = {
  education: 10,
  work: 30,
  publications: 100,
  patents: 50,
  awards: 50,
  dependants: 10,
} as const;

/**
 * Issue 11 item 10: the wizard's date fields are <input type="date"> (the browser
 * shows its own format and posts YYYY-MM-DD). Where a browser falls back to a
 * text box, 1990.04.21, 1990/4/21 and 1990-4-21 are read as the same date.
 */
export function normalizeDate(v: unknown): unknown {
  if (typeof v !== "string") return v;
  const m = /^\s*(\d{4})[-./](\d{1,2})[-./](\d{1,2})\.?\s*$/.exec(v);
  return m ? `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}` : v;
}

/**
 * Issue 11 item 10: an amount in won as typed: "160,000,000", "160000000",
 * "₩160,000,000" or "160,000,000원" is 160000000; anything else stays as typed,
 * and the schema says how to write it.
 */
export function parseWon(v: unknown): unknown {
  if (typeof v !== "string") return v;
  const s = v.trim().replace(/^₩\s*/, "").replace(/\s*원$/, "");
  if (/^-?\d{1,15}$/.test(s)) return Number(s);
  if (/^\d{1,3}(,\d{3}){1,4}$/.test(s)) return Number(s.replace(/,/g, ""));
  return v;
}
export const salaryFormatMessage = "Enter the annual salary in won in digits, e.g. 160,000,000 or 160000000";
export const incomeFormatMessage = "Enter the declared income in won in digits, e.g. 62,000,000 or 62000000";

const isoDateOf = (required: string) =>
  z.preprocess(normalizeDate, z
    .string({
      required_error: required,
      invalid_type_error: "Enter a date as YYYY-MM-DD",
    })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date as YYYY-MM-DD")
    .refine((s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && s >= "1900-01-01";
    }, "Enter a real date"));

const pastDate = (required: string, message: string) => isoDateOf(required).refine((s) => Date.parse(s) <= Date.now(), message);

/** The English labels of the texts in messages; models/i18n/ko/dossier.ts gives their Korean. */
export const textLabels = {
  fullName: ["your full name as in your passport", "여권상의 성명"],
  otherNames: ["other names", "다른 이름"],
  nationality: ["your nationality", "국적"],
  countryOfBirth: ["your country of birth", "출생 국가"],
  passportCountry: ["the country that issued your passport", "여권 발급 국가"],
  field: ["the field of study", "전공 분야"],
  institution: ["the university", "대학교"],
  country: ["the country", "국가"],
  employer: ["the employer", "고용주"],
  title: ["the job title", "직위"],
  pubTitle: ["the title", "제목"],
  venue: ["where it was published", "게재처"],
  patentNumber: ["the patent number", "특허 번호"],
  awardName: ["the name of the award", "수상명"],
  issuer: ["who gave it", "수여 기관"],
  dependantName: ["their full name as in their passport", "여권상의 성명"],
} as const satisfies Record<string, readonly [string, string]>;
type TextLabel = keyof typeof textLabels;

const cap = (s: string) => `${s[0]!.toUpperCase()}${s.slice(1)}`;
export const enterMessage = (label: string) => `Enter ${label}`;
export const tooLongMessage = (label: string, max: number) => `${cap(label)} must be ${max} characters or fewer`;
/** The bounds of the texts, to list them with their messages (Korean catalogue). */
export const textMaxima: [TextLabel, number][] = [];

const text = (key: TextLabel, max: number) => {
  textMaxima.push([key, max]);
  const label = textLabels[key][0];
  return z
    .string({
      required_error: enterMessage(label),
      invalid_type_error: enterMessage(label),
    })
    .trim()
    .min(1, enterMessage(label))
    .max(max, tooLongMessage(label, max));
};

/** The country questions, by the key of their label (issue 11 item 10: stored as ISO 3166-1 alpha-2 codes). */
export const countryLabelKeys = ["nationality", "countryOfBirth", "passportCountry", "country"] as const satisfies readonly TextLabel[];
export const chooseCountryMessage = (label: string) => `Choose ${label} from the list`;

/**
 * A country answer: a code, or a name in English or Korean, becomes its ISO code.
 * Text that names no country is kept (dossiers saved before the list, read
 * tolerantly); the wizard's "Continue" asks for a country from the list
 * (see `countryIssues`), so new answers are codes.
 */
const country = (key: (typeof countryLabelKeys)[number]) =>
  z.preprocess((v) => (typeof v === "string" ? (toCountryCode(v) ?? v) : v), text(key, 80));

const passportNumber = (required: string) =>
  z
    .string({ required_error: required, invalid_type_error: required })
    .transform((s) => s.replace(/[\s-]/g, "").toUpperCase())
    .pipe(
      z
        .string()
        .min(1, required)
        .regex(/^[A-Z0-9]{5,20}$/, "A passport number has 5 to 20 letters and digits")
    );

const yesNo = (message: string) =>
  z.preprocess((v) => (v === "yes" ? true : v === "no" ? false : v), z.boolean({ required_error: message, invalid_type_error: message }));

const year = z.coerce
  .number({ invalid_type_error: "Enter the year as 4 digits, e.g. 2021" })
  .int("Enter the year as 4 digits, e.g. 2021")
  .min(1900, "Enter the year as 4 digits, e.g. 2021")
  .refine((y) => y <= new Date().getUTCFullYear(), "The year cannot be in the future");

// ---------------------------------------------------------------------------
// Stable ids of list entries (issue 12)
// ---------------------------------------------------------------------------

/**
 * Every entry of a repeating list (a degree, a job, a publication, a dependant...)
 * carries a short random id, so what refers to the entry (the checklist keys of
 * uploaded files: "degree:<id>") survives removing or reordering other entries.
 * It starts with a letter, so it can never look like the list position the keys
 * held before. A malformed id is dropped (the server gives the entry a new one):
 * it is not a field the applicant sees, so it never shows an error.
 */
export const ENTRY_ID_RE = /^[a-z][a-z0-9]{7,23}$/;
export const isEntryId = (v: unknown): v is string => typeof v === "string" && ENTRY_ID_RE.test(v);
const entryId = z.string().regex(ENTRY_ID_RE).optional().catch(undefined);

const ID_LETTERS = "abcdefghijklmnopqrstuvwxyz";
const ID_CHARS = `${ID_LETTERS}0123456789`;
/** A new entry id: a letter and 11 letters or digits from the platform's CSPRNG (browser or Node). */
export function newEntryId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(12));
  let id = ID_LETTERS[bytes[0]! % ID_LETTERS.length]!;
  for (let i = 1; i < bytes.length; i++) id += ID_CHARS[bytes[i]! % ID_CHARS.length]!;
  return id;
}

// ---------------------------------------------------------------------------
// Sections
// ---------------------------------------------------------------------------

export const personalSchema = z.object(
  {
    fullName: text("fullName", 200),
    otherNames: text("otherNames", 200).optional(),
    nationality: country("nationality"),
    birthDate: isoDateOf("Enter your date of birth").refine((s) => {
      const age = (Date.now() - Date.parse(s)) / (365.25 * 864e5);
      return age >= 16 && age <= 100;
    }, "Enter a birth date that makes you between 16 and 100 years old"),
    countryOfBirth: country("countryOfBirth"),
    passportNumber: passportNumber("Enter your passport number"),
    passportCountry: country("passportCountry"),
    passportIssued: pastDate("Enter the date your passport was issued", "The issue date cannot be in the future"),
    passportExpires: isoDateOf("Enter the date your passport expires"),
    /** Issue 14 (F-2-7): the current status of stay in Korea ("E-7-1", "D-9"...) or "abroad"; optional, not asked by the wizard yet. */
    stayStatus: z
      .string({ invalid_type_error: "Choose your current status of stay in Korea" })
      .trim()
      .max(20, "A status of stay is at most 20 characters")
      .regex(STAY_STATUS_RE, 'Enter a status of stay such as E-7-1 or D-9, or "abroad"')
      .optional(),
    /** Issue 14 (F-2-7): income on the latest tax-office income certificate, in won; optional. */
    declaredIncomeKrw: z.preprocess(parseWon, z
      .number({ invalid_type_error: incomeFormatMessage })
      .int("Enter the declared income in whole won")
      .nonnegative("The declared income cannot be negative")
      .max(MAX_KRW, "That income is not plausible: check the number of digits"))
      .optional(),
  },
  { required_error: "Answer the questions about you and your passport" }
);

export const degreeSchema = z.object({
  id: entryId,
  level: z.enum(degreeLevels, {
    errorMap: () => ({ message: "Choose the level of the degree" }),
  }),
  field: text("field", 200),
  institution: text("institution", 200),
  country: country("country").optional(),
  awarded: pastDate("Enter the date the degree was awarded", "The award date cannot be in the future"),
});

export const jobSchema = z.object({
  id: entryId,
  employer: text("employer", 200),
  kind: z.enum(employerKinds, {
    errorMap: () => ({ message: "Choose what kind of employer it was" }),
  }),
  title: text("title", 200),
  country: country("country"),
  start: pastDate("Enter the date the job started", "The start date cannot be in the future"),
  current: yesNo("Say whether you still work there"),
  end: pastDate("Enter the date the job ended", "The end date cannot be in the future").optional(),
  postdoc: yesNo("Say whether this was postdoctoral research"),
});

export const publicationSchema = z.object({
  id: entryId,
  title: text("pubTitle", 500),
  venue: text("venue", 300),
  year,
});
export const patentSchema = z.object({
  id: entryId,
  title: text("pubTitle", 500),
  number: text("patentNumber", 100),
  country: country("country"),
  year,
});
export const awardSchema = z.object({
  id: entryId,
  name: text("awardName", 300),
  issuer: text("issuer", 300),
  year,
});

export const achievementsSchema = z.object({
  publications: z.array(publicationSchema).max(limits.publications, `List at most ${limits.publications} publications`),
  patents: z.array(patentSchema).max(limits.patents, `List at most ${limits.patents} patents`),
  awards: z.array(awardSchema).max(limits.awards, `List at most ${limits.awards} awards`),
});

export const offerSchema = z.object(
  {
    hasOffer: z
      .literal("yes", {
        errorMap: () => ({
          message: "You need a job offer from a registered employer before you can submit",
        }),
      })
      .optional(),
    organizationId: z.string({ required_error: "Choose your sponsoring employer" }).uuid("Choose your sponsoring employer"),
    jobTitle: text("title", 200),
    industry: z.enum(industryIds, {
      errorMap: () => ({ message: "Choose the industry of the job" }),
    }),
    annualSalaryKrw: z.preprocess(parseWon, z
      .number({ required_error: salaryFormatMessage, invalid_type_error: salaryFormatMessage })
      .int("Enter the annual salary in whole won")
      .positive("The annual salary must be more than zero")
      .max(100_000_000_000, "That salary is not plausible: check the number of digits")),
    startDate: isoDateOf("Enter the start date").optional(),
  },
  { required_error: "Answer the questions about your job offer" }
);

export const dependantSchema = z.object({
  id: entryId,
  relation: z.enum(dependantRelations, {
    errorMap: () => ({ message: "Choose spouse or child" }),
  }),
  fullName: text("dependantName", 200),
  birthDate: pastDate("Enter their date of birth", "The birth date cannot be in the future"),
  nationality: country("nationality"),
  passportNumber: passportNumber("Enter their passport number"),
});

const endAfterStart = (j: { start?: string; end?: string; current?: boolean }, ctx: z.RefinementCtx) => {
  if (j.start && j.end && j.end < j.start)
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ["end"],
      message: "The end date must be after the start date",
    });
};

// ---------------------------------------------------------------------------
// The whole dossier: complete (submission) and draft
// ---------------------------------------------------------------------------

/** Dossiers saved before the wizard held one `degree`: read it as the first entry of `education`. */
export function upgradeLegacy(raw: unknown): unknown {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return raw;
  const { degree, ...rest } = raw as Record<string, unknown>;
  if (degree === undefined || "education" in rest) return rest;
  return { ...rest, education: [degree] };
}

export const completeJob = jobSchema.superRefine((j, ctx) => {
  endAfterStart(j, ctx);
  if (!j.current && !j.end)
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ["end"],
      message: "Enter the date the job ended",
    });
});

const dossierSchemaLists = {
  education: z
    .array(degreeSchema, { required_error: "Add at least one degree" })
    .min(1, "Add at least one degree")
    .max(limits.education, `List at most ${limits.education} degrees`),
  work: z.array(completeJob).max(limits.work, `List at most ${limits.work} jobs`),
  dependants: z.array(dependantSchema).max(limits.dependants, `List at most ${limits.dependants} dependants`),
};

export const dossierSchema = z.preprocess(
  upgradeLegacy,
  z.object({
    personal: personalSchema,
    education: dossierSchemaLists.education,
    work: dossierSchemaLists.work.default([]),
    achievements: achievementsSchema.default({
      publications: [],
      patents: [],
      awards: [],
    }),
    offer: offerSchema,
    dependants: dossierSchemaLists.dependants.default([]),
  })
);
export type Dossier = z.infer<typeof dossierSchema>;
export type Degree = z.infer<typeof degreeSchema>;
export type Job = z.infer<typeof jobSchema>;
export type Dependant = z.infer<typeof dependantSchema>;

const draftOffer = offerSchema.partial().extend({
  hasOffer: z
    .enum(["yes", "no"], {
      errorMap: () => ({ message: "Say whether you have a job offer" }),
    })
    .optional(),
});

export const draftSections = {
  personal: personalSchema.partial(),
  education: z.array(degreeSchema.partial()).max(limits.education, `List at most ${limits.education} degrees`),
  work: z.array(jobSchema.partial().superRefine(endAfterStart)).max(limits.work, `List at most ${limits.work} jobs`),
  achievements: z.object({
    publications: z.array(publicationSchema.partial()).max(limits.publications, `List at most ${limits.publications} publications`).optional(),
    patents: z.array(patentSchema.partial()).max(limits.patents, `List at most ${limits.patents} patents`).optional(),
    awards: z.array(awardSchema.partial()).max(limits.awards, `List at most ${limits.awards} awards`).optional(),
  }),
  offer: draftOffer,
  dependants: z.array(dependantSchema.partial()).max(limits.dependants, `List at most ${limits.dependants} dependants`),
};

/** What a draft may hold: every field optional, but what is there must be well-formed. */
export const draftDossierSchema = z.preprocess(
  upgradeLegacy,
  z.object({
    personal: draftSections.personal.optional(),
    education: draftSections.education.optional(),
    work: draftSections.work.optional(),
    achievements: draftSections.achievements.optional(),
    offer: draftSections.offer.optional(),
    dependants: draftSections.dependants.optional(),
  })
);
export type DraftDossier = z.infer<typeof draftDossierSchema>;

/** Any stored dossier (old single-degree shape included) read as a draft, never throwing. */
export function readDraft(raw: unknown): DraftDossier {
  const parsed = draftDossierSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  return (upgradeLegacy(raw) ?? {}) as DraftDossier;
}

// ---------------------------------------------------------------------------
// Forms: flat names like `personal.fullName`, `education.0.level`
// ---------------------------------------------------------------------------

const sectionFields = {
  personal: Object.keys(personalSchema.shape),
  offer: Object.keys(draftOffer.shape),
} as const;
export const listFields = {
  education: Object.keys(degreeSchema.shape),
  work: Object.keys(jobSchema.shape),
  "achievements.publications": Object.keys(publicationSchema.shape),
  "achievements.patents": Object.keys(patentSchema.shape),
  "achievements.awards": Object.keys(awardSchema.shape),
  dependants: Object.keys(dependantSchema.shape),
} as const;
export type ListName = keyof typeof listFields;

const posted = (form: FormData | URLSearchParams, name: string): string | undefined => {
  const v = form.get(name);
  return typeof v === "string" && v.trim() !== "" ? v : undefined;
};

/** One section's flat fields as an object, blanks dropped. */
export function objectFromForm(form: FormData | URLSearchParams, section: keyof typeof sectionFields): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const key of sectionFields[section]) {
    const v = posted(form, `${section}.${key}`);
    if (v !== undefined) out[key] = v;
  }
  return Object.keys(out).length ? out : undefined;
}

/**
 * A repeating section's entries (`education.0.level`...), in index order, as
 * posted. Entries left entirely blank are kept (the page shows them) unless `dropBlank`.
 * The count is bounded by the list's limit (plus one, so the limit's message shows).
 */
export function listFromForm(form: FormData | URLSearchParams, list: ListName, max: number, dropBlank = false): Record<string, string>[] {
  const fields = listFields[list];
  const indexes = new Set<number>();
  const prefix = `${list}.`;
  for (const key of form.keys()) {
    if (!key.startsWith(prefix)) continue;
    const m = /^(\d{1,3})\./.exec(key.slice(prefix.length));
    if (m) indexes.add(Number(m[1]));
  }
  const out: Record<string, string>[] = [];
  for (const i of [...indexes].sort((a, b) => a - b)) {
    if (out.length > max) break;
    const entry: Record<string, string> = {};
    for (const f of fields) {
      const v = posted(form, `${list}.${i}.${f}`);
      // The hidden id is kept only when well-formed (saving checks it belongs to this dossier).
      if (v !== undefined && (f !== "id" || isEntryId(v))) entry[f] = v;
    }
    // An entry with nothing but its id is blank: the applicant emptied every field.
    if (dropBlank && Object.keys(entry).every((k) => k === "id")) continue;
    out.push(entry);
  }
  return out;
}

/** The repeating lists of a dossier, by the path their entries' form names start with. */
export const entryLists = Object.keys(listFields) as ListName[];

/** The entries of a list of a dossier (or of a page's values), [] when there is none. */
export function getList<T = Record<string, unknown>>(values: Record<string, unknown>, list: ListName): T[] {
  const [a, b] = list.split(".") as [string, string | undefined];
  const v = b ? (values[a] as Record<string, unknown> | undefined)?.[b] : values[a];
  return Array.isArray(v) ? (v as T[]) : [];
}

/** A copy of `values` with the list replaced. */
export function setList<V extends Record<string, unknown>>(values: V, list: ListName, entries: unknown[]): V {
  const [a, b] = list.split(".") as [string, string | undefined];
  return (b ? { ...values, [a]: { ...(values[a] as Record<string, unknown> | undefined), [b]: entries } } : { ...values, [a]: entries }) as V;
}

/** The whole-form parse of the old single-page form (kept for callers that post every section at once). */
export function dossierFromForm(form: FormData | URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const personal = objectFromForm(form, "personal");
  if (personal) out.personal = personal;
  const offer = objectFromForm(form, "offer");
  if (offer) out.offer = offer;
  for (const list of ["education", "work", "dependants"] as const) {
    const entries = listFromForm(form, list, limits[list], true);
    if (entries.length) out[list] = entries;
  }
  return out;
}

/** zod issues as `{ "personal.fullName": "Enter your full name" }`, first message per field. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_form";
    out[key] ??= issue.message;
  }
  return out;
}

/** Which fields a draft still lacks before it can be submitted. */
export function missingForSubmission(draft: DraftDossier): Record<string, string> {
  const parsed = dossierSchema.safeParse(draft);
  return parsed.success ? {} : fieldErrors(parsed.error);
}

// ---------------------------------------------------------------------------
// The wizard's pages (A3): one topic each, with the schema "Continue" checks
// (the page complete) and the one "Save and come back later" checks (well-formed)
// ---------------------------------------------------------------------------

export const wizardSteps = ["personal", "education", "work", "achievements", "offer", "dependants"] as const;
export type WizardStep = (typeof wizardSteps)[number];
export const isWizardStep = (s: unknown): s is WizardStep => typeof s === "string" && (wizardSteps as readonly string[]).includes(s);

const completeOffer = z.discriminatedUnion("hasOffer", [z.object({ hasOffer: z.literal("no") }), offerSchema.extend({ hasOffer: z.literal("yes") })], {
  errorMap: (issue, ctx) => ({
    message: issue.code === "invalid_union_discriminator" ? "Say whether you have a job offer" : ctx.defaultError,
  }),
});

/** Where a page's country answers sit, and the label of each (for "Choose … from the list"). */
const countryPaths: Record<string, (typeof countryLabelKeys)[number]> = { nationality: "nationality", countryOfBirth: "countryOfBirth", passportCountry: "passportCountry", country: "country" };

/**
 * Issue 11 item 10: on "Continue", every country answer of the page must be a
 * country of the list (an ISO code once parsed). Old free text that names no
 * country is kept in drafts and submitted cases, but a page is not complete with it.
 */
export function countryIssues(value: unknown, ctx: z.RefinementCtx, path: (string | number)[] = []): void {
  if (Array.isArray(value)) value.forEach((v, i) => countryIssues(v, ctx, [...path, i]));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const key = countryPaths[k];
      if (key && typeof v === "string") {
        if (!isCountryCode(v)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [...path, k], message: chooseCountryMessage(textLabels[key][0]) });
      } else countryIssues(v, ctx, [...path, k]);
    }
  }
}

export const stepSchemas = {
  personal: {
    complete: z.object({ personal: personalSchema }).superRefine((v, ctx) => countryIssues(v, ctx)),
    draft: z.object({ personal: draftSections.personal }),
  },
  education: {
    complete: z.object({ education: dossierSchemaLists.education }).superRefine((v, ctx) => countryIssues(v, ctx)),
    draft: z.object({ education: draftSections.education }),
  },
  work: {
    complete: z.object({ work: dossierSchemaLists.work }).superRefine((v, ctx) => countryIssues(v, ctx)),
    draft: z.object({ work: draftSections.work }),
  },
  achievements: {
    complete: z.object({ achievements: achievementsSchema }).superRefine((v, ctx) => countryIssues(v, ctx)),
    draft: z.object({ achievements: draftSections.achievements }),
  },
  offer: {
    complete: z.object({
      offer: z.preprocess((v) => v ?? {}, completeOffer),
    }),
    draft: z.object({ offer: draftSections.offer }),
  },
  dependants: {
    complete: z.object({ dependants: dossierSchemaLists.dependants }).superRefine((v, ctx) => countryIssues(v, ctx)),
    draft: z.object({ dependants: draftSections.dependants }),
  },
} as const;
