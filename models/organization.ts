import { createHash, createHmac } from "node:crypto";
import { and, asc, desc, eq, inArray, isNotNull, isNull, or } from "drizzle-orm";
import { z } from "zod";
import { audit } from "./audit";
import { isEmployer, type ActorRef, type UseCaseContext } from "./actor";
import { hashPassword, newToken, noticeExistingAccount, toActor } from "./auth";
import { fieldErrors, industryIds } from "./dossier";
import { AppError } from "./errors";
import { memberRoles } from "./employer-shared";
import { enqueue } from "./jobs";
import type { Db, Queryable } from "./platform/db";
import { caseEvents, cases, type Case } from "./schema/cases";
import { emailDeliveries } from "./schema/outbox";
import {
  candidateInvitations,
  organizationInvitations,
  organizations,
  type AlertSettings,
  type CandidateInvitation,
  type Organization,
  type OrganizationInvitation,
} from "./schema/organizations";
import { sessions, users, type User } from "./schema/users";

/**
 * E1 / E2: organisations (sign-up, members, invitations) and how candidates
 * reach them (invitations by e-mail, link requests from an applicant's draft).
 * Every use case checks the actor's organisation itself: another company's
 * invitation, member or case is "not found", never "forbidden".
 */

export const INVITATION_TTL_MS = 7 * 24 * 3600_000;
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

// ---------------------------------------------------------------------------
// Business registration number (사업자등록번호)

/** Digits only: "120-81-47521" → "1208147521". */
export const normalizeRegistrationNumber = (s: string) => s.replace(/[\s-]/g, "");

/**
 * The check digit of a Korean business registration number: the first nine
 * digits weighted 1,3,7,1,3,7,1,3,5, plus the tens digit of (9th digit × 5);
 * the tenth digit is what brings the sum to a multiple of ten.
 */
export function isValidRegistrationNumber(input: string): boolean {
  const s = normalizeRegistrationNumber(input);
  if (!/^\d{10}$/.test(s)) return false;
  const d = [...s].map(Number);
  const weights = [1, 3, 7, 1, 3, 7, 1, 3, 5];
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += d[i]! * weights[i]!;
  sum += Math.floor((d[8]! * 5) / 10);
  return (10 - (sum % 10)) % 10 === d[9];
}

/** "1208147521" → "120-81-47521". */
export const formatRegistrationNumber = (s: string) => (/^\d{10}$/.test(s) ? `${s.slice(0, 3)}-${s.slice(3, 5)}-${s.slice(5)}` : s);

const registrationNumber = z
  .string({ required_error: "Enter the business registration number" })
  .trim()
  .min(1, "Enter the business registration number")
  .transform(normalizeRegistrationNumber)
  .refine((s) => /^\d{10}$/.test(s), "A business registration number has 10 digits, like 123-45-67890")
  .refine(isValidRegistrationNumber, "This business registration number is not valid: check the digits");

const email = z.string().trim().toLowerCase().max(254, "E-mail address is too long").email("Enter an e-mail address like name@example.com");
const password = z.string().min(10, "Use at least 10 characters").max(200, "Use 200 characters or fewer");
const personName = z.string().trim().min(1, "Enter your name").max(200, "Name must be 200 characters or fewer");

export const organizationSignUpSchema = z.object({
  companyName: z.string().trim().min(2, "Enter the company name").max(200, "The company name must be 200 characters or fewer"),
  registrationNumber,
  industry: z.enum(industryIds, { errorMap: () => ({ message: "Choose the company's industry" }) }),
  name: personName,
  email,
  password,
  locale: z.enum(["en", "ko"]).default("en"),
});

function parse<T extends z.ZodTypeAny>(schema: T, input: unknown, message = "Some answers need correcting."): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError("validation", message, fieldErrors(parsed.error));
  return parsed.data as z.infer<T>;
}

async function emailTaken(q: Queryable, address: string) {
  const [existing] = await q.select({ id: users.id }).from(users).where(eq(users.email, address));
  return Boolean(existing);
}

