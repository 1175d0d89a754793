// 64-byte symmetric keys (32 bytes AES-256-CBC + 32 bytes HMAC-SHA256) and EncString type 2,
// `2.<iv>|<ciphertext>|<mac>`, which carries every vault field and every wrapped symmetric key.

import {
  type Bytes,
  bufferOf,
  concatBytes,
  constantTimeEqual,
  fromBase64,
  randomBytes,
  toBase64,
  utf8Decode,
  utf8Encode,
} from "./bytes.js";
import { CryptoError } from "./errors.js";
import { hkdfExpand } from "./primitives.js";

/**
 * A user, org, provider or item key: the first 32 bytes encrypt (AES-256-CBC), the last 32
 * authenticate (HMAC-SHA256). Lives in memory only; it never serialises itself.
 */
export class SymmetricKey {
  readonly #bytes: Bytes;
  #aes: Promise<CryptoKey> | undefined;
  #mac: Promise<CryptoKey> | undefined;

  private constructor(bytes: Bytes) {
    this.#bytes = bytes;
  }

  /** A fresh key from the platform's CSPRNG. */
  static random(): SymmetricKey {
    return new SymmetricKey(randomBytes(64));
  }

  /** A key from its 64 raw bytes (copied). Throws CryptoError ("key") for any other length. */
  static fromBytes(bytes: Uint8Array): SymmetricKey {
    if (bytes.length !== 64) {
      throw new CryptoError("key", `A symmetric key must be 64 bytes, got ${bytes.length}.`);
    }
    return new SymmetricKey(new Uint8Array(bytes));
  }

  /** A copy of the 64 raw bytes (enc || mac). */
  toBytes(): Bytes {
    return new Uint8Array(this.#bytes);
  }

  /** Same key material (constant time). */
  equals(other: SymmetricKey): boolean {
    return constantTimeEqual(this.#bytes, other.#bytes);
  }

  /** Keys must never end up in JSON, logs or storage by accident. */
  toJSON(): string {
    return "SymmetricKey(<redacted>)";
  }

  toString(): string {
    return "SymmetricKey(<redacted>)";
  }

  /** Encrypts to an EncString type 2 with a fresh random IV. */
  async encrypt(plaintext: Uint8Array): Promise<string> {
    const iv = randomBytes(16);
    const ct = new Uint8Array(
      await crypto.subtle.encrypt({ name: "AES-CBC", iv }, await this.#aesKey(), bufferOf(plaintext)),
    );
    const mac = await this.#macOf(iv, ct);
    return `2.${toBase64(iv)}|${toBase64(ct)}|${toBase64(mac)}`;
  }

  /** Decrypts an EncString type 2, verifying the MAC (constant time) before touching the ciphertext. */
  async decrypt(encString: string): Promise<Bytes> {
    const { iv, ct, mac } = parseType2(encString);
    const expected = await this.#macOf(iv, ct);
    if (!constantTimeEqual(expected, mac)) {
      throw new CryptoError("mac", "EncString MAC mismatch: wrong key or tampered data.");
    }
    try {
      return new Uint8Array(await crypto.subtle.decrypt({ name: "AES-CBC", iv }, await this.#aesKey(), ct));
    } catch {
      throw new CryptoError("decrypt", "AES-CBC decryption failed (bad padding).");
    }
  }

  #aesKey(): Promise<CryptoKey> {
    this.#aes ??= crypto.subtle.importKey("raw", this.#bytes.slice(0, 32), { name: "AES-CBC" }, false, [
      "encrypt",
      "decrypt",
    ]);
    return this.#aes;
  }

  async #macOf(iv: Uint8Array, ct: Uint8Array): Promise<Bytes> {
    this.#mac ??= crypto.subtle.importKey(
      "raw",
      this.#bytes.slice(32, 64),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    return new Uint8Array(await crypto.subtle.sign("HMAC", await this.#mac, concatBytes(iv, ct)));
  }
}

/** The EncString header (`<type>.`), or null when there is none or it is not a number. */
export function encStringType(encString: string): number | null {
  const m = /^(\d+)\./.exec(encString);
  return m ? Number(m[1]) : null;
}

function parseType2(encString: string): { iv: Bytes; ct: Bytes; mac: Bytes } {
  if (typeof encString !== "string") {
    throw new CryptoError("malformed", "Not an EncString.");
  }
  const type = encStringType(encString);
  if (type === null) {
    throw new CryptoError("malformed", 'Not an EncString: expected "2.<iv>|<ct>|<mac>".');
  }
  if (type !== 2) {
    throw new CryptoError(
      type >= 0 && type <= 7 ? "unsupported" : "malformed",
      `EncString type ${type} cannot be decrypted with a symmetric key here (expected type 2).`,
    );
  }
  const pieces = encString.slice(2).split("|");
  if (pieces.length !== 3) {
    throw new CryptoError("malformed", `EncString type 2 needs 3 pieces (iv|ct|mac), got ${pieces.length}.`);
  }
  const [ivB64, ctB64, macB64] = pieces as [string, string, string];
  const iv = fromBase64(ivB64, "EncString IV");
  const ct = fromBase64(ctB64, "EncString ciphertext");
  const mac = fromBase64(macB64, "EncString MAC");
  if (iv.length !== 16) throw new CryptoError("malformed", "EncString IV must be 16 bytes.");
  if (mac.length !== 32) throw new CryptoError("malformed", "EncString MAC must be 32 bytes.");
  if (ct.length === 0 || ct.length % 16 !== 0) {
    throw new CryptoError("malformed", "EncString ciphertext must be a non-empty multiple of 16 bytes.");
  }
  return { iv, ct, mac };
}

/** The stretched master key: HKDF-Expand of the master key (as PRK) with info "enc" and "mac". */
export async function stretchMasterKey(masterKey: Uint8Array): Promise<SymmetricKey> {
  if (masterKey.length !== 32) {
    throw new CryptoError("key", `A master key must be 32 bytes, got ${masterKey.length}.`);
  }
  const enc = await hkdfExpand(masterKey, utf8Encode("enc"), 32);
  const mac = await hkdfExpand(masterKey, utf8Encode("mac"), 32);
  return SymmetricKey.fromBytes(concatBytes(enc, mac));
}

export function encryptBytes(key: SymmetricKey, bytes: Uint8Array): Promise<string> {
  return key.encrypt(bytes);
}

export function encryptString(key: SymmetricKey, text: string): Promise<string> {
  return key.encrypt(utf8Encode(text));
}

export function decryptBytes(key: SymmetricKey, enc: string): Promise<Bytes> {
  return key.decrypt(enc);
}

export async function decryptString(key: SymmetricKey, enc: string): Promise<string> {
  return utf8Decode(await key.decrypt(enc));
}

/** `key` encrypted under `wrappingKey` (type 2): user key under the stretched master key, org key under a provider key. */
export function wrapSymmetricKey(wrappingKey: SymmetricKey, key: SymmetricKey): Promise<string> {
  return wrappingKey.encrypt(key.toBytes());
}

/** The inverse of `wrapSymmetricKey`; throws CryptoError ("mac") for the wrong wrapping key. */
export async function unwrapSymmetricKey(wrappingKey: SymmetricKey, enc: string): Promise<SymmetricKey> {
  return SymmetricKey.fromBytes(await wrappingKey.decrypt(enc));
}
