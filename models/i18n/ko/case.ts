/** Korean for the English messages the case models produce (keyed by the exact English text). */
export const cases: Record<string, string> = {};
