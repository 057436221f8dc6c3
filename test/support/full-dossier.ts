import type { Dossier } from "../../models/dossier";

/**
 * A dossier with every field of every section filled, each with a value of its own
 * (two degrees and two jobs, the second one current): the pages that read a dossier
 * back are checked against it (test/integration/officer-dossier.test.ts, dossier-pages.test.ts).
 * Some countries are names, as older dossiers stored them; new answers are ISO codes.
 */
export function fullDossier(organizationId: string): Dossier {
  return {
    personal: {
      fullName: "Zanele Mokoena-Ito",
      otherNames: "Zanele Ito (maiden name Mokoena)",
      nationality: "South Africa",
      birthDate: "1987-04-09",
      countryOfBirth: "Lesotho",
      passportNumber: "ZA7654321",
      passportCountry: "South Africa",
      passportIssued: "2020-01-15",
      passportExpires: "2031-01-14",
      stayStatus: "E-7-1",
      declaredIncomeKrw: 98_765_432,
    },
    education: [
      { id: "adegree0001", level: "phd", field: "Machine perception", institution: "University of Cape Town", country: "South Africa", awarded: "2014-12-05" },
      { id: "adegree0002", level: "master", field: "Applied optics", institution: "Osaka University", country: "Japan", awarded: "2010-03-25" },
    ],
    work: [
      { id: "ajob000001", employer: "Karoo Vision Research", kind: "research_institute", title: "Staff scientist", country: "Namibia", start: "2015-02-01", current: false, end: "2019-08-31", postdoc: true },
      { id: "ajob000002", employer: "Busan Robotics Ltd", kind: "company", title: "Lead perception engineer", country: "Korea", start: "2019-09-01", current: true, postdoc: false },
    ],
    achievements: {
      publications: [{ id: "apub000001", title: "Event cameras for low-light grasping", venue: "CVPR Workshops", year: 2021 }],
      patents: [{ id: "apat000001", title: "Self-calibrating stereo rig", number: "KR-10-2345678", country: "Republic of Korea", year: 2022 }],
      awards: [{ id: "aawd000001", name: "Young Optics Medal", issuer: "Southern Photonics Society", year: 2018 }],
    },
    offer: { hasOffer: "yes", organizationId, jobTitle: "Principal robotics scientist", industry: "robotics", annualSalaryKrw: 234_500_000, startDate: "2027-03-02" },
    dependants: [{ id: "adep000001", relation: "child", fullName: "Thandi Ito", birthDate: "2017-11-30", nationality: "CL", passportNumber: "TK1122334" }],
  };
}
