// Opening every EncString inside an item or export document at once, for the clear export and
// for reading the organization's own encrypted export back in.

import type { SymmetricKey } from "../crypto";
import { decryptOr } from "./decrypt";

/** An EncString as the server stores them: `<type>.<base64>|<base64>[|<base64>]`. */
const ENC_STRING = /^\d+\.[A-Za-z0-9+/=]+\|[A-Za-z0-9+/=|]+$/;

export function isEncString(value: unknown): value is string {
  return typeof value === "string" && ENC_STRING.test(value);
}

/** Every EncString inside `value`, decrypted with `key`; checksums (only for clients) dropped. */
export async function openDeep(key: SymmetricKey, value: unknown): Promise<unknown> {
  if (typeof value === "string") return isEncString(value) ? decryptOr(key, value) : value;
  if (Array.isArray(value)) return Promise.all(value.map((v) => openDeep(key, v)));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === "uriChecksum") continue;
      out[k] = await openDeep(key, v);
    }
    return out;
  }
  return value;
}
