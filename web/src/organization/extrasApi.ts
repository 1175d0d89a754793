// The Admin Console's calls for reports, import/export, the API key and deleting the
// organization, typed, through the portal's one API client. Ids go into paths encoded.

import { api, type ListResponse } from "../api";
import type { OrgExportResponse } from "./exportFormat";
import type { ImportOrgRequest } from "./importRequest";

/** A member as the reports read them: whether their account has two-step login on. */
export interface MemberTwoStepRow {
  id: string;
  name: string | null;
  email: string | null;
  status: number;
  type: number;
  twoFactorEnabled: boolean;
}

/** One row of the member access report: a member and one collection they reach (or none). */
export interface MemberAccessRow {
  userName: string | null;
  email: string | null;
  collectionId: string | null;
  /** EncString under the org key. */
  collectionName: string | null;
  groupName: string | null;
  itemCount: number;
  readOnly: boolean | null;
  hidePasswords: boolean | null;
  manage: boolean | null;
}

export interface OrgApiKey {
  apiKey: string;
  revisionDate: string;
}

const base = (orgId: string) => `/api/organizations/${encodeURIComponent(orgId)}`;

export const extrasApi = {
  membersTwoStep: async (o: string) => (await api.get<ListResponse<MemberTwoStepRow>>(`${base(o)}/users`)).data,
  /** Owners, admins and provider staff: who reaches which collection, directly or by group. */
  memberAccess: (o: string) => api.get<MemberAccessRow[]>(`/api/reports/member-access/${encodeURIComponent(o)}`),
  /** Every item and shared collection, encrypted, for the export file. */
  export: (o: string) => api.get<OrgExportResponse>(`${base(o)}/export`),
  /** The organization's event log records that its vault was exported (as the official apps do). */
  recordExport: (o: string) =>
    api.post<null>("/events/collect", [{ type: 1602, organizationId: o, date: new Date().toISOString() }]),
  /** All or nothing: the server checks every item before it writes one. */
  import: (o: string, body: ImportOrgRequest) =>
    api.post<null>(`/api/ciphers/import-organization?organizationId=${encodeURIComponent(o)}`, body),
  verifyPassword: (masterPasswordHash: string) =>
    api.post<unknown>("/api/accounts/verify-password", { masterPasswordHash }),
  apiKey: (o: string, masterPasswordHash: string) =>
    api.post<OrgApiKey>(`${base(o)}/api-key`, { type: 0, masterPasswordHash }),
  rotateApiKey: (o: string, masterPasswordHash: string) =>
    api.post<OrgApiKey>(`${base(o)}/rotate-api-key`, { type: 0, masterPasswordHash }),
  /** Owners, with their master password; every member's clients drop the org. */
  deleteOrganization: (o: string, masterPasswordHash: string) =>
    api.delete<null>(base(o), { masterPasswordHash }),
};
