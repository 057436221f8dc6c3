import { createHash, randomUUID } from "node:crypto";
import { writeFileAtomic } from "./files";
import { mkdir, readdir, readFile, rm, unlink } from "node:fs/promises";
import path from "node:path";
import { createTransport } from "nodemailer";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Same key, same Message-ID: a resend after a crash can be recognised as a duplicate. */
  idempotencyKey: string;
}

export interface Mailer {
  readonly kind: "devmailbox" | "smtp";
  send(mail: OutgoingMail): Promise<void>;
  /** Throws an Error with a one-line explanation when mail cannot be sent. */
  check(): Promise<void>;
  close?(): Promise<void>;
}

export type MailConfig = { kind: "devmailbox"; dir: string; from: string } | { kind: "smtp"; url: string; from: string };

export interface StoredMail {
  id: string;
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
  /** ISO 8601 time the mail was stored. */
  date: string;
  messageId: string;
}

export function createMailer(config: MailConfig): Mailer {
  switch (config.kind) {
    case "devmailbox":
      return new DevMailboxMailer(config.dir, config.from);
    case "smtp":
      return new SmtpMailer(config.url, config.from);
  }
}

const MESSAGE_ID_DOMAIN = "toptier.local";

function keyHash(idempotencyKey: string): string {
  if (!idempotencyKey) throw new Error("An outgoing mail needs an idempotencyKey");
  return createHash("sha256").update(idempotencyKey, "utf8").digest("hex").slice(0, 32);
}

/** The Message-ID header value (with angle brackets) for an idempotency key. */
export function messageIdFor(idempotencyKey: string): string {
  return `<${keyHash(idempotencyKey)}@${MESSAGE_ID_DOMAIN}>`;
}

function errorMessage(err: unknown): string {
  const text = err instanceof Error ? err.message || err.name : String(err);
  return text.replace(/\s+/g, " ").trim();
}

// ---------------------------------------------------------------------------------------------
// SMTP

/** The URL without its password, for error messages and logs. */
function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable SMTP url)";
  }
}

class SmtpMailer implements Mailer {
  readonly kind = "smtp" as const;
  private readonly transporter: ReturnType<typeof createTransport>;
  private readonly where: string;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    if (!url) throw new Error("SMTP mailer needs a url (smtp://user:pass@host:port)");
    if (!from) throw new Error("SMTP mailer needs a from address");
    this.transporter = createTransport(url);
    this.where = redactUrl(url);
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transporter.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: messageIdFor(mail.idempotencyKey),
    });
  }

  async check(): Promise<void> {
    try {
      await this.transporter.verify();
    } catch (err) {
      throw new Error(`Mail: SMTP server ${this.where} is not usable: ${errorMessage(err)}`, { cause: err });
    }
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Dev mailbox: one JSON file per mail, read by the portal's /dev/mail page.

/** `<yyyymmddThhmmssmmmZ>-<32 hex>`: sorts by time, then by key hash. */
const MAIL_ID = /^\d{8}T\d{9}Z-[0-9a-f]{32}$/;
const MAIL_FILE = /^(\d{8}T\d{9}Z-[0-9a-f]{32})\.json$/;

function timestampPart(date: Date): string {
  // 2025-01-31T12:34:56.789Z -> 20250131T123456789Z
  return date.toISOString().replace(/[-:.]/g, "");
}

class DevMailboxMailer implements Mailer {
  readonly kind = "devmailbox" as const;
  private readonly dir: string;
  /** Sends in flight per key hash, so two concurrent sends of one key store it once. */
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(
    dir: string,
    private readonly from: string,
  ) {
    if (!dir) throw new Error("Dev mailbox needs a directory");
    if (!from) throw new Error("Dev mailbox needs a from address");
    this.dir = path.resolve(dir);
  }

  send(mail: OutgoingMail): Promise<void> {
    const hash = keyHash(mail.idempotencyKey);
    const pending = this.inFlight.get(hash);
    if (pending) return pending;
    const p = this.store(mail, hash).finally(() => this.inFlight.delete(hash));
    this.inFlight.set(hash, p);
    return p;
  }

  private async store(mail: OutgoingMail, hash: string): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const suffix = `-${hash}.json`;
    const existing = await readdir(this.dir);
    if (existing.some((name) => name.endsWith(suffix) && MAIL_FILE.test(name))) return;
    const now = new Date();
    const id = `${timestampPart(now)}-${hash}`;
    const stored: StoredMail = {
      id,
      to: mail.to,
      from: this.from,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      date: now.toISOString(),
      messageId: messageIdFor(mail.idempotencyKey),
    };
    await writeFileAtomic(path.join(this.dir, `${id}.json`), JSON.stringify(stored, null, 2) + "\n");
  }

  async check(): Promise<void> {
    try {
      await mkdir(this.dir, { recursive: true });
      const probe = path.join(this.dir, `.probe-${randomUUID()}`);
      await writeFileAtomic(probe, "probe");
      await unlink(probe);
    } catch (err) {
      throw new Error(`Mail: dev mailbox directory ${this.dir} is not usable: ${errorMessage(err)}`, { cause: err });
    }
  }
}

/** Reader for the dev mailbox written by a `devmailbox` Mailer on the same directory. */
export function createDevMailbox(dir: string): {
  list(): Promise<StoredMail[]>;
  get(id: string): Promise<StoredMail | null>;
  clear(): Promise<void>;
} {
  const root = path.resolve(dir);

  async function ids(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(root);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw err;
    }
    const out: string[] = [];
    for (const name of names) {
      const m = MAIL_FILE.exec(name);
      if (m?.[1]) out.push(m[1]);
    }
    return out;
  }

  async function read(id: string): Promise<StoredMail | null> {
    if (!MAIL_ID.test(id)) return null;
    try {
      return JSON.parse(await readFile(path.join(root, `${id}.json`), "utf8")) as StoredMail;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw err;
    }
  }

  return {
    /** Newest first. */
    async list() {
      const sorted = (await ids()).sort().reverse();
      const mails = await Promise.all(sorted.map(read));
      // A mail cleared between readdir and read is simply skipped.
      return mails.filter((m): m is StoredMail => m !== null);
    },
    get: read,
    async clear() {
      await Promise.all((await ids()).map((id) => rm(path.join(root, `${id}.json`), { force: true })));
    },
  };
}

