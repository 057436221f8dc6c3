/**
 * A fixed-window rate limit per client and purpose, kept in this process's
 * memory. Enough for one web process; several web processes each count
 * separately (the limit then applies per process).
 */
const windows = new Map<string, { start: number; count: number }>();

export interface RateLimitResult {
  ok: boolean;
  remaining: number;
  retryAfterSeconds: number;
}

export function rateLimit(key: string, limit: number, windowMs: number, now = Date.now()): RateLimitResult {
  let w = windows.get(key);
  if (!w || now - w.start >= windowMs) {
    w = { start: now, count: 0 };
    windows.set(key, w);
    if (windows.size > 50_000) pruneOld(now, windowMs);
  }
  w.count++;
  const retryAfterSeconds = Math.max(1, Math.ceil((w.start + windowMs - now) / 1000));
  return { ok: w.count <= limit, remaining: Math.max(0, limit - w.count), retryAfterSeconds };
}

/** How a key stands without counting this request (for limits that count failures only). */
export function peekRateLimit(key: string, limit: number, windowMs: number, now = Date.now()): RateLimitResult {
  const w = windows.get(key);
  if (!w || now - w.start >= windowMs) return { ok: true, remaining: limit, retryAfterSeconds: 0 };
  return { ok: w.count < limit, remaining: Math.max(0, limit - w.count), retryAfterSeconds: Math.max(1, Math.ceil((w.start + windowMs - now) / 1000)) };
}

function pruneOld(now: number, windowMs: number) {
  for (const [k, w] of windows) if (now - w.start >= windowMs) windows.delete(k);
}

/** The limits, in one place. */
export const limits = {
  eligibilityApi: { limit: 60, windowMs: 60_000 },
  eligibilityPage: { limit: 30, windowMs: 60_000 },
  /** Second-factor codes per account: a million codes cannot be tried at 10 per 5 minutes. */
  mfa: { limit: 10, windowMs: 5 * 60_000 },
  /** Failed sign-ins (A1/P5): per account (slows guessing one password) and per client address (slows stuffing). */
  loginAccount: { limit: 10, windowMs: 15 * 60_000 },
  loginIp: { limit: 50, windowMs: 15 * 60_000 },
  /** Password-reset requests: per client address and per e-mail address (no mail bombing). */
  resetIp: { limit: 10, windowMs: 60 * 60_000 },
  resetEmail: { limit: 3, windowMs: 60 * 60_000 },
  /** E1/E2: invitations e-mailed per organisation (no mail bombing through the portal), company sign-ups per client address. */
  invitations: { limit: 50, windowMs: 60 * 60_000 },
  orgSignup: { limit: 10, windowMs: 60 * 60_000 },
} as const;
