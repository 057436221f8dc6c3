/** Korean for the English messages the employer models produce (keyed by the exact English text). */
export const employer: Record<string, string> = {};