/** E1: register a company and its first administrator (who confirms the e-mail address like any account). */
export async function signUpOrganization(
  db: Db,
  input: unknown,
  meta: { ip?: string | null } = {},
): Promise<{ email: string; created: { organization: Organization; user: User } | null }> {
  const data = parse(organizationSignUpSchema, input);
  const passwordHash = await hashPassword(data.password);
  return db.transaction(async (tx) => {
    const [dup] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.registrationNumber, data.registrationNumber));
    if (dup) {
      throw new AppError("conflict", "A company with this business registration number is already registered.", {
        registrationNumber: "This company is already registered: ask one of its administrators to invite you",
      });
    }
    // Issue 17 item 7: an address with an account gets the same "check your e-mail" answer as a new one; its owner
    // is told by e-mail, and no company is registered.
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, data.email));
    if (existing) {
      await noticeExistingAccount(tx, existing.id, { ip: meta.ip, action: "organization.sign_up_existing" });
      return { email: data.email, created: null };
    }
    const [organization] = await tx
      .insert(organizations)
      .values({ name: data.companyName, registrationNumber: data.registrationNumber, industry: data.industry })
      .returning();
    const [user] = await tx
      .insert(users)
      .values({ name: data.name, email: data.email, passwordHash, role: "employer_admin", organizationId: organization!.id, locale: data.locale })
      .returning();
    await enqueue(tx, "auth.send_verification", { userId: user!.id });
    await audit(tx, { actor: toActor(user!), action: "organization.sign_up", ip: meta.ip, data: { organizationId: organization!.id } });
    return { email: data.email, created: { organization: organization!, user: user! } };
  });
}

// ---------------------------------------------------------------------------
// Who may do what

/** The actor's organisation id; anyone else has none (403: the page is not for them). */
export function requireOrgMember(actor: ActorRef): string {
  if (!isEmployer(actor.role) || !actor.organizationId) throw new AppError("forbidden", "Only employer accounts can do this.");
  return actor.organizationId;
}

export function requireOrgAdmin(actor: ActorRef): string {
  const orgId = requireOrgMember(actor);
  if (actor.role !== "employer_admin") throw new AppError("forbidden", "Only an administrator of your company can do this.");
  return orgId;
}

/** An employer acts for the company (invites, attests, answers link requests) only once their e-mail address is confirmed. */
export async function requireVerified(q: Queryable, actor: ActorRef) {
  const [me] = await q.select({ verified: users.emailVerifiedAt }).from(users).where(eq(users.id, actor.id));
  if (!me?.verified) throw new AppError("invalid_state", "Confirm your e-mail address first: follow the link we sent you.");
}

export async function getOrganization(ctx: UseCaseContext): Promise<Organization> {
  const orgId = requireOrgMember(ctx.actor);
  const [org] = await ctx.db.select().from(organizations).where(eq(organizations.id, orgId));
  if (!org) throw new AppError("not_found", "Organisation not found.");
  return org;
}

// ---------------------------------------------------------------------------
// Members and their invitations

export { memberRoles, type MemberRole } from "./employer-shared";
const memberRole = z.enum(memberRoles, { errorMap: () => ({ message: "Choose administrator or member" }) });

export const memberInvitationSchema = z.object({ email, role: memberRole });

/** Members and open invitations of the actor's organisation. */
export async function listMembers(ctx: UseCaseContext, now = new Date()) {
  const orgId = requireOrgMember(ctx.actor);
  const [members, invitations] = await Promise.all([
    ctx.db
      .select({ id: users.id, name: users.name, email: users.email, role: users.role, verified: users.emailVerifiedAt })
      .from(users)
      .where(eq(users.organizationId, orgId))
      .orderBy(asc(users.name)),
    ctx.db
      .select()
      .from(organizationInvitations)
      .where(and(eq(organizationInvitations.organizationId, orgId), isNull(organizationInvitations.acceptedAt), isNull(organizationInvitations.revokedAt)))
      .orderBy(desc(organizationInvitations.createdAt)),
  ]);
  return {
    members,
    invitations: invitations.map((i) => ({ id: i.id, email: i.email, role: i.role, expiresAt: i.expiresAt, expired: i.expiresAt.getTime() <= now.getTime() })),
  };
}

