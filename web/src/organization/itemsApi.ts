// The admin routes of an organization's items, typed, through the portal's one API client:
// whatever the caller's own collection grants, owners, admins and provider staff add, edit,
// re-assign, trash, restore and delete any item of the org. Ids go into paths encoded.

import { api } from "../api";
import type { CipherRequest } from "../items/cipher";
import type { CipherRow } from "./api";

const item = (id: string) => `/api/ciphers/${encodeURIComponent(id)}`;

export const itemsApi = {
  /** A new item of the org, in these collections. */
  create: (cipher: CipherRequest, collectionIds: string[]) =>
    api.post<CipherRow>("/api/ciphers/admin", { cipher, collectionIds }),
  /** The item's members replaced; its collections and attachments stay as they are. */
  update: (id: string, cipher: CipherRequest) => api.put<CipherRow>(`${item(id)}/admin`, cipher),
  /** The item's collections replaced by these (none: unassigned). */
  setCollections: (id: string, collectionIds: string[]) =>
    api.put<CipherRow>(`${item(id)}/collections-admin`, { collectionIds }),
  /** To the trash, from where it can be restored. */
  trash: (id: string) => api.put<null>(`${item(id)}/delete-admin`),
  restore: (id: string) => api.put<CipherRow>(`${item(id)}/restore-admin`),
  /** Gone for good, with its attachments. */
  deleteForever: (id: string) => api.delete<null>(`${item(id)}/admin`),
};
