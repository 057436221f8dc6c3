import type { Queue } from "bullmq";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../test/support/db";
import type { QueueName } from "./definition";
import { startRelay } from "./relay";

/**
 * Issue 11 item 13: the relay waits for the producer's first connection quietly (at start-up it is
 * still connecting: no "cannot reach Redis" line), and still reports a real outage: no first
 * connection within the grace period, or a connection lost after it was up.
 */
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase("pglite");
});
afterAll(async () => {
  await t.drop();
});

function capture() {
  const lines: { level: number; msg: string }[] = [];
  const log = pino({ level: "info" }, { write: (s: string) => void lines.push(JSON.parse(s) as { level: number; msg: string }) });
  return { log, warnings: () => lines.filter((l) => l.level >= 40).map((l) => l.msg) };
}

const noQueues = {} as Record<QueueName, Queue>;
const until = async (ok: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!ok() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
};

describe("outbox relay at start-up", () => {
  it("says nothing while the first connection is being made", async () => {
    const { log, warnings } = capture();
    let ready = false;
    let passes = 0;
    setTimeout(() => (ready = true), 600);
    const relay = startRelay({ db: t.handle.db, queues: noQueues, log, intervalMs: 20, redisReady: () => (passes++, ready) });
    await until(() => ready && passes > 40);
    await relay.stop();
    expect(passes).toBeGreaterThan(40);
    expect(warnings()).toEqual([]);
  });

  it("reports Redis unreachable once the grace period is over without a connection", async () => {
    const { log, warnings } = capture();
    const relay = startRelay({ db: t.handle.db, queues: noQueues, log, intervalMs: 20, startupGraceMs: 200, redisReady: () => false });
    await until(() => warnings().length > 0);
    await relay.stop();
    expect(warnings()).toEqual(["cannot reach Redis; jobs stay in the outbox and will be dispatched when it is back"]);
  });

  it("reports a connection lost after it was up, at once", async () => {
    const { log, warnings } = capture();
    let ready = true;
    let passes = 0;
    const relay = startRelay({ db: t.handle.db, queues: noQueues, log, intervalMs: 20, redisReady: () => (passes++, ready) });
    await until(() => passes > 3);
    ready = false;
    await until(() => warnings().length > 0, 1000);
    await relay.stop();
    expect(warnings()).toEqual(["cannot reach Redis; jobs stay in the outbox and will be dispatched when it is back"]);
  });
});
