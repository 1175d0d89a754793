// The organization's export in the official apps' Bitwarden JSON for organizations: items and
// shared collections, either in clear (`encrypted: false`) or as stored, under the org key
// (`encrypted: true`, with a value only that key opens, so an import can check the key first).

import { type SymmetricKey, encryptString, randomBytes, toBase64 } from "../crypto";
import type { Cipher } from "../items/cipher";
import { decryptOr, itemKey } from "../items/decrypt";
import type { CollectionRow } from "./api";
import { openDeep } from "./encStrings";

/** What `GET /organizations/{id}/export` sends. */
export interface OrgExportResponse {
  collections: CollectionRow[];
  ciphers: (Cipher & Record<string, unknown>)[];
}

const SECTION_OF: Record<number, string> = { 1: "login", 2: "secureNote", 3: "card", 4: "identity", 5: "sshKey" };

/** The export's members of one item, in the official order; values as given. */
function exportItem(row: Cipher & Record<string, unknown>, values: Record<string, unknown>, withKey: boolean) {
  const section = SECTION_OF[row.type];
  return {
    passwordHistory: values["passwordHistory"] ?? null,
    revisionDate: row.revisionDate,
    creationDate: row["creationDate"] ?? row.revisionDate,
    deletedDate: row.deletedDate ?? null,
    id: row.id,
    organizationId: row.organizationId,
    folderId: null,
    type: row.type,
    reprompt: typeof row["reprompt"] === "number" ? row["reprompt"] : 0,
    name: values["name"],
    notes: values["notes"] ?? null,
    favorite: false,
    fields: values["fields"] ?? null,
    ...(section ? { [section]: values[section] ?? null } : {}),
    collectionIds: row.collectionIds ?? [],
    ...(withKey && row.key ? { key: row.key } : {}),
  };
}

const MEMBERS = ["name", "notes", "fields", "passwordHistory", "login", "secureNote", "card", "identity", "sshKey"];

export async function plainExport(orgKey: SymmetricKey, data: OrgExportResponse): Promise<string> {
  const collections = await Promise.all(
    data.collections.map(async (c) => ({
      id: c.id,
      organizationId: c.organizationId,
      name: await decryptOr(orgKey, c.name),
      externalId: c.externalId ?? null,
    })),
  );
  const items = [];
  for (const row of data.ciphers) {
    const key = await itemKey(orgKey, row);
    const values: Record<string, unknown> = {};
    for (const m of MEMBERS) values[m] = await openDeep(key, row[m] ?? null);
    items.push(exportItem(row, values, false));
  }
  return JSON.stringify({ encrypted: false, collections, items }, null, 2);
}

export async function encryptedExport(orgKey: SymmetricKey, data: OrgExportResponse): Promise<string> {
  // A random value under the org key: an importer checks it opens before reading the rest.
  const validation = await encryptString(orgKey, toBase64(randomBytes(16)));
  const collections = data.collections.map((c) => ({
    id: c.id,
    organizationId: c.organizationId,
    name: c.name,
    externalId: c.externalId ?? null,
  }));
  const items = data.ciphers.map((row) => {
    const values: Record<string, unknown> = {};
    for (const m of MEMBERS) values[m] = row[m] ?? null;
    return exportItem(row, values, true);
  });
  return JSON.stringify(
    { encrypted: true, encKeyValidation_DO_NOT_EDIT: validation, collections, items },
    null,
    2,
  );
}
