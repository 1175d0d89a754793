// The personal vault's routes, typed, through the portal's one API client: the sync that loads
// everything, the caller's own item routes (which also serve org items they may edit), sharing
// to an organization, attachments, and folders. Ids go into paths encoded.

import { type Profile, api } from "../api";
import type { AttachmentData, Cipher, CipherRequest } from "../items/cipher";

export interface FolderRow {
  id: string;
  /** EncString under the user key. */
  name: string;
  revisionDate: string;
}

/** A collection the user reaches, as the sync lists it. */
export interface SyncCollection {
  id: string;
  organizationId: string;
  /** EncString under the org key. */
  name: string;
  readOnly?: boolean;
}

/** A vault item as the sync sends it: the caller's permissions besides the item. */
export interface VaultCipher extends Cipher {
  /** False when the caller may only read the item (an org collection granted read-only). */
  edit?: boolean;
  /** False when a collection hides the item's passwords from the caller. */
  viewPassword?: boolean;
}

export interface SyncResponse {
  profile: Profile;
  folders: FolderRow[];
  collections: SyncCollection[];
  ciphers: VaultCipher[];
}

const item = (id: string) => `/api/ciphers/${encodeURIComponent(id)}`;
const folder = (id: string) => `/api/folders/${encodeURIComponent(id)}`;

export const vaultApi = {
  /** Everything the vault shows, in one request (the equivalent-domain lists left out). */
  sync: () => api.get<SyncResponse>("/api/sync?excludeDomains=true"),

  /** A new item of the user's own vault. */
  create: (cipher: CipherRequest) => api.post<VaultCipher>("/api/ciphers", cipher),
  /** A new item of an organization, in these collections. */
  createInOrg: (cipher: CipherRequest, collectionIds: string[]) =>
    api.post<VaultCipher>("/api/ciphers/create", { cipher, collectionIds }),
  update: (id: string, cipher: CipherRequest) => api.put<VaultCipher>(item(id), cipher),
  /** The caller's own folder and favourite mark; nobody else's view of the item changes. */
  place: (id: string, folderId: string | null, favorite: boolean) =>
    api.put<VaultCipher>(`${item(id)}/partial`, { folderId, favorite }),
  trash: (id: string) => api.put<null>(`${item(id)}/delete`),
  restore: (id: string) => api.put<VaultCipher>(`${item(id)}/restore`),
  /** Gone for good, with its attachments. */
  purge: (id: string) => api.delete<null>(item(id)),
  /** An org item's collections among those the caller may edit; the others stay as they are. */
  setCollections: (id: string, collectionIds: string[]) =>
    api.put<unknown>(`${item(id)}/collections_v2`, { collectionIds }),
  /** A personal item handed to an organization: re-encrypted with the org key by the caller. */
  share: (id: string, cipher: CipherRequest, collectionIds: string[]) =>
    api.put<VaultCipher>(`${item(id)}/share`, { cipher, collectionIds }),

  /** Announces a file (encrypted name, wrapped key, encrypted size); the bytes follow in `upload`. */
  announceAttachment: (id: string, body: { key: string; fileName: string; fileSize: number; lastKnownRevisionDate: string }) =>
    api.post<{ attachmentId: string }>(`${item(id)}/attachment/v2`, { ...body, adminRequest: false }),
  uploadAttachment: (id: string, attachmentId: string, data: FormData) =>
    api.postMultipart<null>(`${item(id)}/attachment/${encodeURIComponent(attachmentId)}`, data),
  /** The attachment's metadata with a fresh signed download link. */
  attachment: (id: string, attachmentId: string) =>
    api.get<AttachmentData>(`${item(id)}/attachment/${encodeURIComponent(attachmentId)}`),
  deleteAttachment: (id: string, attachmentId: string) =>
    api.delete<unknown>(`${item(id)}/attachment/${encodeURIComponent(attachmentId)}`),

  createFolder: (name: string) => api.post<FolderRow>("/api/folders", { name }),
  renameFolder: (id: string, name: string) => api.put<FolderRow>(folder(id), { name }),
  /** Its items stay, in no folder. */
  deleteFolder: (id: string) => api.delete<null>(folder(id)),
};
