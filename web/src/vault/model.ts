// The vault loaded and decrypted: items with their names (decrypted once per revision, not per
// render or keystroke), folders and collections with their names, and the filters the page
// offers over them.

import type { UnlockedSession } from "../app/areas";
import type { SymmetricKey } from "../crypto";
import { type Item, UNREADABLE, decryptOr, decryptSummary } from "../items/decrypt";
import { type FolderRow, type SyncCollection, type VaultCipher, vaultApi } from "./api";
import { type VaultOrg, openVaultOrgs } from "./keys";

export type VaultItem = Item<VaultCipher>;

export interface Folder extends FolderRow {
  decryptedName: string;
}

export interface VaultCollection extends SyncCollection {
  decryptedName: string;
}

export interface Vault {
  items: VaultItem[];
  folders: Folder[];
  collections: VaultCollection[];
  orgs: VaultOrg[];
}

/** Names decrypted before, by item id and revision: a reload after one change decrypts one item. */
export type SummaryCache = Map<string, { revision: string; name: string; username: string }>;

const caches = new WeakMap<SymmetricKey, SummaryCache>();

/**
 * The names decrypted in this unlocked session, kept while the vault page is left and opened
 * again (10,000 names take most of a second to decrypt). Held by the session's user key object:
 * a lock or sign-out drops that key, and the names become unreachable with it.
 */
export function summaryCacheFor(userKey: SymmetricKey): SummaryCache {
  let cache = caches.get(userKey);
  if (!cache) {
    cache = new Map();
    caches.set(userKey, cache);
  }
  return cache;
}

/** One collator for every sort: `localeCompare` builds one per call. */
const byName = new Intl.Collator(undefined, { sensitivity: "base" });

export async function loadVault(session: UnlockedSession, cache: SummaryCache): Promise<Vault> {
  const sync = await vaultApi.sync();
  const userKey = session.keys.userKey;
  const orgs = await openVaultOrgs(session, sync.profile);
  const orgKeys = new Map(orgs.map((o) => [o.id, o.key]));
  const keyOf = (orgId: string | null): SymmetricKey | null => (orgId ? (orgKeys.get(orgId) ?? null) : userKey);

  const items = await Promise.all(
    sync.ciphers.map(async (row): Promise<VaultItem> => {
      const seen = cache.get(row.id);
      if (seen && seen.revision === row.revisionDate) return { row, name: seen.name, username: seen.username, fields: null };
      const key = keyOf(row.organizationId);
      if (!key) return { row, name: UNREADABLE, username: "", fields: null };
      const item = await decryptSummary(key, row);
      cache.set(row.id, { revision: row.revisionDate, name: item.name, username: item.username });
      return item;
    }),
  );
  items.sort((a, b) => byName.compare(a.name, b.name));
  const folders = await Promise.all(sync.folders.map(async (f) => ({ ...f, decryptedName: await decryptOr(userKey, f.name) })));
  folders.sort((a, b) => byName.compare(a.decryptedName, b.decryptedName));
  const collections: VaultCollection[] = [];
  for (const c of sync.collections ?? []) {
    const key = orgKeys.get(c.organizationId);
    if (key) collections.push({ ...c, decryptedName: await decryptOr(key, c.name) });
  }
  collections.sort((a, b) => byName.compare(a.decryptedName, b.decryptedName));
  return { items, folders, collections, orgs };
}

/** The key an item's own key (or members) are under, or null when the org's key is not open. */
export function baseKeyOf(session: UnlockedSession, vault: Vault, item: VaultItem): SymmetricKey | null {
  const orgId = item.row.organizationId;
  return orgId ? (vault.orgs.find((o) => o.id === orgId)?.key ?? null) : session.keys.userKey;
}

export const ALL = "";
export const MINE = "mine";
export const NO_FOLDER = "none";

export interface VaultFilter {
  /** ALL, MINE or an organization id. */
  owner: string;
  /** ALL or a collection id. */
  collection: string;
  /** ALL, NO_FOLDER or a folder id. */
  folder: string;
  /** 0 for every type. */
  type: number;
  favorites: boolean;
  trash: boolean;
}

export const NO_FILTER: VaultFilter = { owner: ALL, collection: ALL, folder: ALL, type: 0, favorites: false, trash: false };

export function matches(item: VaultItem, f: VaultFilter): boolean {
  const r = item.row;
  if (Boolean(r.deletedDate) !== f.trash) return false;
  if (f.owner === MINE ? r.organizationId : f.owner !== ALL && r.organizationId !== f.owner) return false;
  if (f.collection !== ALL && !r.collectionIds.includes(f.collection)) return false;
  if (f.folder === NO_FOLDER ? r.folderId : f.folder !== ALL && r.folderId !== f.folder) return false;
  if (f.type !== 0 && r.type !== f.type) return false;
  if (f.favorites && !r.favorite) return false;
  return true;
}
