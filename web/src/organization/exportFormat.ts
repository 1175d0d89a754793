// The organization's export in the official apps' Bitwarden JSON for organizations: items and
// shared collections, either in clear (`encrypted: false`) or as stored, under the org key
// (`encrypted: true`, with a value only that key opens, so an import can check the key first).
// The items themselves are written by ../items/exportFormat, as for the personal vault.

import type { SymmetricKey } from "../crypto";
import { decryptOr } from "../items/decrypt";
import { type ExportRow, encryptedItems, keyValidation, plainItems } from "../items/exportFormat";
import type { CollectionRow } from "./api";

/** What `GET /organizations/{id}/export` sends. */
export interface OrgExportResponse {
  collections: CollectionRow[];
  ciphers: ExportRow[];
}

export async function plainExport(orgKey: SymmetricKey, data: OrgExportResponse): Promise<string> {
  const collections = await Promise.all(
    data.collections.map(async (c) => ({
      id: c.id,
      organizationId: c.organizationId,
      name: await decryptOr(orgKey, c.name),
      externalId: c.externalId ?? null,
    })),
  );
  const items = await plainItems(orgKey, data.ciphers, "organization");
  return JSON.stringify({ encrypted: false, collections, items }, null, 2);
}

export async function encryptedExport(orgKey: SymmetricKey, data: OrgExportResponse): Promise<string> {
  const validation = await keyValidation(orgKey);
  const collections = data.collections.map((c) => ({
    id: c.id,
    organizationId: c.organizationId,
    name: c.name,
    externalId: c.externalId ?? null,
  }));
  const items = encryptedItems(data.ciphers, "organization");
  return JSON.stringify(
    { encrypted: true, encKeyValidation_DO_NOT_EDIT: validation, collections, items },
    null,
    2,
  );
}
