// Hash-level primitives over WebCrypto: SHA-256, HMAC-SHA256, HKDF-Expand (RFC 5869 step 2 only:
// the protocol uses already-uniform keys as the PRK and skips Extract) and PBKDF2-SHA256.

import { type Bytes, bufferOf, concatBytes } from "./bytes.js";

export async function sha256(data: Uint8Array): Promise<Bytes> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", bufferOf(data)));
}

export async function hmacSha256(key: Uint8Array, data: Uint8Array): Promise<Bytes> {
  const k = await crypto.subtle.importKey(
    "raw",
    bufferOf(key),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return new Uint8Array(await crypto.subtle.sign("HMAC", k, bufferOf(data)));
}

/** HKDF-Expand with SHA-256: T(i) = HMAC(prk, T(i-1) || info || i), truncated to `length`. */
export async function hkdfExpand(prk: Uint8Array, info: Uint8Array, length: number): Promise<Bytes> {
  if (!Number.isInteger(length) || length < 1 || length > 255 * 32) {
    throw new RangeError(`HKDF-Expand length must be 1..${255 * 32}`);
  }
  const out = new Uint8Array(length);
  let previous: Uint8Array = new Uint8Array(0);
  for (let i = 1, offset = 0; offset < length; i++) {
    previous = await hmacSha256(prk, concatBytes(previous, info, Uint8Array.of(i)));
    out.set(previous.subarray(0, Math.min(32, length - offset)), offset);
    offset += 32;
  }
  return out;
}

export async function pbkdf2Sha256(
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
): Promise<Bytes> {
  const k = await crypto.subtle.importKey("raw", bufferOf(password), "PBKDF2", false, [
    "deriveBits",
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt: bufferOf(salt), iterations },
    k,
    256,
  );
  return new Uint8Array(bits);
}
