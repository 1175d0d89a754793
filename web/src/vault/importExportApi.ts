// The personal vault's import and export calls, typed, through the portal's one API client.

import { api } from "../api";
import type { PersonalImportRequest } from "./importRequest";

export const importExportApi = {
  /** All or nothing: the server checks every item and folder before it writes one. */
  import: (body: PersonalImportRequest) => api.post<null>("/api/ciphers/import", body),
  /** Refused with the server's sentence when the password is wrong. */
  verifyPassword: (masterPasswordHash: string) => api.post<unknown>("/api/accounts/verify-password", { masterPasswordHash }),
  /** The account's event log records that its vault was exported (as the official apps do). */
  recordExport: () => api.post<null>("/events/collect", [{ type: 1007, date: new Date().toISOString() }]),
};
