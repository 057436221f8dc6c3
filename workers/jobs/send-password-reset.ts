import { eq } from "drizzle-orm";
import { passwordChanged } from "../../emails/password-changed";
import { passwordReset } from "../../emails/password-reset";
import { issuePasswordResetToken } from "../../models/account";
import { formatDateTime } from "../../models/i18n";
import type { JobPayload } from "../../models/jobs";
import { users } from "../../models/schema/users";
import type { JobContext } from "../context";
import { defineJob } from "../definition";
import { sendOnce } from "../send-once";

/** A1: e-mail a password-reset link. The token is made here, so it never sits in Redis. */
export async function run(payload: JobPayload<"auth.send_password_reset">, ctx: JobContext) {
  const [user] = await ctx.db.select().from(users).where(eq(users.id, payload.userId));
  if (!user) return "skipped" as const;
  const key = `reset:${ctx.jobId}`;
  const token = await issuePasswordResetToken(ctx.db, user.id);
  const url = `${ctx.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
  return sendOnce(ctx, key, user.email, "password-reset", passwordReset({ name: user.name, url }, user.locale === "ko" ? "ko" : "en"));
}

/** A1: tell the owner their password changed (after a reset or a change on /account). */
export async function runPasswordChanged(payload: JobPayload<"auth.send_password_changed">, ctx: JobContext) {
  const [user] = await ctx.db.select().from(users).where(eq(users.id, payload.userId));
  if (!user) return "skipped" as const;
  const locale = user.locale === "ko" ? "ko" : "en";
  const when = formatDateTime(locale, user.passwordChangedAt ?? new Date());
  const mail = passwordChanged({ name: user.name, when, forgotUrl: `${ctx.publicUrl}/forgot-password` }, locale);
  return sendOnce(ctx, `password-changed:${ctx.jobId}`, user.email, "password-changed", mail);
}

export const sendPasswordChanged = defineJob({ name: "auth.send_password_changed", queue: "notifications", run: runPasswordChanged });
export default defineJob({ name: "auth.send_password_reset", queue: "notifications", run });
