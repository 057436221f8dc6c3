import pretty from "pino-pretty";
import type { DestinationStream } from "pino";
import type { LogSettings } from "./log";

/**
 * Where a process's lines go for its LOG_FORMAT: pretty lines for a person at a terminal (the default
 * outside production: the start-up banner with the demo accounts stays readable), else stdout as JSON.
 * Imported only by the entry points (server.ts, workers/main.ts), never by code the browser bundle sees.
 */
export function destinationFor(settings: LogSettings): DestinationStream | undefined {
  return settings.format === "pretty" ? pretty({ sync: true, singleLine: true, translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname" }) : undefined;
}
