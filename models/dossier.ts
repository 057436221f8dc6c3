import { z } from "zod";

/**
 * The applicant's dossier. The walking skeleton keeps it minimal (personal
 * details and passport, highest degree, job offer); the wizard (issue 4) grows it.
 * Drafts are stored as they are typed (every field optional); submission
 * requires the complete schema.
 */

export const degreeLevels = ["phd", "master", "bachelor", "associate"] as const;
export const industryIds = [
  "ai",
  "semiconductors",
  "bio",
  "secondary_batteries",
  "displays",
  "robotics",
  "aerospace",
  "defence",
  "quantum",
  "other",
] as const;

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date as YYYY-MM-DD")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, "Enter a real date");

const text = (label: string, max: number) =>
  z
    .string({ required_error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .max(max, `${label[0]!.toUpperCase()}${label.slice(1)} must be ${max} characters or fewer`);

export const personalSchema = z.object({
  fullName: text("your full name as in your passport", 200),
  nationality: text("your nationality", 80),
  birthDate: isoDate.refine((s) => {
    const age = (Date.now() - Date.parse(s)) / (365.25 * 864e5);
    return age >= 16 && age <= 100;
  }, "Enter a birth date that makes you between 16 and 100 years old"),
  passportNumber: z
    .string({ required_error: "Enter your passport number" })
    .transform((s) => s.replace(/[\s-]/g, "").toUpperCase())
    .pipe(z.string().min(1, "Enter your passport number").regex(/^[A-Z0-9]{5,20}$/, "A passport number has 5 to 20 letters and digits")),
});

export const degreeSchema = z.object({
  level: z.enum(degreeLevels, { errorMap: () => ({ message: "Choose your highest degree" }) }),
  field: text("the field of study", 200),
  institution: text("the university", 200),
  country: z.string().trim().max(80, "Country must be 80 characters or fewer").optional(),
  awarded: isoDate.refine((s) => Date.parse(s) <= Date.now(), "The award date cannot be in the future"),
});

export const offerSchema = z.object({
  organizationId: z.string({ required_error: "Choose your sponsoring employer" }).uuid("Choose your sponsoring employer"),
  jobTitle: text("the job title", 200),
  industry: z.enum(industryIds, { errorMap: () => ({ message: "Choose the industry of the job" }) }),
  annualSalaryKrw: z.coerce
    .number({ invalid_type_error: "Enter the annual salary in won, digits only" })
    .int("Enter the annual salary in whole won")
    .positive("The annual salary must be more than zero")
    .max(100_000_000_000, "That salary is not plausible: check the number of digits"),
});

export const dossierSchema = z.object({
  personal: personalSchema,
  degree: degreeSchema,
  offer: offerSchema,
});
export type Dossier = z.infer<typeof dossierSchema>;

/** What a draft may hold: every field optional, but what is there must be well-formed. */
export const draftDossierSchema = z.object({
  personal: personalSchema.partial().optional(),
  degree: degreeSchema.partial().optional(),
  offer: offerSchema.partial().optional(),
});
export type DraftDossier = z.infer<typeof draftDossierSchema>;

/** The form posts flat names like `personal.fullName`; rebuild the nested object, dropping blanks. */
export function dossierFromForm(form: FormData | URLSearchParams): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const section of ["personal", "degree", "offer"] as const) {
    const schema = dossierSchema.shape[section];
    for (const key of Object.keys(schema.shape)) {
      const value = form.get(`${section}.${key}`);
      if (typeof value === "string" && value.trim() !== "") {
        (out[section] ??= {})[key] = value;
      }
    }
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
