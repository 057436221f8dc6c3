import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDevMailbox, createMailer, messageIdFor, type OutgoingMail } from "../../models/platform/mail";
import { startSmtpServer, type RunningSmtp } from "../support/smtp";

const FROM = "TopTier <no-reply@toptier.test>";

function mail(overrides: Partial<OutgoingMail> = {}): OutgoingMail {
  return {
    to: "applicant@example.test",
    subject: "Your case TT-2024-0001 was received",
    text: "Hello Ana,\n\nWe received your case. Ünïcödé ✓",
    html: "<p>Hello Ana,</p><p>We received your case. Ünïcödé ✓</p>",
    idempotencyKey: "case-received:TT-2024-0001",
    ...overrides,
  };
}

/** A port on which nothing listens (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("messageIdFor", () => {
  it("is deterministic per idempotency key and differs between keys", () => {
    expect(messageIdFor("a")).toBe(messageIdFor("a"));
    expect(messageIdFor("a")).not.toBe(messageIdFor("b"));
    expect(messageIdFor("a")).toMatch(/^<[0-9a-f]{32}@toptier\.local>$/);
  });
});

describe("SMTP mailer", () => {
  let smtp: RunningSmtp;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp?.stop();
  });

  it("check() passes against a live server", async () => {
    const mailer = createMailer({ kind: "smtp", url: smtp.url, from: FROM });
    try {
      await expect(mailer.check()).resolves.toBeUndefined();
    } finally {
      await mailer.close?.();
    }
  });

  it("delivers subject, to, from, text, html and a Message-ID derived from the key", async () => {
    const mailer = createMailer({ kind: "smtp", url: smtp.url, from: FROM });
    const before = smtp.messages.length;
    try {
      await mailer.send(mail());
      await mailer.send(mail()); // a resend carries the same Message-ID, so a receiver can drop it
    } finally {
      await mailer.close?.();
    }
    const received = (await smtp.waitFor(before + 2)).slice(before);
    const [first, second] = received;
    expect(first?.subject).toBe("Your case TT-2024-0001 was received");
    expect(first?.from?.value[0]?.address).toBe("no-reply@toptier.test");
    expect(first?.from?.value[0]?.name).toBe("TopTier");
    const to = Array.isArray(first?.to) ? first?.to[0] : first?.to;
    expect(to?.value[0]?.address).toBe("applicant@example.test");
    expect(first?.text?.trim()).toBe("Hello Ana,\n\nWe received your case. Ünïcödé ✓");
    expect(first?.html).toBe("<p>Hello Ana,</p><p>We received your case. Ünïcödé ✓</p>");
    expect(first?.messageId).toBe(messageIdFor("case-received:TT-2024-0001"));
    expect(second?.messageId).toBe(first?.messageId);
  });

  it("check() fails clearly against a closed port, without leaking the password", async () => {
    const port = await closedPort();
    const mailer = createMailer({ kind: "smtp", url: `smtp://user:s3cret@127.0.0.1:${port}`, from: FROM });
    try {
      const err = await mailer.check().then(
        () => null,
        (e: unknown) => e as Error,
      );
      expect(err).toBeInstanceOf(Error);
      expect(err!.message).toMatch(new RegExp(`^Mail: SMTP server smtp://user:\\*\\*\\*@127\\.0\\.0\\.1:${port}/? is not usable: .*ECONNREFUSED`));
      expect(err!.message).not.toContain("s3cret");
      expect(err!.message).not.toContain("\n");
    } finally {
      await mailer.close?.();
    }
  });

  it("send() rejects against a closed port", async () => {
    const port = await closedPort();
    const mailer = createMailer({ kind: "smtp", url: `smtp://127.0.0.1:${port}`, from: FROM });
    try {
      await expect(mailer.send(mail())).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      await mailer.close?.();
    }
  });
});

describe("dev mailbox", () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "toptier-mailbox-"));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("stores mails as JSON files, lists them newest first, and gets one by id", async () => {
    const dir = path.join(root, "box1");
    const mailer = createMailer({ kind: "devmailbox", dir, from: FROM });
    const box = createDevMailbox(dir);
    expect(await box.list()).toEqual([]);
    await mailer.check();

    await mailer.send(mail({ subject: "first", idempotencyKey: "k1" }));
    await new Promise((r) => setTimeout(r, 5)); // distinct millisecond timestamps
    await mailer.send(mail({ subject: "second", idempotencyKey: "k2" }));
    await new Promise((r) => setTimeout(r, 5));
    await mailer.send(mail({ subject: "third", idempotencyKey: "k3" }));

    const list = await box.list();
    expect(list.map((m) => m.subject)).toEqual(["third", "second", "first"]);
    const newest = list[0]!;
    expect(newest).toMatchObject({
      to: "applicant@example.test",
      from: FROM,
      text: mail().text,
      html: mail().html,
      messageId: messageIdFor("k3"),
    });
    expect(new Date(newest.date).toISOString()).toBe(newest.date);
    expect(await box.get(newest.id)).toEqual(newest);
    expect(await box.get("20990101T000000000Z-" + "0".repeat(32))).toBeNull();
    expect(await box.get("../../etc/passwd")).toBeNull();

    // One JSON file per mail, nothing else left behind (no temp or probe files).
    const files = (await readdir(dir)).sort();
    expect(files).toEqual(list.map((m) => `${m.id}.json`).sort());
  });

  it("stores a mail once per idempotency key, even when sent concurrently", async () => {
    const dir = path.join(root, "box2");
    const mailer = createMailer({ kind: "devmailbox", dir, from: FROM });
    const box = createDevMailbox(dir);
    await Promise.all([mailer.send(mail()), mailer.send(mail())]);
    await mailer.send(mail({ subject: "changed text, same key" }));
    // A second mailer (another process) on the same directory also sees the stored key.
    await createMailer({ kind: "devmailbox", dir, from: FROM }).send(mail());
    const list = await box.list();
    expect(list).toHaveLength(1);
    expect(list[0]?.subject).toBe(mail().subject);
  });

  it("clear() empties the mailbox; list() on a missing directory is empty", async () => {
    const dir = path.join(root, "box3");
    expect(await createDevMailbox(dir).list()).toEqual([]);
    const mailer = createMailer({ kind: "devmailbox", dir, from: FROM });
    await mailer.send(mail({ idempotencyKey: "a" }));
    await mailer.send(mail({ idempotencyKey: "b" }));
    const box = createDevMailbox(dir);
    expect(await box.list()).toHaveLength(2);
    await box.clear();
    expect(await box.list()).toEqual([]);
    // After clearing, the same key can be delivered again.
    await mailer.send(mail({ idempotencyKey: "a" }));
    expect(await box.list()).toHaveLength(1);
  });

  it("check() fails clearly when the directory is unusable", async () => {
    const blocker = path.join(root, "a-file");
    await writeFile(blocker, "not a directory");
    const mailer = createMailer({ kind: "devmailbox", dir: path.join(blocker, "mail"), from: FROM });
    await expect(mailer.check()).rejects.toThrow(/^Mail: dev mailbox directory .*a-file\/mail is not usable: .*ENOTDIR/);
  });
});
