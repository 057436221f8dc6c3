import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { pino, type DestinationStream, type Logger, type LoggerOptions } from "pino";
import pretty from "pino-pretty";

/**
 * Structured logs (issue 12, decision 019): one pino logger per process, JSON
 * lines on stdout (`LOG_FORMAT=pretty` for people, the default outside
 * production). Secrets never reach a line: the keys below are censored at any
 * depth pino can address, and requests are logged through `requestSerializer`
 * (method, path with tokens cut out, no headers).
 *
 * The request id travels in an AsyncLocalStorage: the web's request middleware
 * (app/request-log.server.ts) runs the request inside `withRequestId`, `enqueue`
 * (models/jobs.ts) copies `currentRequestId()` into the outbox row's payload, and
 * the worker runs each job inside the id found in its data, so its lines and the
 * jobs it writes carry the same id.
 */
export type { Logger } from "pino";
export const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof logLevels)[number];
export type LogFormat = "json" | "pretty";

/** Keys whose values are never logged, wherever they sit (up to three levels deep). */
export const secretKeys = [
  "password",
  "newPassword",
  "currentPassword",
  "passwordHash",
  "token",
  "secret",
  "totpSecret",
  "recoveryCode",
  "cookie",
  "authorization",
  "set-cookie",
  "passport",
  "passportNumber",
  "sessionSecret",
  "piiIndexKey",
  "accessKeyId",
  "secretAccessKey",
];

const redactPaths = secretKeys.flatMap((k) => {
  const key = /^[A-Za-z_$][\w$]*$/.test(k) ? k : `["${k}"]`;
  const dot = key.startsWith("[") ? key : `.${key}`;
  return [key, `*${dot}`, `*.*${dot}`, `*.*.*${dot}`];
});

export interface LogSettings {
  level: LogLevel;
  format: LogFormat;
}

export function createLogger(settings: LogSettings, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level: settings.level,
    redact: { paths: redactPaths, censor: "[redacted]" },
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (destination) return pino(options, destination);
  if (settings.format === "pretty") return pino(options, pretty({ sync: true, translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname" }));
  return pino(options);
}

/** Level and format from the environment before the config is parsed (start-up errors need a logger too). */
function fromEnv(): LogSettings {
  const level = logLevels.find((l) => l === process.env.LOG_LEVEL) ?? "info";
  const format = process.env.LOG_FORMAT === "pretty" || process.env.LOG_FORMAT === "json" ? process.env.LOG_FORMAT : process.env.NODE_ENV === "production" ? "json" : "pretty";
  return { level, format };
}

/**
 * Held on globalThis: the Remix server build bundles its own copy of this module, and the
 * request id set by server.ts must be the one `enqueue` reads inside a route's use case.
 */
type Shared = { root: Logger | null; context: AsyncLocalStorage<{ requestId: string }> };
const key = Symbol.for("toptier.log");
const shared: Shared = ((globalThis as Record<symbol, unknown>)[key] as Shared | undefined) ?? { root: null, context: new AsyncLocalStorage() };
(globalThis as Record<symbol, unknown>)[key] = shared;
const context = shared.context;

/** The process's logger (configured by `configureLogging`, else from the raw environment). */
export function logger(): Logger {
  shared.root ??= createLogger(fromEnv());
  return shared.root;
}

/** Replace the process's logger (tests capture lines this way); returns the one it replaces. */
export function setLogger(next: Logger): Logger {
  const previous = logger();
  shared.root = next;
  return previous;
}

/** Set the process's logger once the config is parsed (LOG_LEVEL and LOG_FORMAT, checked by zod). */
export function configureLogging(settings: LogSettings): Logger {
  shared.root = createLogger(settings);
  return shared.root;
}

/** Run `fn` with this request id attached to everything it causes (log lines, outbox rows). */
export function withRequestId<T>(requestId: string, fn: () => T): T {
  return context.run({ requestId }, fn);
}

export function currentRequestId(): string | undefined {
  return context.getStore()?.requestId;
}

/** An incoming X-Request-Id is kept only when it is a short, safe token; anything else gets a fresh id. */
const safeId = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
export function requestIdFrom(header: string | string[] | undefined | null): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && safeId.test(value) ? value : randomUUID();
}

export function isRequestId(value: unknown): value is string {
  return typeof value === "string" && safeId.test(value);
}

/** Query parameters that carry secrets, and paths whose last segment is a link token. */
const secretParams = /^(token|code|password|secret|key)$/i;
const tokenPaths = /^\/(invitation|join|reset-password|verify-email)\/[^/]+/;

/** The path and query of a URL, with link tokens and secret parameters replaced. */
export function scrubUrl(url: string): string {
  const u = new URL(url, "http://x");
  const pathName = u.pathname.replace(tokenPaths, (_m, first: string) => `/${first}/[redacted]`);
  for (const k of [...u.searchParams.keys()]) if (secretParams.test(k)) u.searchParams.set(k, "[redacted]");
  const q = u.searchParams.toString();
  return q ? `${pathName}?${q}` : pathName;
}

/** A logger that writes nothing (benchmarks and tests that look at results, not lines). */
export const silentLogger: Logger = pino({ level: "silent" });
