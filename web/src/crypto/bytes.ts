// Byte helpers shared by the crypto module: standard padded base64 (the only flavour the vault
// formats use), UTF-8, randomness and a constant-time comparison.

import { CryptoError } from "./errors.js";

/** A byte array backed by a plain ArrayBuffer, which is what WebCrypto accepts. */
export type Bytes = Uint8Array<ArrayBuffer>;

/** `u` itself when WebCrypto can take it as is, else a copy. */
export function bufferOf(u: Uint8Array): Bytes {
  return u.buffer instanceof ArrayBuffer ? (u as Bytes) : new Uint8Array(u);
}

export function randomBytes(length: number): Bytes {
  const out = new Uint8Array(length);
  crypto.getRandomValues(out);
  return out;
}

export function concatBytes(...parts: Uint8Array[]): Bytes {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Compares in time that depends only on the lengths, never on where the inputs differ. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder("utf-8", { fatal: true });

export function utf8Encode(text: string): Bytes {
  return encoder.encode(text);
}

/** Decodes UTF-8, throwing a CryptoError ("utf8") on invalid sequences instead of inserting U+FFFD. */
export function utf8Decode(bytes: Uint8Array): string {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    throw new CryptoError("utf8", "Decrypted data is not valid UTF-8 text.");
  }
}

/** Standard base64 with padding. */
export function toBase64(bytes: Uint8Array): string {
  // btoa takes a "binary string"; build it in chunks so large inputs don't overflow the stack.
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Strict standard base64: `+/` alphabet, padded, no whitespace. Anything else throws a
 * CryptoError ("malformed") naming `what`.
 */
export function fromBase64(text: string, what = "base64 value"): Bytes {
  if (!BASE64.test(text)) {
    throw new CryptoError("malformed", `Invalid ${what}: not standard padded base64.`);
  }
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
