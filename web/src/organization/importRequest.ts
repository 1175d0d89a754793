// The import-organization body for parsed items: each item encrypted under the org key as the
// editor would save it, its collections named once (a name the org already has reuses that
// collection), and which item goes into which collection.

import { type SymmetricKey, encryptString } from "../crypto";
import type { CipherRequest } from "../items/cipher";
import { buildCipher } from "../items/itemFields";
import type { Collection } from "./decrypt";
import type { ParsedImport } from "../items/importParse";

export interface ImportOrgRequest {
  collections: { id: string | null; name: string; externalId: null }[];
  ciphers: CipherRequest[];
  /** `key`: index into ciphers, `value`: index into collections. */
  collectionRelationships: { key: number; value: number }[];
}

const SECTIONS = { 1: "login", 2: "secureNote", 3: "card", 4: "identity", 5: "sshKey" } as const;

export async function buildImportRequest(
  orgKey: SymmetricKey,
  orgId: string,
  parsed: ParsedImport,
  existing: readonly Collection[],
): Promise<ImportOrgRequest> {
  const collections = await Promise.all(
    parsed.collections.map(async (name) => {
      const same = existing.find((c) => c.decryptedName === name);
      return { id: same?.id ?? null, name: same?.name ?? (await encryptString(orgKey, name)), externalId: null };
    }),
  );
  const ciphers: CipherRequest[] = [];
  const collectionRelationships: { key: number; value: number }[] = [];
  for (const [i, item] of parsed.items.entries()) {
    const body = await buildCipher(orgKey, orgId, item.form);
    body.reprompt = item.reprompt;
    const section = body[SECTIONS[item.form.type]] as Record<string, unknown>;
    for (const [k, v] of Object.entries(item.extra)) section[k] = await encryptString(orgKey, v);
    ciphers.push(body);
    for (const name of item.collections) {
      collectionRelationships.push({ key: i, value: parsed.collections.indexOf(name) });
    }
  }
  return { collections, ciphers, collectionRelationships };
}
