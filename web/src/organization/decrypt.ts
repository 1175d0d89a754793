// Decrypting what only the Admin Console shows: collection names, under the org key. Items are
// decrypted by the shared item code (../items/decrypt.ts) with the org key as the base key.

import type { SymmetricKey } from "../crypto";
import { decryptOr } from "../items/decrypt";
import type { CollectionRow } from "./api";

export interface Collection extends CollectionRow {
  decryptedName: string;
}

export async function decryptCollections(key: SymmetricKey, rows: CollectionRow[]): Promise<Collection[]> {
  const out = await Promise.all(
    rows.map(async (c) => ({
      ...c,
      decryptedName: c.defaultUserCollectionEmail ?? (await decryptOr(key, c.name)),
    })),
  );
  return out.sort((a, b) => a.decryptedName.localeCompare(b.decryptedName));
}
