/** Korean for the English messages the documents models produce (keyed by the exact English text). */
export const documents: Record<string, string> = {};
