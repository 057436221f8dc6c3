import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface RunningSmtp {
  /** e.g. smtp://127.0.0.1:40123 — plain SMTP, no auth, no STARTTLS. */
  url: string;
  /** Every message received so far, parsed, in arrival order. */
  messages: ParsedMail[];
  /** Resolves with the messages once at least n have arrived; rejects after timeoutMs. */
  waitFor(n: number, timeoutMs?: number): Promise<ParsedMail[]>;
  stop(): Promise<void>;
}

export interface SmtpOptions {
  /**
   * Called with each message after its data arrived and before the server answers
   * 250. A message counts as delivered only once that answer goes out: if the
   * client's connection is gone by then (say the sending worker was killed), the
   * message is dropped, as a real mail server would (RFC 5321 section 4.1.1.4).
   */
  beforeAccept?: (parsed: ParsedMail) => Promise<void>;
  /** Called when a message arrived (data received), before beforeAccept. */
  onReceiving?: (parsed: ParsedMail) => void;
  /**
   * Messages a test is not about (say the weekly digest that scheduled jobs send
   * to every employer admin): accepted like any other, but neither recorded nor counted.
   */
  ignore?: (parsed: ParsedMail) => boolean;
}

/** A real SMTP server (smtp-server) in-process on a random loopback port; parses each message with mailparser. */
export async function startSmtpServer(options: SmtpOptions = {}): Promise<RunningSmtp> {
  const messages: ParsedMail[] = [];
  const closedSessions = new Set<string>();
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const w of [...waiters]) w();
  };

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    // Give the test's stop() no reason to hang on a connection nodemailer is about to close.
    closeTimeout: 1_000,
    onClose(session) {
      closedSessions.add(session.id);
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (parsed) => {
          if (options.ignore?.(parsed)) return callback();
          options.onReceiving?.(parsed);
          if (options.beforeAccept) await options.beforeAccept(parsed);
          if (closedSessions.has(session.id)) return callback(new Error("client went away"));
          messages.push(parsed);
          notify();
          callback();
        })
        .catch((err: unknown) => callback(err instanceof Error ? err : new Error(String(err))));
    },
  });
  // Socket errors (a client going away) must not become unhandled 'error' events.
  server.on("error", () => undefined);

  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitFor(n, timeoutMs = 5_000) {
      if (messages.length >= n) return Promise.resolve(messages.slice());
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`SMTP test server: expected ${n} message(s) within ${timeoutMs} ms, got ${messages.length}`));
        }, timeoutMs);
        const check = () => {
          if (messages.length < n) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(messages.slice());
        };
        waiters.add(check);
      });
    },
    stop() {
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
