import { eq } from "drizzle-orm";
import { hashPassword } from "./auth";
import { seedDecisionTemplates } from "./case/decision-templates";
import type { Dossier } from "./dossier";
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
      .values(demoAccounts.map((a) => ({ email: a.email, name: a.name, role: a.role, passwordHash, emailVerifiedAt: new Date(), organizationId: a.org ? orgId : null })))
      .onConflictDoNothing();
  });
  return { created: true };
}

/** A complete, valid dossier (tests and demos build on it). */
export function validDossier(organizationId: string, overrides: Partial<{ [K in keyof Dossier]: Partial<Dossier[K]> }> = {}): Dossier {
  return {
    personal: { fullName: "Ada Okafor", nationality: "Nigeria", birthDate: "1988-03-14", passportNumber: "A12345678", ...overrides.personal },
    degree: { level: "phd", field: "Computer Science", institution: "KAIST", country: "Korea", awarded: "2016-02-20", ...overrides.degree },
    offer: { organizationId, jobTitle: "Principal research scientist", industry: "ai", annualSalaryKrw: 180_000_000, ...overrides.offer },
  };
}
