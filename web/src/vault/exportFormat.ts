// The personal vault's export in the official apps' Bitwarden JSON for an account: the user's
// own items (not their organizations', not the trash) and folders, either in clear
// (`encrypted: false`) or as stored, under the user key (`encrypted: true`, with a check value
// only that key opens, as the apps' account-encrypted export). Items are written by
// ../items/exportFormat, as for an organization's export.

import type { SymmetricKey } from "../crypto";
import type { Cipher } from "../items/cipher";
import { decryptOr } from "../items/decrypt";
import { type ExportRow, encryptedItems, keyValidation, plainItems } from "../items/exportFormat";
import type { FolderRow } from "./api";

export interface PersonalExportData {
  folders: readonly FolderRow[];
  ciphers: readonly ExportRow[];
}

/** What the export holds of a sync: the user's own items, outside the trash. */
export function personalExportData(sync: { folders: readonly FolderRow[]; ciphers: readonly Cipher[] }): PersonalExportData {
  // Rows are the sync's JSON objects: every member the export copies is on them.
  const own = sync.ciphers.filter((c) => !c.organizationId && !c.deletedDate) as ExportRow[];
  return { folders: sync.folders, ciphers: own };
}

export async function plainPersonalExport(userKey: SymmetricKey, data: PersonalExportData): Promise<string> {
  const folders = await Promise.all(data.folders.map(async (f) => ({ id: f.id, name: await decryptOr(userKey, f.name) })));
  const items = await plainItems(userKey, data.ciphers, "personal");
  return JSON.stringify({ encrypted: false, folders, items }, null, 2);
}

export async function encryptedPersonalExport(userKey: SymmetricKey, data: PersonalExportData): Promise<string> {
  const validation = await keyValidation(userKey);
  const folders = data.folders.map((f) => ({ id: f.id, name: f.name }));
  const items = encryptedItems(data.ciphers, "personal");
  return JSON.stringify({ encrypted: true, encKeyValidation_DO_NOT_EDIT: validation, folders, items }, null, 2);
}
