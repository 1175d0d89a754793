// An item as the server sends it (sync, the personal routes and the org admin routes alike):
// every member the portal reads. The members it does not know travel along untouched (see
// itemFields.ts), so the type stays open.

export interface LoginData {
  username?: string | null;
  password?: string | null;
  totp?: string | null;
  uris?: { uri?: string | null; uriChecksum?: string | null; match?: number | null }[] | null;
}

/** A custom field: type 0 text, 1 hidden, 2 boolean, 3 linked. */
export interface FieldData {
  name?: string | null;
  value?: string | null;
  type?: number;
  linkedId?: number | null;
}

export interface PasswordHistoryEntry {
  password: string;
  lastUsedDate: string;
}

export interface Cipher {
  id: string;
  /** Null for an item of the user's own vault. */
  organizationId: string | null;
  type: number;
  /** The item's own key, wrapped with the user or org key, when it has one. */
  key?: string | null;
  name: string;
  notes?: string | null;
  login?: LoginData | null;
  card?: Record<string, string | null> | null;
  identity?: Record<string, string | null> | null;
  sshKey?: Record<string, string | null> | null;
  fields?: FieldData[] | null;
  passwordHistory?: PasswordHistoryEntry[] | null;
  collectionIds: string[];
  revisionDate: string;
  deletedDate?: string | null;
  /** The caller's own folder and favourite mark (sync and the personal routes only). */
  folderId?: string | null;
  favorite?: boolean;
  /** 1 when the master password is asked again before the item opens. */
  reprompt?: number;
  attachments?: AttachmentData[] | null;
}

/** A file attached to an item: its name and key encrypted with the item's key. */
export interface AttachmentData {
  id: string;
  /** A signed download link of this server. */
  url: string;
  fileName: string;
  /** The attachment's own key, wrapped with the item's key (absent for very old files). */
  key?: string | null;
  size: string;
  sizeName: string;
}

/** What the item routes take: every member of an item, encrypted (see itemFields.ts). */
export interface CipherRequest {
  type: number;
  organizationId: string | null;
  folderId: string | null;
  favorite: boolean;
  reprompt: number;
  key: string | null;
  name: string;
  notes: string | null;
  login?: Record<string, unknown> | null;
  card?: Record<string, unknown> | null;
  identity?: Record<string, unknown> | null;
  secureNote?: Record<string, unknown> | null;
  sshKey?: Record<string, unknown> | null;
  [other: string]: unknown;
}

export const ITEM_TYPES: Record<number, string> = {
  1: "Login",
  2: "Secure note",
  3: "Card",
  4: "Identity",
  5: "SSH key",
};

/** Custom field types the editor writes. */
export const FIELD_TYPES = { text: 0, hidden: 1, boolean: 2, linked: 3 } as const;
