/** Korean for the English messages the dossier models produce (keyed by the exact English text). */
export const dossier: Record<string, string> = {};
