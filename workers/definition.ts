import type { z } from "zod";
import { jobPayloads, type JobName, type JobPayload } from "../models/jobs";
import type { JobContext } from "./context";

export type QueueName = "screening" | "notifications";

export interface JobDefinition<N extends JobName = JobName> {
  name: N;
  queue: QueueName;
  payload: z.ZodType<JobPayload<N>>;
  attempts: number;
  run(payload: JobPayload<N>, ctx: JobContext): Promise<unknown>;
}

/** A job: its queue, payload schema (from models/jobs.ts), retry policy and plain handler. */
export function defineJob<N extends JobName>(d: { name: N; queue: QueueName; attempts?: number; run: JobDefinition<N>["run"] }): JobDefinition<N> {
  return { attempts: 8, ...d, payload: jobPayloads[d.name] as unknown as z.ZodType<JobPayload<N>> };
}
