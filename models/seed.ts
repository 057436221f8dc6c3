import { eq } from "drizzle-orm";
import { hashPassword } from "./auth";
import { seedDecisionTemplates } from "./case/decision-templates";
import type { Degree, Dossier } from "./dossier";
import { defaultLocaleFor } from "./officer-locale";
import type { Db } from "./platform/db";
import { organizations } from "./schema/organizations";
import { users, type Role } from "./schema/users";

/** Demo accounts for the embedded mode, printed at start-up. Never seeded in production. */
export const DEMO_PASSWORD = "toptier-demo-2026";
export const demoOrganization = { name: "Hanbit AI Labs", registrationNumber: "1208147521", industry: "ai" };
export const demoAccounts: { email: string; name: string; role: Role; org?: true }[] = [
  { email: "applicant@demo.toptier.local", name: "Ada Okafor", role: "applicant" },
  { email: "employer@demo.toptier.local", name: "Kim Minji", role: "employer_admin", org: true },
  { email: "officer@demo.toptier.local", name: "Park Jisoo", role: "officer" },
  { email: "senior@demo.toptier.local", name: "Lee Hyunwoo", role: "senior_officer" },
  { email: "admin@demo.toptier.local", name: "Choi Admin", role: "admin" },
];

/** Create the demo organisation and accounts once; later runs leave them as they are. */
export async function seedDemo(db: Db): Promise<{ created: boolean }> {
  // O6: the four default decision templates (two approve, two refuse), each code once.
  await seedDecisionTemplates(db);
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, demoAccounts[0]!.email));
  if (existing) return { created: false };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const [org] = await tx.insert(organizations).values(demoOrganization).onConflictDoNothing().returning();
    const orgId = org?.id ?? (await tx.select().from(organizations).where(eq(organizations.registrationNumber, demoOrganization.registrationNumber)))[0]!.id;
    await tx
      .insert(users)
      // Officers and administrators read Korean first (models/officer-locale.ts).
      .values(demoAccounts.map((a) => ({ email: a.email, name: a.name, role: a.role, locale: defaultLocaleFor(a.role), passwordHash, emailVerifiedAt: new Date(), organizationId: a.org ? orgId : null })))
      .onConflictDoNothing();
  });
  return { created: true };
}

/** What a test or demo may override in `validDossier`: a section's fields, or `degree` for the first degree. */
export interface DossierOverrides {
  personal?: Partial<Dossier["personal"]>;
  /** Fields of the first degree (the skeleton's single degree). */
  degree?: Partial<Degree>;
  education?: Degree[];
  work?: Dossier["work"];
  achievements?: Partial<Dossier["achievements"]>;
  offer?: Partial<Dossier["offer"]>;
  dependants?: Dossier["dependants"];
}

/** A complete, valid dossier (tests and demos build on it); the passport runs for years after today. */
export function validDossier(organizationId: string, overrides: DossierOverrides = {}): Dossier {
  const expires = `${new Date().getUTCFullYear() + 6}-05-31`;
  const [first, ...more] = overrides.education ?? [{ level: "phd", field: "Computer Science", institution: "KAIST", country: "Korea", awarded: "2016-02-20" }];
  return {
    personal: {
      fullName: "Ada Okafor",
      nationality: "Nigeria",
      birthDate: "1988-03-14",
      countryOfBirth: "Nigeria",
      passportNumber: "A12345678",
      passportCountry: "Nigeria",
      passportIssued: "2021-06-01",
      passportExpires: expires,
      ...overrides.personal,
    },
    education: [{ ...first!, ...overrides.degree } as Degree, ...more],
    // One job of a few years: short of the Top-Tier experience rule, as tests of screening expect.
    work: overrides.work ?? [{ employer: "KAIST AI Institute", kind: "research_institute", title: "Senior researcher", country: "Korea", start: "2020-03-01", current: true, postdoc: false }],
    achievements: { publications: [{ title: "Sparse attention at scale", venue: "NeurIPS", year: 2022 }], patents: [], awards: [], ...overrides.achievements },
    // The applicant gives the agreed start date (three months ahead): the sponsor confirms it, nobody invents one (issue 11 item 12).
    offer: { hasOffer: "yes", organizationId, jobTitle: "Principal research scientist", industry: "ai", annualSalaryKrw: 180_000_000, startDate: new Date(Date.now() + 90 * 864e5).toISOString().slice(0, 10), ...overrides.offer },
    dependants: overrides.dependants ?? [],
  };
}

/** A valid dossier with two degrees (ETH Zurich, then KAIST) and two dependants (a spouse, then a child). */
export const familyDossier = (organizationId: string, overrides: DossierOverrides = {}): Dossier =>
  validDossier(organizationId, {
    education: [
      { level: "master", field: "CS", institution: "ETH Zurich", awarded: "2012-06-30" },
      { level: "phd", field: "CS", institution: "KAIST", awarded: "2016-02-20" },
    ],
    dependants: [
      { relation: "spouse", fullName: "Bo Okafor", birthDate: "1989-01-01", nationality: "Nigeria", passportNumber: "B1234567" },
      { relation: "child", fullName: "Chi Okafor", birthDate: "2019-05-05", nationality: "Nigeria", passportNumber: "C1234567" },
    ],
    ...overrides,
  });
