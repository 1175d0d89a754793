// The personal import body (`POST /api/ciphers/import`) for parsed items: each item encrypted
// under the user key as the editor would save it, with its favourite mark; each folder named
// once (a name the user already has reuses that folder, so importing a vault's own export does
// not double its folders), and which item goes into which folder.

import { type SymmetricKey, encryptString } from "../crypto";
import type { CipherRequest } from "../items/cipher";
import type { ParsedImport } from "../items/importParse";
import { buildCipher } from "../items/itemFields";

export interface PersonalImportRequest {
  folders: { id: string | null; name: string }[];
  ciphers: CipherRequest[];
  /** `key`: index into ciphers, `value`: index into folders. */
  folderRelationships: { key: number; value: number }[];
}

/** A folder the user has, with its name in clear. */
export interface ExistingFolder {
  id: string;
  name: string;
  decryptedName: string;
}

const SECTIONS = { 1: "login", 2: "secureNote", 3: "card", 4: "identity", 5: "sshKey" } as const;

export async function buildPersonalImport(
  userKey: SymmetricKey,
  parsed: ParsedImport,
  existing: readonly ExistingFolder[],
): Promise<PersonalImportRequest> {
  // An item is in one folder at most: the first group a file names (an organization's export
  // read into a personal vault turns its first collection into the folder).
  const folderOf = parsed.items.map((item) => item.collections[0] ?? null);
  const names = [...new Set(folderOf.filter((n): n is string => n !== null))];
  const folders = await Promise.all(
    names.map(async (name) => {
      const same = existing.find((f) => f.decryptedName === name);
      return { id: same?.id ?? null, name: same?.name ?? (await encryptString(userKey, name)) };
    }),
  );
  const ciphers: CipherRequest[] = [];
  const folderRelationships: { key: number; value: number }[] = [];
  for (const [i, item] of parsed.items.entries()) {
    const body = await buildCipher(userKey, null, item.form);
    body.reprompt = item.reprompt;
    body.favorite = item.favorite;
    const section = body[SECTIONS[item.form.type]] as Record<string, unknown>;
    for (const [k, v] of Object.entries(item.extra)) section[k] = await encryptString(userKey, v);
    ciphers.push(body);
    const folder = folderOf[i];
    if (folder) folderRelationships.push({ key: i, value: names.indexOf(folder) });
  }
  return { folders, ciphers, folderRelationships };
}
