import { eq } from "drizzle-orm";
import { accountExists } from "../../emails/account-exists";
import type { JobPayload } from "../../models/jobs";
import { users } from "../../models/schema/users";
import type { JobContext } from "../context";
import { defineJob } from "../definition";
import { sendOnce } from "../send-once";

/**
 * Issue 17 item 7: tell an account's owner that someone tried to sign up with their address. The key holds
 * the hour of the attempt, so repeated attempts (or retries) e-mail the owner at most once an hour.
 */
export async function run(payload: JobPayload<"auth.send_account_exists">, ctx: JobContext) {
  const [user] = await ctx.db.select().from(users).where(eq(users.id, payload.userId));
  if (!user) return "skipped" as const;
  const key = `account-exists:${user.id}:${payload.hour}`;
  const mail = accountExists({ name: user.name, signInUrl: `${ctx.publicUrl}/login`, forgotUrl: `${ctx.publicUrl}/forgot-password` }, user.locale === "ko" ? "ko" : "en");
  return sendOnce(ctx, key, user.email, "account-exists", mail);
}

export default defineJob({ name: "auth.send_account_exists", queue: "notifications", run });