/** E1: an admin invites someone by e-mail; the link (made by the e-mail job) works for 7 days. */
export async function inviteMember(ctx: UseCaseContext, input: unknown, now = new Date()): Promise<OrganizationInvitation> {
  const orgId = requireOrgAdmin(ctx.actor);
  const data = parse(memberInvitationSchema, input, "The invitation needs correcting.");
  return ctx.db.transaction(async (tx) => {
    await requireVerified(tx, ctx.actor);
    const [member] = await tx.select({ org: users.organizationId }).from(users).where(eq(users.email, data.email));
    if (member?.org === orgId) throw new AppError("conflict", "This person is already a member of your company.", { email: "Already a member of your company" });
    // A new invitation replaces an open one to the same address.
    await tx
      .update(organizationInvitations)
      .set({ revokedAt: now })
      .where(and(eq(organizationInvitations.organizationId, orgId), eq(organizationInvitations.email, data.email), isNull(organizationInvitations.acceptedAt), isNull(organizationInvitations.revokedAt)));
    const [invitation] = await tx
      .insert(organizationInvitations)
      .values({ organizationId: orgId, email: data.email, role: data.role, tokenHash: sha256(newToken()), invitedBy: ctx.actor.id, expiresAt: new Date(now.getTime() + INVITATION_TTL_MS), createdAt: now })
      .returning();
    await enqueue(tx, "employer.send_member_invitation", { invitationId: invitation!.id });
    await audit(tx, { actor: ctx.actor, action: "organization.invite_member", ip: ctx.ip, data: { invitationId: invitation!.id, role: data.role } });
    return invitation!;
  });
}

export async function revokeMemberInvitation(ctx: UseCaseContext, invitationId: string, now = new Date()): Promise<void> {
  const orgId = requireOrgAdmin(ctx.actor);
  if (!z.string().uuid().safeParse(invitationId).success) throw new AppError("not_found", "Invitation not found.");
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(organizationInvitations)
      .set({ revokedAt: now })
      .where(and(eq(organizationInvitations.id, invitationId), eq(organizationInvitations.organizationId, orgId), isNull(organizationInvitations.acceptedAt), isNull(organizationInvitations.revokedAt)))
      .returning({ id: organizationInvitations.id });
    if (!row) throw new AppError("not_found", "Invitation not found.");
    await audit(tx, { actor: ctx.actor, action: "organization.revoke_invitation", ip: ctx.ip, data: { invitationId } });
  });
}

async function memberOf(q: Queryable, orgId: string, userId: string, lock = false): Promise<User> {
  if (!z.string().uuid().safeParse(userId).success) throw new AppError("not_found", "Member not found.");
  const query = q.select().from(users).where(and(eq(users.id, userId), eq(users.organizationId, orgId)));
  const [user] = lock ? await query.for("update") : await query;
  if (!user) throw new AppError("not_found", "Member not found.");
  return user;
}

/** Lock the organisation's admins (so two removals at once cannot leave none) and count them. */
async function adminCount(q: Queryable, orgId: string): Promise<number> {
  const rows = await q
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.organizationId, orgId), eq(users.role, "employer_admin")))
    .for("update");
  return rows.length;
}

export async function changeMemberRole(ctx: UseCaseContext, userId: string, role: unknown): Promise<User> {
  const orgId = requireOrgAdmin(ctx.actor);
  const newRole = parse(z.object({ role: memberRole }), { role }, "Choose administrator or member.").role;
  return ctx.db.transaction(async (tx) => {
    const admins = await adminCount(tx, orgId);
    const user = await memberOf(tx, orgId, userId, true);
    if (user.role === newRole) return user;
    if (user.role === "employer_admin" && admins <= 1) {
      throw new AppError("invalid_state", "Your company needs at least one administrator: make someone else an administrator first.");
    }
    const [updated] = await tx.update(users).set({ role: newRole }).where(eq(users.id, user.id)).returning();
    await audit(tx, { actor: ctx.actor, action: "organization.change_role", ip: ctx.ip, data: { userId, from: user.role, to: newRole } });
    return updated!;
  });
}

