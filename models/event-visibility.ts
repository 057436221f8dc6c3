/** Timeline events only officers see (pure data: shared by the web and the workers). */
export const internalEventTypes: ReadonlySet<string> = new Set(["sla_at_risk", "sla_overdue"]);
