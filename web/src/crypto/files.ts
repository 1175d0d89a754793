// Attachment bodies: the binary form of EncString type 2 that every Bitwarden client reads,
// `[2][iv: 16][mac: 32][ciphertext]`, under the attachment's own key. Built on the key's
// EncString encryption, so the MAC is checked before anything is decrypted.

import { type Bytes, concatBytes, fromBase64, toBase64 } from "./bytes.js";
import { CryptoError } from "./errors.js";
import type { SymmetricKey } from "./symmetric.js";

const HEADER = 1 + 16 + 32;

export async function encryptFile(key: SymmetricKey, data: Uint8Array): Promise<Bytes> {
  const enc = await key.encrypt(data);
  const [iv = "", ct = "", mac = ""] = enc.slice(2).split("|");
  return concatBytes(Uint8Array.of(2), fromBase64(iv), fromBase64(mac), fromBase64(ct));
}

export async function decryptFile(key: SymmetricKey, data: Uint8Array): Promise<Bytes> {
  if (data.length <= HEADER || data[0] !== 2) {
    throw new CryptoError("malformed", "Not an encrypted attachment (type 2 expected).");
  }
  const iv = data.subarray(1, 17);
  const mac = data.subarray(17, HEADER);
  const ct = data.subarray(HEADER);
  return key.decrypt(`2.${toBase64(iv)}|${toBase64(ct)}|${toBase64(mac)}`);
}
