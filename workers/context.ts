import type { Db } from "../models/platform/db";
import type { Logger } from "../models/platform/log";
import type { Mailer } from "../models/platform/mail";
import type { DocumentStorage } from "../models/platform/storage";

/** What job handlers get: the real services, no web layer. */
export interface JobContext {
  db: Db;
  mailer: Mailer;
  storage: DocumentStorage;
  publicUrl: string;
  /** The server's secret (SESSION_SECRET): the key for link tokens that a retried job must make again alike. */
  secret: string;
  /** The BullMQ job id (the outbox row id): a stable key across retries of one job. */
  jobId: string;
  /** This job's logger (its lines carry the job and the request that caused it); the process's one when absent. */
  log?: Logger;
  /**
   * Aborted when this worker is stopping (a deploy, SIGTERM). A job that loops over many units of work
   * (organisations, files) checks it between units and throws, so the stop does not wait for it: BullMQ
   * retries the job on a worker that runs, and its units are idempotent (e-mails are sent once per key).
   */
  signal?: AbortSignal;
}