/** E1: remove a member from the company; every session of theirs ends at once. */
export async function removeMember(ctx: UseCaseContext, userId: string): Promise<void> {
  const orgId = requireOrgAdmin(ctx.actor);
  await ctx.db.transaction(async (tx) => {
    const admins = await adminCount(tx, orgId);
    const user = await memberOf(tx, orgId, userId, true);
    if (user.role === "employer_admin" && admins <= 1) {
      throw new AppError("invalid_state", "Your company needs at least one administrator: make someone else an administrator first.");
    }
    await tx.update(users).set({ organizationId: null, role: "employer_member" }).where(eq(users.id, user.id));
    // Their sessions end now, in the same transaction.
    await tx.delete(sessions).where(eq(sessions.userId, user.id));
    await audit(tx, { actor: ctx.actor, action: "organization.remove_member", ip: ctx.ip, data: { userId } });
  });
}

// ---------------------------------------------------------------------------
// Tokens: made by the e-mail job (so they never sit in the outbox or Redis)

/**
 * The link token of one e-mail of an invitation, unless that e-mail (by `deliveryKey`) was
 * already sent: then null, and the link already sent keeps working. The token is derived
 * from the server's secret and the delivery key (HMAC-SHA256), so a retry of the same job
 * (after a worker died between the SMTP server's acceptance and marking the e-mail sent)
 * makes the same token again and the link already delivered stays valid; a new e-mail (a
 * new job) gets a new token, which replaces the older link. Only its hash is stored.
 */
async function issueToken(db: Db, table: typeof organizationInvitations | typeof candidateInvitations, id: string, deliveryKey: string, secret: string): Promise<string | null> {
  const [sent] = await db.select({ status: emailDeliveries.status }).from(emailDeliveries).where(eq(emailDeliveries.idempotencyKey, deliveryKey));
  if (sent?.status === "sent") return null;
  const token = createHmac("sha256", secret).update(`invitation-link\u0000${id}\u0000${deliveryKey}`).digest("base64url");
  await db.update(table).set({ tokenHash: sha256(token) }).where(eq(table.id, id));
  return token;
}

export async function issueMemberInvitationToken(db: Db, invitationId: string, deliveryKey: string, secret: string) {
  const [row] = await db
    .select({ invitation: organizationInvitations, organization: organizations, inviter: users.name })
    .from(organizationInvitations)
    .innerJoin(organizations, eq(organizations.id, organizationInvitations.organizationId))
    .leftJoin(users, eq(users.id, organizationInvitations.invitedBy))
    .where(eq(organizationInvitations.id, invitationId));
  if (!row || row.invitation.acceptedAt || row.invitation.revokedAt) return null;
  const token = await issueToken(db, organizationInvitations, invitationId, deliveryKey, secret);
  return token ? { ...row, token } : null;
}

export async function issueCandidateInvitationToken(db: Db, invitationId: string, deliveryKey: string, secret: string) {
  const [row] = await db
    .select({ invitation: candidateInvitations, organization: organizations })
    .from(candidateInvitations)
    .innerJoin(organizations, eq(organizations.id, candidateInvitations.organizationId))
    .where(eq(candidateInvitations.id, invitationId));
  if (!row || row.invitation.acceptedAt || row.invitation.revokedAt) return null;
  const token = await issueToken(db, candidateInvitations, invitationId, deliveryKey, secret);
  return token ? { ...row, token } : null;
}

