/**
 * The placement cell's API calls (docs/CONTRACTS.md, "Organisations and the widget"), as the
 * signed-in admin through session.js (Bearer, refresh once on 401).
 */

import { authorized } from "./session.js";

const orgPath = (org) => `/api/orgs/${encodeURIComponent(org)}`;

export const myOrgs = () => authorized("GET", "/api/orgs/mine");
export const acceptInvitation = (invitation) => authorized("POST", "/api/org-invitations/accept", { body: { invitation } });
export const getOrg = (org) => authorized("GET", orgPath(org));
export const getCohort = (org) => authorized("GET", `${orgPath(org)}/cohort`);
/** @returns {Promise<Blob>} */
export const getCohortCsv = (org) => authorized("GET", `${orgPath(org)}/cohort.csv`, { expect: "blob" });
export const getStudent = (org, student) => authorized("GET", `${orgPath(org)}/students/${encodeURIComponent(student)}`);
const reportPath = (org, student, interview) =>
  `${orgPath(org)}/students/${encodeURIComponent(student)}/interviews/${encodeURIComponent(interview)}/report`;
export const getStudentReport = (org, student, interview) => authorized("GET", reportPath(org, student, interview));
export const getStudentReportPdf = (org, student, interview) =>
  authorized("GET", `${reportPath(org, student, interview)}.pdf`, { expect: "blob" });
export const listSets = (org) => authorized("GET", `${orgPath(org)}/sets`);
export const createSet = (org, body) => authorized("POST", `${orgPath(org)}/sets`, { body });
export const deleteSet = (org, set) => authorized("DELETE", `${orgPath(org)}/sets/${encodeURIComponent(set)}`, { expect: "none" });
export const setOrigins = (org, origins) => authorized("PUT", `${orgPath(org)}/origins`, { body: { origins } });
export const rotateKey = (org) => authorized("POST", `${orgPath(org)}/server-key`);
export const listAdmins = (org) => authorized("GET", `${orgPath(org)}/admins`);
export const invite = (org) => authorized("POST", `${orgPath(org)}/invitations`);
export const getAudit = (org) => authorized("GET", `${orgPath(org)}/audit`);
