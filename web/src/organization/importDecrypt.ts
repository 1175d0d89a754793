// Reading the organization's own encrypted Bitwarden JSON export back: the file's check value
// must open with this organization's key (else the file is another vault's and is refused with
// that said); every EncString is then opened, each item with its own key when it has one, and
// the result is read like an unencrypted export.

import { type SymmetricKey, decryptString, unwrapSymmetricKey } from "../crypto";
import { isEncString, openDeep } from "./encStrings";

export type Opened = { ok: true; text: string } | { ok: false; problem: string };

type Json = Record<string, unknown>;

/** `text` as it is unless it is an encrypted Bitwarden JSON export; then opened with `orgKey`. */
export async function openEncryptedExport(orgKey: SymmetricKey, text: string): Promise<Opened> {
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
      problem: "Password-protected exports are not read here: export again unencrypted, or encrypted with this organization's key.",
    };
  }
  const check = d["encKeyValidation_DO_NOT_EDIT"];
  try {
    if (!isEncString(check)) throw new Error("no check value");
    await decryptString(orgKey, check);
  } catch {
    return {
      ok: false,
      problem: "This file is encrypted with another key (another organization's or an account's): it cannot be read here.",
    };
  }
  const items: unknown[] = [];
  for (const raw of Array.isArray(d["items"]) ? d["items"] : []) {
    if (typeof raw !== "object" || raw === null) {
      items.push(raw);
      continue;
    }
    const item = raw as Json;
    let key = orgKey;
    if (isEncString(item["key"])) {
      try {
        key = await unwrapSymmetricKey(orgKey, item["key"]);
      } catch {
        return { ok: false, problem: `The key of item ${items.length + 1} does not open with this organization's key.` };
      }
    }
    const { key: _itemKey, ...rest } = item;
    items.push(await openDeep(key, rest));
  }
  const collections = await openDeep(orgKey, Array.isArray(d["collections"]) ? d["collections"] : []);
  return { ok: true, text: JSON.stringify({ encrypted: false, collections, items }) };
}