/** What an invitation link shows before anyone signs in (and null for a bad, used, revoked or expired link). */
export async function findMemberInvitation(q: Queryable, token: string, now = new Date()) {
  const [row] = await q
    .select({ invitation: organizationInvitations, organization: { id: organizations.id, name: organizations.name } })
    .from(organizationInvitations)
    .innerJoin(organizations, eq(organizations.id, organizationInvitations.organizationId))
    .where(eq(organizationInvitations.tokenHash, sha256(token)));
  if (!row) return null;
  const i = row.invitation;
  const state = i.acceptedAt ? "accepted" : i.revokedAt ? "revoked" : i.expiresAt.getTime() <= now.getTime() ? "expired" : "open";
  return { ...row, state } as const;
}

function invitationProblem(state: string): AppError {
  if (state === "accepted") return new AppError("invalid_state", "This invitation has already been used.");
  if (state === "revoked") return new AppError("invalid_state", "This invitation was withdrawn. Ask for a new one.");
  return new AppError("invalid_state", "This invitation has expired. Ask for a new one.");
}

export const acceptSignUpSchema = z.object({ name: personName, password, locale: z.enum(["en", "ko"]).default("en") });

/**
 * E1: accept a member invitation, either by creating an account for the invited
 * address (following the e-mailed link proves it, so it is confirmed at once)
 * or, signed in with that address, by joining with the existing employer account.
 */
export async function acceptMemberInvitation(
  db: Db,
  token: string,
  how: { signUp: unknown } | { user: User },
  meta: { ip?: string | null; now?: Date } = {},
): Promise<User> {
  const now = meta.now ?? new Date();
  const signUp = "signUp" in how ? parse(acceptSignUpSchema, how.signUp) : null;
  const passwordHash = signUp ? await hashPassword(signUp.password) : null;
  return db.transaction(async (tx) => {
    const found = await findMemberInvitation(tx, token, now);
    if (!found) throw new AppError("not_found", "This invitation link is not valid.");
    if (found.state !== "open") throw invitationProblem(found.state);
    const inv = found.invitation;
    let user: User;
    if (signUp) {
      if (await emailTaken(tx, inv.email)) {
        throw new AppError("conflict", "An account with this e-mail address already exists: sign in to accept the invitation.");
      }
      const [created] = await tx
        .insert(users)
        .values({ name: signUp.name, email: inv.email, passwordHash: passwordHash!, role: inv.role, organizationId: inv.organizationId, locale: signUp.locale, emailVerifiedAt: now })
        .returning();
      user = created!;
    } else {
      const existing = (how as { user: User }).user;
      if (existing.email !== inv.email) {
        throw new AppError("forbidden", "This invitation is for another e-mail address. Sign in with the address it was sent to.");
      }
      if (!isEmployer(existing.role) || (existing.organizationId && existing.organizationId !== inv.organizationId)) {
        throw new AppError("invalid_state", "This account cannot join a company. Ask for an invitation to another e-mail address.");
      }
      if (existing.organizationId === inv.organizationId) {
        // Already a member (say a second invitation sent by a double click): the invitation changes no role;
        // roles change only on the members page, which keeps the last administrator.
        user = existing;
      } else {
        const [updated] = await tx
          .update(users)
          .set({ role: inv.role, organizationId: inv.organizationId, emailVerifiedAt: existing.emailVerifiedAt ?? now })
          .where(eq(users.id, existing.id))
          .returning();
        user = updated!;
      }
    }
    await tx.update(organizationInvitations).set({ acceptedAt: now }).where(eq(organizationInvitations.id, inv.id));
    await audit(tx, { actor: toActor(user), action: "organization.join", ip: meta.ip, data: { invitationId: inv.id, organizationId: inv.organizationId, role: inv.role } });
    return user;
  });
}

// ---------------------------------------------------------------------------
// E2: candidates

export const candidateInvitationSchema = z.object({
  candidateName: z.string().trim().min(1, "Enter the candidate's name").max(200, "Name must be 200 characters or fewer"),
  email,
  jobTitle: z.string().trim().min(2, "Enter the job title").max(200, "The job title must be 200 characters or fewer"),
  message: z.string().trim().max(2000, "The message must be 2,000 characters or fewer").optional(),
});

