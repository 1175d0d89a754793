// Fingerprint phrases: the five words the official apps show for a user's public key, compared out
// of band before an admin wraps an org or provider key for that user.
//
// SHA-256 of the SPKI DER public key is the PRK of an HKDF-Expand (SHA-256) whose info is the
// fingerprint material (the user's id); the 32 bytes, read as one big-endian integer, are divided
// by the word-list size five times, each remainder picking a word. Words are joined with "-".

import { fromBase64, utf8Encode } from "./bytes.js";
import { hkdfExpand, sha256 } from "./primitives.js";

/** The five word indexes for a 32-byte fingerprint (exported for tests and cross-checks). */
export function fingerprintWordIndexes(fingerprint: Uint8Array, listSize = 7776): number[] {
  let n = 0n;
  for (const byte of fingerprint) n = (n << 8n) | BigInt(byte);
  const size = BigInt(listSize);
  const out: number[] = [];
  for (let i = 0; i < 5; i++) {
    out.push(Number(n % size));
    n /= size;
  }
  return out;
}

/** The 32-byte fingerprint of a public key for the given material (the user's id). */
export async function fingerprintBytes(fingerprintMaterial: string, publicKeyB64: string): Promise<Uint8Array> {
  const prk = await sha256(fromBase64(publicKeyB64, "public key"));
  return hkdfExpand(prk, utf8Encode(fingerprintMaterial), 32);
}

/** The phrase, e.g. "turban-deftly-anime-chatroom-unselfish". */
export async function fingerprintPhrase(fingerprintMaterial: string, publicKeyB64: string): Promise<string> {
  const [fp, { WORDS }] = await Promise.all([
    fingerprintBytes(fingerprintMaterial, publicKeyB64),
    import("./wordlist.js"),
  ]);
  return fingerprintWordIndexes(fp, WORDS.length)
    .map((i) => WORDS[i] ?? "")
    .join("-");
}
