/** Korean for the English messages the officer models produce (keyed by the exact English text). */
export const officer: Record<string, string> = {};
