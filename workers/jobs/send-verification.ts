import { eq } from "drizzle-orm";
import { verifyEmail } from "../../emails/verify-email";
import { issueVerificationToken } from "../../models/auth";
import type { JobPayload } from "../../models/jobs";
import { users } from "../../models/schema/users";
import type { JobContext } from "../context";
import { sendOnce } from "../send-once";
import { defineJob } from "../definition";

/** A1: e-mail a verification link. The token is made here, so it never sits in Redis. */
export async function run(payload: JobPayload<"auth.send_verification">, ctx: JobContext) {
  const [user] = await ctx.db.select().from(users).where(eq(users.id, payload.userId));
  if (!user || user.emailVerifiedAt) return "skipped" as const;
  const key = `verify:${ctx.jobId}`;
  const token = await issueVerificationToken(ctx.db, user.id);
  const url = `${ctx.publicUrl}/verify-email?token=${encodeURIComponent(token)}`;
  return sendOnce(ctx, key, user.email, "verify-email", verifyEmail({ name: user.name, url }, user.locale === "ko" ? "ko" : "en"));
}

export default defineJob({ name: "auth.send_verification", queue: "notifications", run });