/** E2: invite a candidate to apply; the e-mail carries a link valid for 7 days. */
export async function inviteCandidate(ctx: UseCaseContext, input: unknown, now = new Date()): Promise<CandidateInvitation> {
  const orgId = requireOrgMember(ctx.actor);
  const data = parse(candidateInvitationSchema, input, "The invitation needs correcting.");
  return ctx.db.transaction(async (tx) => {
    await requireVerified(tx, ctx.actor);
    const [invitation] = await tx
      .insert(candidateInvitations)
      .values({
        organizationId: orgId,
        email: data.email,
        candidateName: data.candidateName,
        jobTitle: data.jobTitle,
        message: data.message || null,
        tokenHash: sha256(newToken()),
        invitedBy: ctx.actor.id,
        expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
        createdAt: now,
      })
      .returning();
    await enqueue(tx, "employer.send_candidate_invitation", { invitationId: invitation!.id });
    await audit(tx, { actor: ctx.actor, action: "organization.invite_candidate", ip: ctx.ip, data: { invitationId: invitation!.id } });
    return invitation!;
  });
}

export async function revokeCandidateInvitation(ctx: UseCaseContext, invitationId: string, now = new Date()): Promise<void> {
  const orgId = requireOrgMember(ctx.actor);
  if (!z.string().uuid().safeParse(invitationId).success) throw new AppError("not_found", "Invitation not found.");
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(candidateInvitations)
      .set({ revokedAt: now })
      .where(and(eq(candidateInvitations.id, invitationId), eq(candidateInvitations.organizationId, orgId), isNull(candidateInvitations.acceptedAt), isNull(candidateInvitations.revokedAt)))
      .returning({ id: candidateInvitations.id });
    if (!row) throw new AppError("not_found", "Invitation not found.");
    await audit(tx, { actor: ctx.actor, action: "organization.revoke_candidate_invitation", ip: ctx.ip, data: { invitationId } });
  });
}

export async function findCandidateInvitation(q: Queryable, token: string, now = new Date()) {
  const [row] = await q
    .select({ invitation: candidateInvitations, organization: { id: organizations.id, name: organizations.name } })
    .from(candidateInvitations)
    .innerJoin(organizations, eq(organizations.id, candidateInvitations.organizationId))
    .where(eq(candidateInvitations.tokenHash, sha256(token)));
  if (!row) return null;
  const i = row.invitation;
  const state = i.acceptedAt ? "accepted" : i.revokedAt ? "revoked" : i.expiresAt.getTime() <= now.getTime() ? "expired" : "open";
  return { ...row, state } as const;
}

/**
 * E2: the candidate accepts (signed in as an applicant with the invited
 * address, or signing up with it): a draft case is created for them, linked to
 * the organisation, with the offer filled in. Returns the case.
 */
