import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";

/**
 * Rate limits shared by every web process through Redis (issue 12, issue 17
 * item 3), with `rate-limiter-flexible`. Keys live under `<QUEUE_PREFIX>:rl:`.
 *
 * Sign-in is protected by the library's standard scheme: consecutive failures
 * per account *and client address* (a stranger's wrong passwords never lock the
 * owner out from their own address; a success clears the count), plus a slower
 * limit of failures per client address (credential stuffing from one address).
 *
 * When Redis does not answer within `timeoutMs`, limits guarding sign-in
 * (passwords, second-factor codes, reset links) fail closed: the request is
 * refused with 503 rather than let through uncounted. The others (eligibility,
 * invitations, company sign-ups) fall back to a per-process memory limiter with
 * the same numbers, so they stay enforced, per process, while Redis is away.
 */
export interface LimitSpec {
  points: number;
  durationSec: number;
  /** Blocked this long once the points are used (default: until the window ends). */
  blockSec?: number;
  failClosed: boolean;
}

export const limits = {
  eligibilityApi: { points: 60, durationSec: 60, failClosed: false },
  eligibilityPage: { points: 30, durationSec: 60, failClosed: false },
  /** Second-factor codes per account: a million codes cannot be tried at 10 per 5 minutes. */
  mfa: { points: 10, durationSec: 5 * 60, failClosed: true },
  /** Consecutive failed sign-ins per account and client address; a successful sign-in clears it. */
  loginAccountIp: { points: 10, durationSec: 15 * 60, blockSec: 15 * 60, failClosed: true },
  /** Failed sign-ins per client address, whatever the account (slower: 100 an hour, then an hour's wait). */
  loginIp: { points: 100, durationSec: 60 * 60, blockSec: 60 * 60, failClosed: true },
  /** Wrong current passwords on /account (a signed-in session), per account. */
  passwordCheck: { points: 10, durationSec: 15 * 60, failClosed: true },
  /** Password-reset requests: per client address and per e-mail address (no mail bombing). */
  resetIp: { points: 10, durationSec: 60 * 60, failClosed: true },
  resetEmail: { points: 3, durationSec: 60 * 60, failClosed: true },
  /** E1/E2: invitations e-mailed per organisation, company sign-ups per client address. */
  invitations: { points: 50, durationSec: 60 * 60, failClosed: false },
  orgSignup: { points: 10, durationSec: 60 * 60, failClosed: false },
  /** Applicant sign-ups per client address (each sends one e-mail to the address typed in). */
  signup: { points: 30, durationSec: 60 * 60, failClosed: false },
} as const satisfies Record<string, LimitSpec>;

export type LimitName = keyof typeof limits;

export type LimitDecision =
  | { ok: true; remaining: number }
  | { ok: false; reason: "limited"; retryAfterSeconds: number }
  /** Redis did not answer in time and this limit fails closed. */
  | { ok: false; reason: "unavailable"; retryAfterSeconds: number };

export interface RateLimits {
  /** Count one attempt; refused when the limit was already reached. */
  consume(name: LimitName, key: string): Promise<LimitDecision>;
  /** How a key stands, without counting (for limits that count failures only). */
  peek(name: LimitName, key: string): Promise<LimitDecision>;
  /** Forget a key (a successful sign-in clears its consecutive failures). */
  reset(name: LimitName, key: string): Promise<void>;
  /** Resolves once connected to Redis, or after `waitMs` when it cannot be reached (the limits then fail as above). */
  ready(waitMs?: number): Promise<void>;
  close(): void;
}

/** How long a refused sign-in asks the client to wait when Redis is unavailable. */
const UNAVAILABLE_RETRY_SECONDS = 30;

export function createRateLimits(opts: { redisUrl: string; prefix: string; timeoutMs?: number }): RateLimits {
  const timeoutMs = opts.timeoutMs ?? 500;
  // Its own connection: fails fast (no offline queue, no retries per command, a command timeout),
  // and reconnects in the background.
  const redis = new Redis(opts.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: timeoutMs, connectTimeout: 1000 });
  redis.on("error", () => undefined);
  const limiters = new Map<LimitName, RateLimiterRedis>();
  const limiter = (name: LimitName) => {
    let l = limiters.get(name);
    if (!l) {
      const spec: LimitSpec = limits[name];
      l = new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${opts.prefix}:rl:${name}`,
        points: spec.points,
        duration: spec.durationSec,
        blockDuration: spec.blockSec ?? 0,
        rejectIfRedisNotReady: true,
        insuranceLimiter: spec.failClosed ? undefined : new RateLimiterMemory({ points: spec.points, duration: spec.durationSec, blockDuration: spec.blockSec ?? 0 }),
      });
      limiters.set(name, l);
    }
    return l;
  };
  const unavailable = (): LimitDecision => ({ ok: false, reason: "unavailable", retryAfterSeconds: UNAVAILABLE_RETRY_SECONDS });
  const retryAfter = (r: RateLimiterRes) => Math.max(1, Math.ceil(r.msBeforeNext / 1000));
  // A store error is the only thing that is not a RateLimiterRes.
  const refusedOrDown = (err: unknown): LimitDecision =>
    err instanceof RateLimiterRes ? { ok: false, reason: "limited", retryAfterSeconds: retryAfter(err) } : unavailable();

  return {
    async consume(name, key) {
      try {
        const r = await limiter(name).consume(key);
        return { ok: true, remaining: r.remainingPoints };
      } catch (err) {
        return refusedOrDown(err);
      }
    },
    async peek(name, key) {
      const spec: LimitSpec = limits[name];
      try {
        const r = await limiter(name).get(key);
        if (!r || r.consumedPoints < spec.points) return { ok: true, remaining: spec.points - (r?.consumedPoints ?? 0) };
        return { ok: false, reason: "limited", retryAfterSeconds: retryAfter(r) };
      } catch (err) {
        // The memory fallback of a fail-open limit has no "get" through the insurance path: let it through.
        return spec.failClosed ? refusedOrDown(err) : { ok: true, remaining: spec.points };
      }
    },
    async reset(name, key) {
      await limiter(name)
        .delete(key)
        .catch(() => undefined);
    },
    async ready(waitMs = 2000) {
      if (redis.status === "ready") return;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((resolve) => redis.once("ready", () => resolve())),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs))),
      ]);
      clearTimeout(timer);
    },
    close() {
      redis.disconnect();
    },
  };
}
