// Sharing a personal item to an organization: what was under the user key goes under the org
// key. An item with its own key only has that key re-wrapped; an item without one has every
// encrypted member re-encrypted (passkeys and custom fields included), so nothing is lost.

import { type SymmetricKey, decryptBytes, encryptBytes, unwrapSymmetricKey, wrapSymmetricKey } from "../crypto";
import type { CipherRequest } from "../items/cipher";
import type { VaultCipher } from "./api";

/** An EncString of type 2 (AES-CBC + HMAC): what the item's members are. */
const ENC = /^2\.[A-Za-z0-9+/=]+\|[A-Za-z0-9+/=]+\|[A-Za-z0-9+/=]+$/;

/** The members of an item that hold encrypted values (at any depth). */
const ENCRYPTED = ["name", "notes", "login", "card", "identity", "secureNote", "sshKey", "fields", "passwordHistory", "bankAccount", "driversLicense", "passport"] as const;

async function rekeyValue(value: unknown, from: SymmetricKey, to: SymmetricKey): Promise<unknown> {
  if (typeof value === "string") return ENC.test(value) ? encryptBytes(to, await decryptBytes(from, value)) : value;
  if (Array.isArray(value)) return Promise.all(value.map((v) => rekeyValue(v, from, to)));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = await rekeyValue(v, from, to);
    return out;
  }
  return value;
}

export async function shareRequest(
  row: VaultCipher,
  userKey: SymmetricKey,
  orgKey: SymmetricKey,
  orgId: string,
): Promise<CipherRequest> {
  if (row.attachments?.length) throw new Error("Items with attachments cannot be shared from here yet.");
  const stored = row as unknown as Record<string, unknown>;
  const body: CipherRequest = {
    type: row.type,
    organizationId: orgId,
    folderId: row.folderId ?? null,
    favorite: row.favorite ?? false,
    reprompt: typeof stored["reprompt"] === "number" ? stored["reprompt"] : 0,
    key: null,
    name: row.name,
    notes: row.notes ?? null,
    lastKnownRevisionDate: row.revisionDate,
  };
  if (row.key) {
    for (const k of ENCRYPTED) (body as Record<string, unknown>)[k] = stored[k] ?? null;
    body.key = await wrapSymmetricKey(orgKey, await unwrapSymmetricKey(userKey, row.key));
    return body;
  }
  const members = body as Record<string, unknown>;
  for (const k of ENCRYPTED) members[k] = await rekeyValue(stored[k] ?? null, userKey, orgKey);
  return body;
}
