import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { hashPassword, toActor } from "../../models/auth";
import type { ActorRef, UseCaseContext } from "../../models/actor";
import type { AppError } from "../../models/errors";
import type { Db } from "../../models/platform/db";
import { organizations } from "../../models/schema/organizations";
import { users, type Role, type User } from "../../models/schema/users";

export { familyDossier, validDossier } from "../../models/seed";

let cachedHash: Promise<string> | undefined;
export const TEST_PASSWORD = "correct horse battery";
export const TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

export async function makeOrganization(db: Db, name = `Org ${randomBytes(3).toString("hex")}`) {
  const [org] = await db.insert(organizations).values({ name, industry: "ai" }).returning();
  return org!;
}

/** A verified user with a known password (hashing once per test file keeps tests fast). */
export async function makeUser(db: Db, role: Role, opts: { organizationId?: string; verified?: boolean; email?: string } = {}): Promise<User> {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const [user] = await db
    .insert(users)
    .values({
      email: opts.email ?? `${role}-${randomBytes(4).toString("hex")}@example.test`,
      name: `Test ${role}`,
      role,
      passwordHash: await cachedHash,
      organizationId: opts.organizationId ?? null,
      emailVerifiedAt: opts.verified === false ? null : new Date(),
      // Officers and administrators sign in with TOTP (P5, issue 17): test ones have it set up, with a known secret.
      ...(role === "officer" || role === "senior_officer" || role === "admin" ? { totpSecret: TEST_TOTP_SECRET, totpEnabledAt: new Date() } : {}),
    })
    .returning();
  return user!;
}

export function ctxFor(db: Db, user: User): UseCaseContext & { actor: ActorRef } {
  return { db, actor: toActor(user), ip: "127.0.0.1" };
}

export async function reload(db: Db, id: string) {
  const { cases } = await import("../../models/schema/cases");
  const [row] = await db.select().from(cases).where(eq(cases.id, id));
  return row!;
}

/** Minimal valid files, by their magic bytes. */
export const samplePdf = () => new TextEncoder().encode("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
export const fakeExe = () => new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]);

/** The AppError a promise rejects with, or null when it resolves. */
export const errorOf = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);
