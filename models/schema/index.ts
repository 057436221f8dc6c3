export * from "./users";
export * from "./organizations";
export * from "./cases";
export * from "./audit";
export * from "./outbox";
export * from "./policy";
export * from "./backfills";
export * from "./statistics";
