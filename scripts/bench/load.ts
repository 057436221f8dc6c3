/**
 * A closed-loop HTTP load generator: `concurrency` clients, each with its own
 * keep-alive connection and session cookie, each sending its next request as
 * soon as the last one answered, for a fixed time. Requests still unanswered
 * when the run ends are waited for up to a grace period, then abandoned and
 * counted as slower than the whole run (so a page that answers nothing reports
 * that instead of a percentile of the few that got through).
 *
 * Hand-written rather than autocannon: it reports p95 (autocannon's histogram
 * stops at p90 and p97.5), gives every connection its own session, and checks
 * every status and redirect target (an officer sent to /login or /mfa is an
 * error, not a fast page).
 */
import { setMaxListeners } from "node:events";
import http from "node:http";

export interface LoadRequest {
  method?: "GET" | "POST";
  path: string;
  body?: string;
  headers?: Record<string, string>;
  /** Status expected (200 unless told). */
  expect?: number;
}

export interface LoadResponse {
  status: number;
  location: string | undefined;
  ms: number;
  bytes: number;
  encoding: string | undefined;
}

export interface LoadFigure {
  name: string;
  concurrency: number;
  /** Answered requests with the expected status. */
  ok: number;
  /** Answered with another status (e.g. a redirect to /login). */
  errors: number;
  /** Unanswered when the run ended (after the grace period). */
  incomplete: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  max: number;
  /** True when a percentile fell among the unanswered requests (the figure is then a lower bound). */
  p50Open: boolean;
  p95Open: boolean;
  /** Mean bytes on the wire per answer. */
  bytes: number;
  statuses: Record<string, number>;
  firstError?: string;
}

export function send(agent: http.Agent, port: number, req: LoadRequest, signal?: AbortSignal): Promise<LoadResponse> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const r = http.request(
      {
        host: "127.0.0.1",
        port,
        path: req.path,
        method: req.method ?? "GET",
        agent,
        signal,
        headers: {
          // What a browser sends: the server may compress.
          "Accept-Encoding": "gzip, deflate, br",
          Accept: "text/html,application/xhtml+xml",
          ...(req.body ? { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(Buffer.byteLength(req.body)) } : {}),
          ...req.headers,
        },
      },
      (res) => {
        let bytes = 0;
        res.on("data", (b: Buffer) => (bytes += b.length));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            location: res.headers.location,
            ms: performance.now() - t0,
            bytes,
            encoding: res.headers["content-encoding"],
          }),
        );
        res.on("error", reject);
      },
    );
    r.on("error", reject);
    r.end(req.body);
  });
}

export interface LoadOptions {
  name: string;
  port: number;
  concurrency: number;
  seconds: number;
  /** Seconds of warm-up before counting (same load, not recorded). */
  warmupSeconds?: number;
  /** How long to wait for the requests still running when the time is up (default 30 s). */
  graceSeconds?: number;
  /** Client w's n-th request. */
  next: (w: number, n: number) => LoadRequest;
  /** Checks an answer beyond its status; returns an error text or null. */
  check?: (req: LoadRequest, res: LoadResponse, w: number) => string | null;
}

/** Run one page under load and summarise it. */
export async function runLoad(o: LoadOptions): Promise<LoadFigure> {
  const agents = Array.from({ length: o.concurrency }, () => new http.Agent({ keepAlive: true, maxSockets: 1 }));
  const abort = new AbortController();
  setMaxListeners(o.concurrency + 10, abort.signal);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let bytes = 0;
  let firstError: string | undefined;
  let incomplete = 0;
  const warmupMs = (o.warmupSeconds ?? 1) * 1000;
  const t0 = performance.now();
  const countFrom = t0 + warmupMs;
  const stopAt = countFrom + o.seconds * 1000;
  const client = async (w: number) => {
    for (let n = 0; performance.now() < stopAt; n++) {
      const req = o.next(w, n);
      const startedAt = performance.now();
      const counted = startedAt >= countFrom;
      let res: LoadResponse;
      try {
        res = await send(agents[w]!, o.port, req, abort.signal);
      } catch (err) {
        if (abort.signal.aborted) {
          if (counted) incomplete++;
          return;
        }
        errors++;
        firstError ??= `${req.path}: ${(err as Error).message}`;
        continue;
      }
      if (!counted) continue;
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      const problem = res.status !== (req.expect ?? 200) ? `${req.method ?? "GET"} ${req.path}: status ${res.status}${res.location ? ` to ${res.location}` : ""}` : (o.check?.(req, res, w) ?? null);
      if (problem) {
        errors++;
        firstError ??= problem;
        continue;
      }
      latencies.push(res.ms);
      bytes += res.bytes;
    }
  };
  const all = Promise.all(Array.from({ length: o.concurrency }, (_, w) => client(w)));
  const graceMs = (o.graceSeconds ?? 30) * 1000;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    all,
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, stopAt - performance.now() + graceMs);
    }),
  ]);
  clearTimeout(timer);
  abort.abort();
  await all;
  for (const a of agents) a.destroy();
  const measuredMs = Math.min(performance.now(), stopAt) - countFrom;
  latencies.sort((a, b) => a - b);
  // Unanswered requests are slower than anything answered: they sit at the top of the distribution.
  const total = latencies.length + incomplete;
  const at = (p: number) => {
    const rank = Math.max(1, Math.ceil((p / 100) * total));
    return rank <= latencies.length ? { v: latencies[rank - 1]!, open: false } : { v: o.seconds * 1000 + graceMs, open: true };
  };
  const p50 = at(50);
  const p95 = at(95);
  return {
    name: o.name,
    concurrency: o.concurrency,
    ok: latencies.length,
    errors,
    incomplete,
    seconds: measuredMs / 1000,
    rps: latencies.length / (measuredMs / 1000),
    p50: p50.v,
    p95: p95.v,
    p50Open: p50.open,
    p95Open: p95.open,
    max: latencies.at(-1) ?? 0,
    bytes: latencies.length ? bytes / latencies.length : 0,
    statuses,
    firstError,
  };
}

export const ms = (v: number, open = false) => `${open ? ">" : ""}${v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(1)} ms`}`;
