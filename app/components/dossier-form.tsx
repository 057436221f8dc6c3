import { Form } from "@remix-run/react";
import { degreeLevels, industryIds, type DraftDossier } from "../../models/dossier";
import { Field, SelectField } from "../ui";

const degreeLabels: Record<(typeof degreeLevels)[number], string> = {
  phd: "Doctorate (PhD)",
  master: "Master's degree",
  bachelor: "Bachelor's degree",
  associate: "Associate degree",
};

const industryLabels: Record<(typeof industryIds)[number], string> = {
  ai: "Artificial intelligence",
  semiconductors: "Semiconductors",
  bio: "Biotechnology",
  secondary_batteries: "Secondary batteries",
  displays: "Displays",
  robotics: "Robotics",
  aerospace: "Aerospace",
  defence: "Defence",
  quantum: "Quantum",
  other: "Another industry",
};

/** The minimal dossier of the walking skeleton; a draft saves whatever is filled in. */
export function DossierForm({
  dossier,
  errors,
  organizations,
  submitLabel,
}: {
  dossier: DraftDossier;
  errors: Record<string, string>;
  organizations: { id: string; name: string }[];
  submitLabel: string;
}) {
  const p = dossier.personal ?? {};
  const d = dossier.degree ?? {};
  const o = dossier.offer ?? {};
  return (
    <Form method="post" noValidate>
      <fieldset>
        <legend>Personal details and passport</legend>
        <Field name="personal.fullName" label="Full name as in your passport" defaultValue={p.fullName} error={errors["personal.fullName"]} autoComplete="name" />
        <Field name="personal.nationality" label="Nationality" defaultValue={p.nationality} error={errors["personal.nationality"]} />
        <Field name="personal.birthDate" label="Date of birth" type="date" hint="For example 1990-04-21" defaultValue={p.birthDate} error={errors["personal.birthDate"]} />
        <Field name="personal.passportNumber" label="Passport number" defaultValue={p.passportNumber} error={errors["personal.passportNumber"]} />
      </fieldset>
      <fieldset>
        <legend>Highest degree</legend>
        <SelectField
          name="degree.level"
          label="Degree"
          options={degreeLevels.map((v) => ({ value: v, label: degreeLabels[v] }))}
          defaultValue={d.level}
          error={errors["degree.level"]}
        />
        <Field name="degree.field" label="Field of study" defaultValue={d.field} error={errors["degree.field"]} />
        <Field name="degree.institution" label="University" hint="The name in English, e.g. KAIST or University of Toronto" defaultValue={d.institution} error={errors["degree.institution"]} />
        <Field name="degree.country" label="Country of the university (optional)" defaultValue={d.country} error={errors["degree.country"]} />
        <Field name="degree.awarded" label="Date awarded" type="date" defaultValue={d.awarded} error={errors["degree.awarded"]} />
      </fieldset>
      <fieldset>
        <legend>Job offer</legend>
        <SelectField
          name="offer.organizationId"
          label="Sponsoring employer"
          hint="Your employer must be registered on TopTier."
          options={organizations.map((org) => ({ value: org.id, label: org.name }))}
          defaultValue={o.organizationId}
          error={errors["offer.organizationId"]}
        />
        <Field name="offer.jobTitle" label="Job title" defaultValue={o.jobTitle} error={errors["offer.jobTitle"]} />
        <SelectField
          name="offer.industry"
          label="Industry of the job"
          options={industryIds.map((v) => ({ value: v, label: industryLabels[v] }))}
          defaultValue={o.industry}
          error={errors["offer.industry"]}
        />
        <Field
          name="offer.annualSalaryKrw"
          label="Annual salary in Korean won"
          hint="Digits only, e.g. 160000000"
          inputMode="numeric"
          defaultValue={o.annualSalaryKrw}
          error={errors["offer.annualSalaryKrw"]}
        />
      </fieldset>
      <button type="submit">{submitLabel}</button>
    </Form>
  );
}

export { degreeLabels, industryLabels };