export async function acceptCandidateInvitation(
  db: Db,
  token: string,
  how: { signUp: unknown } | { user: User },
  meta: { ip?: string | null; now?: Date } = {},
): Promise<{ user: User; case: Case }> {
  const now = meta.now ?? new Date();
  const signUp = "signUp" in how ? parse(acceptSignUpSchema, how.signUp) : null;
  const passwordHash = signUp ? await hashPassword(signUp.password) : null;
  return db.transaction(async (tx) => {
    const found = await findCandidateInvitation(tx, token, now);
    if (!found) throw new AppError("not_found", "This invitation link is not valid.");
    if (found.state !== "open") throw invitationProblem(found.state);
    const inv = found.invitation;
    let user: User;
    if (signUp) {
      if (await emailTaken(tx, inv.email)) {
        throw new AppError("conflict", "An account with this e-mail address already exists: sign in to accept the invitation.");
      }
      const [created] = await tx
        .insert(users)
        .values({ name: signUp.name, email: inv.email, passwordHash: passwordHash!, role: "applicant", locale: signUp.locale, emailVerifiedAt: now })
        .returning();
      user = created!;
      await audit(tx, { actor: toActor(user), action: "user.sign_up", ip: meta.ip });
    } else {
      user = (how as { user: User }).user;
      if (user.email !== inv.email) throw new AppError("forbidden", "This invitation is for another e-mail address. Sign in with the address it was sent to.");
      if (user.role !== "applicant") throw new AppError("invalid_state", "Only an applicant account can accept this invitation.");
    }
    const [row] = await tx
      .insert(cases)
      .values({
        applicantId: user.id,
        organizationId: inv.organizationId,
        sponsorLink: "accepted",
        dossier: { personal: { fullName: inv.candidateName }, offer: { organizationId: inv.organizationId, jobTitle: inv.jobTitle } } as never,
        createdAt: now,
      })
      .returning();
    await tx.insert(caseEvents).values({ caseId: row!.id, actorId: user.id, type: "created", toStatus: "draft", data: { invitedBy: inv.organizationId }, at: now });
    await tx.update(candidateInvitations).set({ acceptedAt: now, acceptedBy: user.id, caseId: row!.id }).where(eq(candidateInvitations.id, inv.id));
    await audit(tx, { actor: toActor(user), action: "case.create", caseId: row!.id, ip: meta.ip, data: { candidateInvitationId: inv.id } });
    return { user, case: row! };
  });
}

/** E2: the organisation's candidate invitations (newest first) and link requests from applicants' drafts. */
export async function listCandidates(ctx: UseCaseContext, now = new Date()) {
  const orgId = requireOrgMember(ctx.actor);
  const [invitations, requests] = await Promise.all([
    ctx.db.select().from(candidateInvitations).where(eq(candidateInvitations.organizationId, orgId)).orderBy(desc(candidateInvitations.createdAt)).limit(200),
    ctx.db
      .select({ id: cases.id, dossier: cases.dossier, createdAt: cases.createdAt, email: users.email })
      .from(cases)
      .innerJoin(users, eq(users.id, cases.applicantId))
      .where(linkRequestedWhere(orgId))
      .orderBy(asc(cases.createdAt)),
  ]);
  return {
    invitations: invitations.map((i) => ({
      id: i.id,
      candidateName: i.candidateName,
      email: i.email,
      jobTitle: i.jobTitle,
      createdAt: i.createdAt,
      state: i.acceptedAt ? ("accepted" as const) : i.revokedAt ? ("revoked" as const) : i.expiresAt.getTime() <= now.getTime() ? ("expired" as const) : ("open" as const),
    })),
    // Only what the decision to sponsor needs: the name, the address and the job named.
    linkRequests: requests.map((r) => ({
      id: r.id,
      name: r.dossier.personal?.fullName ?? "",
      email: r.email,
      jobTitle: r.dossier.offer?.jobTitle ?? "",
      since: r.createdAt,
    })),
  };
}

/**
 * A draft that names the organisation as employer and that the employer has not
 * answered yet: marked "requested" (or not marked at all, for drafts saved
 * before link requests existed).
 */
function linkRequestedWhere(orgId: string) {
  return and(eq(cases.organizationId, orgId), eq(cases.status, "draft"), or(isNull(cases.sponsorLink), eq(cases.sponsorLink, "requested")));
}

/** E2: accept or decline an applicant's link request. Declining unnames the company from the draft. */
export async function answerLinkRequest(ctx: UseCaseContext, caseId: string, accept: boolean): Promise<void> {
  const orgId = requireOrgMember(ctx.actor);
  if (!z.string().uuid().safeParse(caseId).success) throw new AppError("not_found", "Case not found.");
  await ctx.db.transaction(async (tx) => {
    await requireVerified(tx, ctx.actor);
    const [c] = await tx
      .select()
      .from(cases)
      .where(and(eq(cases.id, caseId), linkRequestedWhere(orgId)))
      .for("update");
    if (!c) throw new AppError("not_found", "Case not found.");
    if (accept) {
      await tx.update(cases).set({ sponsorLink: "accepted", updatedAt: new Date() }).where(eq(cases.id, c.id));
    } else {
      const { organizationId: _named, ...offer } = c.dossier.offer ?? ({} as NonNullable<Case["dossier"]["offer"]>);
      await tx
        .update(cases)
        .set({ sponsorLink: "declined", organizationId: null, dossier: { ...c.dossier, offer } as never, updatedAt: new Date() })
        .where(eq(cases.id, c.id));
    }
    const type = accept ? "sponsor_link_accepted" : "sponsor_link_declined";
    await tx.insert(caseEvents).values({ caseId: c.id, actorId: ctx.actor.id, type, data: {} });
    await audit(tx, { actor: ctx.actor, action: `case.${type}`, caseId: c.id, ip: ctx.ip });
  });
}

