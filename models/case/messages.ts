import { and, asc, eq, inArray, isNull, ne } from "drizzle-orm";
import { z } from "zod";
import { audit } from "../audit";
import { isOfficer, type UseCaseContext } from "../actor";
import { fieldErrors } from "../dossier";
import { AppError } from "../errors";
import { enqueue } from "../jobs";
import { caseMessages, evidenceRequestItems, evidenceRequests, type Case, type CaseMessage } from "../schema/cases";
import { users } from "../schema/users";
import { resolveCase, type CaseRef } from "./core";

/**
 * A10: messages between the applicant and the officers on a submitted case,
 * optionally about one item of a request for evidence. Officers speak for the
 * office: any officer who may see the case may write, and the applicant sees
 * "Officer" rather than a name. Sponsors are not part of the conversation (it
 * can hold personal matters): for them the messages do not exist (404). Each
 * message is audited and the other side is told by e-mail (job
 * `notify.message`): the applicant, or the officer the case is assigned to
 * (nobody when it waits in the queue: the next officer sees it in the file).
 */

export const MESSAGE_MAX = 4000;

export const messageSchema = z.object({
  body: z
    .string({ required_error: "Write your message" })
    .trim()
    .min(1, "Write your message")
    .max(MESSAGE_MAX, "A message must be 4,000 characters or fewer"),
  requestItemId: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.string().uuid("Choose a request item from the list").optional()),
});
export type MessageInput = z.input<typeof messageSchema>;

type Side = CaseMessage["side"];

function sideOf(ctx: UseCaseContext): Side {
  if (ctx.actor.role === "applicant") return "applicant";
  if (isOfficer(ctx.actor.role)) return "officer";
  // Sponsors and administrators are not part of the conversation: the case's messages do not exist for them.
  throw new AppError("not_found", "Case not found.");
}

async function loadConversationCase(ctx: UseCaseContext, caseId: CaseRef): Promise<{ c: Case; side: Side }> {
  const side = sideOf(ctx);
  const c = await resolveCase(ctx.db, ctx.actor, caseId);
  return { c, side };
}

/** Send a message on a submitted case. */
export async function sendMessage(ctx: UseCaseContext, caseId: string, input: MessageInput, now = new Date()): Promise<CaseMessage> {
  const { c, side } = await loadConversationCase(ctx, caseId);
  if (c.status === "draft") throw new AppError("invalid_state", "Messages open once the application is submitted.");
  const parsed = messageSchema.safeParse(input);
  if (!parsed.success) throw new AppError("validation", "The message needs correcting.", fieldErrors(parsed.error));
  const { body, requestItemId } = parsed.data;
  if (requestItemId) {
    const [item] = await ctx.db
      .select({ id: evidenceRequestItems.id })
      .from(evidenceRequestItems)
      .innerJoin(evidenceRequests, eq(evidenceRequests.id, evidenceRequestItems.requestId))
      .where(and(eq(evidenceRequestItems.id, requestItemId), eq(evidenceRequests.caseId, c.id), side === "applicant" ? eq(evidenceRequests.addressee, "applicant") : undefined));
    if (!item) throw new AppError("validation", "The message needs correcting.", { requestItemId: "Choose a request item from the list" });
  }
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(caseMessages)
      .values({ caseId: c.id, authorId: ctx.actor.id, side, requestItemId: requestItemId ?? null, body, createdAt: now })
      .returning();
    await enqueue(tx, "notify.message", { messageId: row!.id });
    await audit(tx, { actor: ctx.actor, action: "message.send", caseId: c.id, ip: ctx.ip, data: { messageId: row!.id, side, requestItemId: requestItemId ?? null, length: body.length } });
    return row!;
  });
}

export interface MessageView {
  id: string;
  side: Side;
  /** The author's name for officers; the applicant sees "Officer" for the office. */
  author: string | null;
  mine: boolean;
  body: string;
  requestItemId: string | null;
  requestItemLabel: string | null;
  createdAt: string;
  readAt: string | null;
}

