/**
 * Korean for the models' English messages, one file per area so that each area
 * keeps its own (see models/i18n/index.ts). Keys are the exact English text.
 */
import { auth } from "./auth";
import { cases } from "./case";
import { common } from "./common";
import { documents } from "./documents";
import { dossier } from "./dossier";
import { employer } from "./employer";
import { officer } from "./officer";

export const koreanMessages = new Map<string, string>(
  [common, auth, dossier, documents, cases, employer, officer].flatMap((m) => Object.entries(m)),
);