/** Drafts linked to the organisation (accepted invitation or link): shown as "preparing", without the dossier. */
export async function listPreparing(ctx: UseCaseContext) {
  const orgId = requireOrgMember(ctx.actor);
  const rows = await ctx.db
    .select({ id: cases.id, dossier: cases.dossier, createdAt: cases.createdAt })
    .from(cases)
    .where(and(eq(cases.organizationId, orgId), eq(cases.status, "draft"), eq(cases.sponsorLink, "accepted")))
    .orderBy(asc(cases.createdAt));
  return rows.map((r) => ({ id: r.id, name: r.dossier.personal?.fullName ?? "", jobTitle: r.dossier.offer?.jobTitle ?? "", since: r.createdAt }));
}

// ---------------------------------------------------------------------------
// E5: alert settings

const leadDays = (max: number, tooFar: string) =>
  z
    .array(z.coerce.number({ invalid_type_error: "Lead times are whole numbers of days" }).int("Lead times are whole numbers of days").min(1, "A lead time is at least 1 day").max(max, tooFar))
    .min(1, "Give at least one lead time")
    .max(5, "Give at most 5 lead times")
    .transform((a) => [...new Set(a)].sort((x, y) => y - x));

export const alertSettingsSchema = z.object({
  evidenceDueDays: leadDays(60, "A lead time for requests for evidence is at most 60 days"),
  visaExpiryDays: leadDays(365, "A lead time for visa expiry is at most 365 days"),
});

/** "90, 30" → [90, 30]; anything unreadable stays for the schema to reject. */
export const parseDayList = (s: unknown) =>
  typeof s === "string"
    ? s
        .split(/[,\s]+/)
        .filter(Boolean)
        .map((p) => (/^\d+$/.test(p) ? Number(p) : p))
    : s;

export async function updateAlertSettings(ctx: UseCaseContext, input: { evidenceDueDays: unknown; visaExpiryDays: unknown }): Promise<AlertSettings> {
  const orgId = requireOrgAdmin(ctx.actor);
  const settings = parse(alertSettingsSchema, { evidenceDueDays: parseDayList(input.evidenceDueDays), visaExpiryDays: parseDayList(input.visaExpiryDays) }, "The alert settings need correcting.");
  await ctx.db.transaction(async (tx) => {
    const [old] = await tx.select({ s: organizations.alertSettings }).from(organizations).where(eq(organizations.id, orgId)).for("update");
    await tx.update(organizations).set({ alertSettings: settings }).where(eq(organizations.id, orgId));
    await audit(tx, { actor: ctx.actor, action: "organization.alert_settings", ip: ctx.ip, data: { from: old?.s ?? null, to: settings } });
  });
  return settings;
}

/** Admins of an organisation (who receive its alerts). */
export async function organizationAdmins(q: Queryable, orgId: string) {
  return q.select().from(users).where(and(eq(users.organizationId, orgId), eq(users.role, "employer_admin")));
}

/** Organisations that have at least one admin, for the alert scan. */
export async function organizationsWithAdmins(q: Queryable) {
  const rows = await q
    .select({ org: organizations })
    .from(organizations)
    .where(inArray(organizations.id, q.select({ id: users.organizationId }).from(users).where(and(eq(users.role, "employer_admin"), isNotNull(users.organizationId)))));
  return rows.map((r) => r.org);
}
