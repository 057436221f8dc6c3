// Namespace imports: the browser bundle reaches this module through models/ imports, where a named import
// of a Node built-in fails the build (as in models/audit.ts). Nothing here runs in the browser.
import * as asyncHooks from "node:async_hooks";
import * as nodeCrypto from "node:crypto";
import { pino, type DestinationStream, type Logger, type LoggerOptions } from "pino";

/**
 * Structured logs (issue 12, decision 019): one pino logger per process, JSON
 * lines on stdout (`LOG_FORMAT=pretty` for people, the default outside
 * production). Secrets never reach a line: the keys below are censored at any
 * depth pino can address, and requests are logged through `requestSerializer`
 * (method, path with tokens cut out, no headers).
 *
 * `LOG_FORMAT=pretty` lines are made by pino-pretty in the process (synchronously, cheap at our volume).
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

/**
 * A logger with these settings, writing to `destination` (stdout by default). Pretty lines come from
 * `prettyDestination` (models/platform/log-pretty.ts), which the process entry points pass in: pino-pretty
 * is kept out of this module, which the browser bundle sees.
 */
export function createLogger(settings: LogSettings, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level: settings.level,
    redact: { paths: redactPaths, censor: "[redacted]" },
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}

/** The level from the environment before the config is parsed (start-up errors need a logger too); JSON lines. */
function fromEnv(): LogSettings {
  return { level: logLevels.find((l) => l === process.env.LOG_LEVEL) ?? "info", format: "json" };
}

/**
 * Held on globalThis: the Remix server build bundles its own copy of this module, and the
 * request id set by server.ts must be the one `enqueue` reads inside a route's use case.
 */
type Shared = { root: Logger | null; context: asyncHooks.AsyncLocalStorage<{ requestId: string }> };
const key = Symbol.for("toptier.log");
// Made on first use: nothing runs at import (the browser bundle sees this module through models/ imports).
function state(): Shared {
  const g = globalThis as Record<symbol, unknown>;
  g[key] ??= { root: null, context: new asyncHooks.AsyncLocalStorage() } satisfies Shared;
  return g[key] as Shared;
}

/** The process's logger (configured by `configureLogging`, else from the raw environment). */
export function logger(): Logger {
  const shared = state();
  shared.root ??= createLogger(fromEnv());
  return shared.root;
}

/** Replace the process's logger (tests capture lines this way); returns the one it replaces. */
export function setLogger(next: Logger): Logger {
  const previous = logger();
  state().root = next;
  return previous;
}

/** Set the process's logger once the config is parsed (LOG_LEVEL and LOG_FORMAT, checked by zod). */
export function configureLogging(settings: LogSettings, destination?: DestinationStream): Logger {
  const shared = state();
  shared.root = createLogger(settings, destination);
  return shared.root;
}

/** Run `fn` with this request id attached to everything it causes (log lines, outbox rows). */
export function withRequestId<T>(requestId: string, fn: () => T): T {
  return state().context.run({ requestId }, fn);
}

export function currentRequestId(): string | undefined {
  return state().context.getStore()?.requestId;
}

/** An incoming X-Request-Id is kept only when it is a short, safe token; anything else gets a fresh id. */
const safeId = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
export function requestIdFrom(header: string | string[] | undefined | null): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && safeId.test(value) ? value : nodeCrypto.randomUUID();
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
export const silentLogger: Logger = /* @__PURE__ */ pino({ level: "silent" });
