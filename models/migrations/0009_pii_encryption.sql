-- Issue 12 (decision 018): identity numbers in the dossier are encrypted at rest. Every dossier written since
-- carries "_pii", the id of the key it was written with; start-up (models/case/pii-backfill.ts) encrypts the
-- rows without it (written before this migration) and re-encrypts the rows under an older key, found here.
CREATE INDEX "cases_pii_kid_idx" ON "cases" USING btree (("dossier" ->> '_pii'), "id");