/** The conversation of a case, oldest first, as the reader may see it. */
export async function listMessages(ctx: UseCaseContext, caseId: CaseRef): Promise<MessageView[]> {
  const { c, side } = await loadConversationCase(ctx, caseId);
  const rows = await ctx.db
    .select({ m: caseMessages, authorName: users.name, itemLabel: evidenceRequestItems.label })
    .from(caseMessages)
    .innerJoin(users, eq(users.id, caseMessages.authorId))
    .leftJoin(evidenceRequestItems, eq(evidenceRequestItems.id, caseMessages.requestItemId))
    .where(eq(caseMessages.caseId, c.id))
    .orderBy(asc(caseMessages.createdAt), asc(caseMessages.id));
  return rows.map(({ m, authorName, itemLabel }) => ({
    id: m.id,
    side: m.side,
    author: side === "officer" || m.side === "applicant" ? authorName : null,
    mine: m.authorId === ctx.actor.id,
    body: m.body,
    requestItemId: m.requestItemId,
    requestItemLabel: itemLabel ?? null,
    createdAt: m.createdAt.toISOString(),
    readAt: m.readAt?.toISOString() ?? null,
  }));
}

/** Mark what the other side wrote as read by the reader's side; returns how many were newly read. */
export async function markMessagesRead(ctx: UseCaseContext, caseId: CaseRef, now = new Date()): Promise<number> {
  const { c, side } = await loadConversationCase(ctx, caseId);
  return ctx.db.transaction(async (tx) => {
    const read = await tx
      .update(caseMessages)
      .set({ readAt: now })
      .where(and(eq(caseMessages.caseId, c.id), ne(caseMessages.side, side), isNull(caseMessages.readAt)))
      .returning({ id: caseMessages.id });
    if (read.length) await audit(tx, { actor: ctx.actor, action: "message.read", caseId: c.id, ip: ctx.ip, data: { messageIds: read.map((r) => r.id) } });
    return read.length;
  });
}

/** Unread messages from the other side, per case (for lists). */
export async function unreadCounts(ctx: UseCaseContext, caseIds: string[]): Promise<Map<string, number>> {
  const side = sideOf(ctx);
  const out = new Map<string, number>();
  if (caseIds.length === 0) return out;
  const rows = await ctx.db
    .select({ caseId: caseMessages.caseId })
    .from(caseMessages)
    .where(and(inArray(caseMessages.caseId, caseIds), ne(caseMessages.side, side), isNull(caseMessages.readAt)));
  for (const r of rows) out.set(r.caseId, (out.get(r.caseId) ?? 0) + 1);
  return out;
}

/** The request items a message may be about: every item of the case's requests. */
export async function messageTopics(ctx: UseCaseContext, caseId: CaseRef) {
  const { c, side } = await loadConversationCase(ctx, caseId);
  return ctx.db
    .select({ id: evidenceRequestItems.id, label: evidenceRequestItems.label })
    .from(evidenceRequestItems)
    .innerJoin(evidenceRequests, eq(evidenceRequests.id, evidenceRequestItems.requestId))
    // The applicant is not shown what the office asked the employer.
    .where(and(eq(evidenceRequests.caseId, c.id), side === "applicant" ? eq(evidenceRequests.addressee, "applicant") : undefined))
    .orderBy(asc(evidenceRequests.createdAt));
}

/**
 * Everything a page needs for the conversation, marking the other side's
 * messages read (the reader has them in front of them). Officer and applicant
 * pages use it alike.
 */
export async function conversationForPage(ctx: UseCaseContext, caseId: CaseRef, now = new Date()) {
  const unread = await markMessagesRead(ctx, caseId, now);
  const [messages, topics] = await Promise.all([listMessages(ctx, caseId), messageTopics(ctx, caseId)]);
  return { messages, topics, newlyRead: unread };
}
