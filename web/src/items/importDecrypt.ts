// Reading an encrypted Bitwarden JSON export back into the vault it came from: an
// organization's (under the org key) or an account's (under the user key). The file's check
// value must open with that key (else the file is another vault's and is refused with that
// said); every EncString is then opened, each item with its own key when it has one, and the
// result is read like an unencrypted export.

import { type SymmetricKey, decryptString, unwrapSymmetricKey } from "../crypto";
import { isEncString, openDeep } from "./encStrings";

export type Opened = { ok: true; text: string } | { ok: false; problem: string };

/** Whose key the export is read with: it decides the wording of the refusals. */
export type ExportOwner = "organization" | "account";

type Json = Record<string, unknown>;

const REFUSALS: Record<ExportOwner, { keyName: string; otherKey: string }> = {
  organization: { keyName: "this organization's key", otherKey: "another organization's or an account's" },
  account: { keyName: "your account's key", otherKey: "another account's or an organization's" },
};

/** `text` as it is unless it is an encrypted Bitwarden JSON export; then opened with `key`. */
export async function openEncryptedExport(key: SymmetricKey, text: string, owner: ExportOwner = "organization"): Promise<Opened> {
  const words = REFUSALS[owner];
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    return { ok: true, text }; // the reader says what is wrong and where
  }
  if (typeof doc !== "object" || doc === null || (doc as Json)["encrypted"] !== true) return { ok: true, text };
  const d = doc as Json;
  if (d["passwordProtected"] === true) {
    return {
      ok: false,
      problem: `Password-protected exports are not read here: export again unencrypted, or encrypted with ${words.keyName}.`,
    };
  }
  const check = d["encKeyValidation_DO_NOT_EDIT"];
  try {
    if (!isEncString(check)) throw new Error("no check value");
    await decryptString(key, check);
  } catch {
    return { ok: false, problem: `This file is encrypted with another key (${words.otherKey}): it cannot be read here.` };
  }
  const items: unknown[] = [];
  for (const raw of Array.isArray(d["items"]) ? d["items"] : []) {
    if (typeof raw !== "object" || raw === null) {
      items.push(raw);
      continue;
    }
    const item = raw as Json;
    let itemsKey = key;
    if (isEncString(item["key"])) {
      try {
        itemsKey = await unwrapSymmetricKey(key, item["key"]);
      } catch {
        return { ok: false, problem: `The key of item ${items.length + 1} does not open with ${words.keyName}.` };
      }
    }
    const { key: _itemKey, ...rest } = item;
    items.push(await openDeep(itemsKey, rest));
  }
  const list = (name: string) => openDeep(key, Array.isArray(d[name]) ? d[name] : []);
  const opened: Json = { encrypted: false, items };
  if (Array.isArray(d["collections"])) opened["collections"] = await list("collections");
  if (Array.isArray(d["folders"])) opened["folders"] = await list("folders");
  return { ok: true, text: JSON.stringify(opened) };
}
